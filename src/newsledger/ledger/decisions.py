"""A person's decisions and the candidate links they settle, as report-key pairs.

Decisions are kept as pairs of report keys, never record ids, so that they hold after
every later ingest, sync and rebuild (record ids follow their reports): ``merge`` keeps two
reports in one record, ``split`` keeps them apart, ``confirm`` leaves a reviewed item as it
is (``review``). A ``Link`` is a candidate merge the ledger was unsure of.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

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
