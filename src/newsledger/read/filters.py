"""What a list of events can be narrowed by, and the folding that text matching uses.

One ``EventFilter`` serves the CLI's ``events``, ``GET /api/v1/events``, the export and
the web timeline, so a filter means the same thing everywhere (an export "respects the
filters" because it is the same object).
"""
from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

from newsledger.errors import InputError

SORTS = ("date", "-date", "sources")
DOCUMENT_STATUSES = ("merged", "unmerged", "failed")


@dataclass(frozen=True, kw_only=True)
class DocumentFilter:
    """What ``documents`` narrows the stored documents (and failed sources) by; None does
    not filter.

    * ``source``: every word appears (case aside) in the file, URL or title;
    * ``language``: ``en`` or ``es``;
    * ``since``/``until``: published on or after / on or before (undated ones are left out);
    * ``undated``: True for documents without a publication date only;
    * ``status``: ``merged`` (in the ledger), ``unmerged`` (stored, waiting for ``sync``)
      or ``failed`` (sources that could not be ingested; ``failures`` lists the same).
      Failed sources are listed with the rest only when no language or date is asked for.
    """

    source: str | None = None
    language: str | None = None
    since: date | None = None
    until: date | None = None
    undated: bool | None = None
    status: str | None = None

    def __post_init__(self) -> None:
        if self.status is not None and self.status not in DOCUMENT_STATUSES:
            raise InputError("status", f"unknown document status {self.status!r}",
                             hint=f"use one of: {', '.join(DOCUMENT_STATUSES)}")


@dataclass(frozen=True, kw_only=True)
class EventFilter:
    """Every field narrows the events; None (the default) does not filter.

    * ``type``: an event type of the ontology (``transfer``);
    * ``country``: an ISO code (``MX``) that is the origin, destination or the country of
      a participant;
    * ``entity``: an entity id (``person-rafael-caro-quintero``) or any name or alias;
    * ``since``/``until``: the event's date range overlaps ``[since, until]`` (an event of
      unknown date overlaps nothing); ``period`` (``2025`` or ``2025-02``) does the same
      for a year or month, as the timeline's facets do;
    * ``text``: every word appears (case and accents aside) in the type, a name, the
      place, or an outlet or title of a source;
    * ``min_sources``: at least this many documents report the event;
    * ``factual``: True for events neither negated nor hypothetical, False for the others.

    ``sort`` is ``date`` (timeline order, unknown dates last), ``-date`` (latest first)
    or ``sources`` (most reported first).
    """

    type: str | None = None
    country: str | None = None
    entity: str | None = None
    since: date | None = None
    until: date | None = None
    period: str | None = None
    text: str | None = None
    min_sources: int | None = None
    factual: bool | None = None
    sort: str = "date"

    def __post_init__(self) -> None:
        if self.sort not in SORTS:
            raise InputError("sort", f"unknown sort {self.sort!r}", hint=f"use one of: {', '.join(SORTS)}")
        if self.period is not None:
            period_range(self.period)

    def window(self) -> tuple[date | None, date | None]:
        """The date range the filter asks events to overlap, ``period`` included."""
        first, last = self.since, self.until
        if self.period is not None:
            start, end = period_range(self.period)
            first = start if first is None else max(first, start)
            last = end if last is None else min(last, end)
        return first, last


def period_range(period: str) -> tuple[date, date]:
    """``2025`` → the year, ``2025-02`` → the month; anything else is an ``InputError``."""
    import calendar

    text = period.strip()
    try:
        if len(text) == 4 and text.isdigit():
            year = int(text)
            return date(year, 1, 1), date(year, 12, 31)
        if len(text) == 7 and text[4] == "-" and text[:4].isdigit() and text[5:].isdigit():
            year, month = int(text[:4]), int(text[5:])
            return date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1])
    except ValueError:
        pass
    raise InputError("period", f"unparseable period {period!r}", hint="use YYYY or YYYY-MM")


def overlaps(start: date | None, end: date | None, first: date | None, last: date | None) -> bool:
    """Whether ``[start, end]`` overlaps ``[first, last]``; an unknown range overlaps nothing."""
    if first is None and last is None:
        return True
    if start is None or end is None:
        return False
    return (first is None or end >= first) and (last is None or start <= last)


@lru_cache(maxsize=4096)
def _fold_char(char: str) -> str:
    base = unicodedata.normalize("NFKD", char)[:1] or char
    folded = base.lower()
    return folded if len(folded) == 1 else base


def fold(text: str) -> str:
    """Lower case without accents, one character per character: offsets found in the
    folded text are offsets in the original, so matches can be highlighted."""
    if text.isascii():
        return text.lower()
    return "".join(char.lower() if char.isascii() else _fold_char(char) for char in text)


def words(query: str | None) -> list[str]:
    """The folded words of a query, for all-words matching."""
    return fold(query).split() if query else []
