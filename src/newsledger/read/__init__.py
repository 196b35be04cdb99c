"""The read API: one typed way to ask the ledger and its store what they hold.

``Reader(store)`` answers events (filtered, paginated, with facets), an event with its
statements, sentences and conflicts, entities, series with their tallies, claim checks,
documents with their text and spans, failures, search and exports. It returns the views
of ``newsledger.read.views`` and raises ``errors.NotFound`` for unknown ids. The CLI, the
JSON API and the web pages all read through it; reads never write.
"""
from __future__ import annotations

from newsledger.read.filters import DocumentFilter, EventFilter
from newsledger.read.reader import Reader

__all__ = ["DocumentFilter", "EventFilter", "Reader"]
