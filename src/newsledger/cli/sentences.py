"""Sentence boundaries for ``newsledger show``; the code lives in ``newsledger.read.sentences``
(the read API and the web pages need it too). Re-exported for the CLI."""
from __future__ import annotations

from newsledger.read.sentences import sentence_around, sentence_bounds

__all__ = ["sentence_around", "sentence_bounds"]
