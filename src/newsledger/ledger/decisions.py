"""A person's decisions and the candidate links they settle, as report-key pairs.

Decisions are kept as pairs of report keys, never record ids, so that they hold after
every later ingest, sync and rebuild (record ids follow their reports): ``merge`` keeps two
reports in one record, ``split`` keeps them apart, ``confirm`` leaves a reviewed item as it
is (``review``). A ``Link`` is a candidate merge the ledger was unsure of.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from newsledger.errors import LedgerError
from newsledger.ledger.reports import Report

Pair = tuple[str, str]


def pair(a: str, b: str) -> Pair:
    return (a, b) if a < b else (b, a)


@dataclass
class Link:
    """A candidate merge the ledger was unsure of, for a person to decide."""

    a: str
    b: str
    score: float
    reasons: tuple[str, ...]
    reports: Pair

    def to_json(self) -> dict[str, Any]:
        return {"a": self.a, "b": self.b, "score": self.score, "reasons": list(self.reasons),
                "reports": list(self.reports)}


DECISION_KINDS = ("merge", "split", "confirm")


@dataclass
class Decision:
    """A person's decision, kept as report-key pairs so it survives re-merging: ``merge``
    keeps reports together, ``split`` apart, ``confirm`` leaves a reviewed item as it is."""

    kind: str  # one of DECISION_KINDS
    pairs: list[Pair]
    id: int | None = None  # its row in the store, once saved (what ``forget`` names)
    created: datetime | None = None


class MergeConflict(LedgerError):
    """A merge refused because the two events state values one event cannot have;
    ``fields`` names them (``date``, ``count``, ``origin``…)."""

    def __init__(self, message: str, fields: list[str]) -> None:
        super().__init__(message)
        self.fields = fields


def stated(report: Report, name: str) -> str:
    """What a report states for a field ``distinct.differences`` names, as shown to a person."""
    event = report.event
    if name == "date":
        return event.date.value or "?"
    if name == "type":
        return event.type + (" (negated)" if event.negated else "") + (" (hypothetical)" if event.hypothetical else "")
    if name == "persons":
        return ", ".join(event.persons) or "-"
    value = getattr(event, name)
    return "?" if value is None else str(value)
