"""Temporal expressions: finding them in news text and resolving them to calendar dates.

``resolve`` turns one expression into a :class:`~newsledger.model.DateValue` against the
publication date; ``find`` locates and resolves every expression of a text; and
``normalise_tsv`` serves the ``newsledger dates --tsv`` command. The words and phrasings
of each language live in ``lang/<code>/timex.yaml``.
"""
from __future__ import annotations

from newsledger.timex.find import TimexMatch, find
from newsledger.timex.resolve import resolve
from newsledger.timex.tsv import normalise_tsv

__all__ = ["TimexMatch", "find", "normalise_tsv", "resolve"]
