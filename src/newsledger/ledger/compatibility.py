"""Whether two reports describe one real event: a score with its reasons.

The decision is pairwise and depends only on the two reports, which is what makes the
ledger independent of ingestion order. Hard incompatibilities (another type, a negated or
hypothetical event against a factual one, other countries, dates or counts too far apart)
block a pair outright; everything else adds or removes evidence:

* dates: the same day is strong evidence; a coarser date that contains the other (the
  background "Last February" against "27 February") is weaker; a day or two apart is a
  conflict that only strong other evidence can overcome;
* counts: equal counts are strong evidence, slightly different ones a conflict;
* origin, destination, location, and shared participants (people weigh most);
* an unknown date needs much more evidence, and at least a shared count or name.

Pairs scoring at least ``SURE`` are merged; those between ``UNSURE`` and ``SURE`` are kept
apart and listed as candidate links for a person to decide.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from newsledger.ledger.names import Name, same_entity
from newsledger.ledger.reports import Report

SURE = 3.5
UNSURE = 1.5
MAX_DAY_GAP = 2  # dates further apart than this never belong to one event

_EQUAL_DATE = {0: 3.0, 1: 2.0, 2: 1.5, 3: 1.5, 4: 1.5, 5: 0.5}  # by precision rank
_CONTAINED = {1: 1.5, 2: 1.0, 3: 0.5, 4: 0.25, 5: 0.0}  # by the coarser date's rank
_NAME_WEIGHT = {"person": 2.0, "organization": 0.75, "place": 0.3, None: 0.5}
_MAX_NAME_BONUS = 4.0
_DAY_GAP_PENALTY = {1: -1.0, 2: -2.5}
_UNKNOWN_DATE = -2.0
_DISJOINT_PERSONS = -1.5
_SAME_DOCUMENT = -1.0
_LOCATION = 1.0
_OTHER_LOCATION = -1.5


@dataclass(frozen=True)
class Score:
    """The evidence that two reports are one event; ``blocked`` means never automatically."""

    value: float
    reasons: tuple[str, ...]
    blocked: bool = False

    @property
    def sure(self) -> bool:
        return not self.blocked and self.value >= SURE

    @property
    def candidate(self) -> bool:
        return not self.blocked and self.value >= UNSURE


def _blocked(reason: str) -> Score:
    return Score(float("-inf"), (reason,), True)


def _day(ordinal: int) -> str:
    return date.fromordinal(ordinal).isoformat()


def count_penalty(a: int, b: int) -> float | None:
    """How much two stated counts disagree: 0 equal, negative close, None incompatible."""
    if a == b:
        return 0.0
    diff = abs(a - b)
    relative = diff / max(abs(a), abs(b), 1)
    if diff == 1 or relative <= 0.03:
        return -1.0
    if relative <= 0.10:
        return -2.5
    return None


def count_range(value: int) -> range:
    """All counts that ``count_penalty`` does not reject against ``value`` (for blocking)."""
    spread = max(1, int(abs(value) * 0.10 / 0.9) + 1)
    return range(value - spread, value + spread + 1)


def compare(a: Report, b: Report) -> Score:
    """Score two reports; symmetric, pure, and cheap when the pair is incompatible."""
    if b.key < a.key:  # one canonical order makes every tie-break symmetric
        a, b = b, a
    ea, eb = a.event, b.event
    if ea.type != eb.type:
        return _blocked("different type")
    if ea.negated != eb.negated or ea.hypothetical != eb.hypothetical:
        return _blocked("negated or hypothetical against another status")
    if ea.origin and eb.origin and ea.origin != eb.origin:
        return _blocked(f"origin {ea.origin} vs {eb.origin}")
    if ea.destination and eb.destination and ea.destination != eb.destination:
        return _blocked(f"destination {ea.destination} vs {eb.destination}")
    value = 0.0
    reasons: list[str] = []

    counted = ea.count is not None and eb.count is not None
    if counted:
        penalty = count_penalty(ea.count, eb.count)  # type: ignore[arg-type]
        if penalty is None:
            return _blocked(f"count {ea.count} vs {eb.count}")
        if penalty == 0:
            value += 3.0
            reasons.append(f"count {ea.count} = {eb.count}")
        else:
            value += penalty
            reasons.append(f"count {ea.count} vs {eb.count}")

    if a.start is None or b.start is None:
        if not counted and not _shared_exact(a, b):
            return _blocked("unknown date without a shared count or name")
        value += _UNKNOWN_DATE
        reasons.append("date unknown")
    else:
        assert a.end is not None and b.end is not None
        gap = max(a.start, b.start) - min(a.end, b.end)
        if gap > MAX_DAY_GAP:
            return _blocked(f"dates {ea.date.value} vs {eb.date.value}")
        if gap > 0:
            value += _DAY_GAP_PENALTY[gap]
            reasons.append(f"dates {ea.date.value} vs {eb.date.value} ({gap} day{'s' if gap > 1 else ''} apart)")
        elif a.start == b.start and a.end == b.end:
            value += _EQUAL_DATE.get(min(a.rank, b.rank), 0.0)
            reasons.append(f"same date {ea.date.value}")
        elif (a.start <= b.start and b.end <= a.end) or (b.start <= a.start and a.end <= b.end):
            coarse, fine = (a, b) if a.end - a.start >= b.end - b.start else (b, a)
            value += _CONTAINED.get(coarse.rank, 0.0)
            reasons.append(f"{coarse.event.date.value} contains {fine.event.date.value}")
        else:
            reasons.append(f"dates {ea.date.value} and {eb.date.value} overlap")

    for slot, mine, theirs in (("origin", ea.origin, eb.origin), ("destination", ea.destination, eb.destination)):
        if mine and theirs:
            value += 1.0
            reasons.append(f"{slot} {mine}")

    if a.location is not None and b.location is not None:
        if same_entity(a.location, b.location):
            value += _LOCATION
            reasons.append(f"location {a.location.text}")
        else:
            value += _OTHER_LOCATION
            reasons.append(f"location {a.location.text} vs {b.location.text}")

    bonus, shared = _shared_names(a, b)
    if shared:
        value += min(bonus, _MAX_NAME_BONUS)
        reasons.append("shared " + ", ".join(shared))
    persons_a, persons_b = a.names.get("persons", ()), b.names.get("persons", ())
    if persons_a and persons_b and not any(same_entity(x, y) for x in persons_a for y in persons_b):
        value += _DISJOINT_PERSONS
        reasons.append("no person in common")

    if a.document.id == b.document.id:
        value += _SAME_DOCUMENT
        reasons.append("same document")
    return Score(round(value, 3), tuple(reasons))


def _shared_exact(a: Report, b: Report) -> bool:
    """A shared person or group by exact folded name: what an unknown date needs at least.

    Exactness keeps the blocking index complete: unknown-date reports are indexed by
    these folded names (see ``index.evidence_keys``).
    """
    return bool(evidence_names(a) & evidence_names(b))


def evidence_names(report: Report) -> set[str]:
    """Folded names that may justify linking a report with an unknown date."""
    return {name.folded for name in report.all_names() if name.type in ("person", "organization")}


def _shared_names(a: Report, b: Report) -> tuple[float, list[str]]:
    """Weight and display of the participants both reports name (each counted once)."""
    names_b = b.all_names()
    if not names_b:
        return 0.0, []
    total = 0.0
    shared: list[str] = []
    seen: set[str] = set()
    for name in a.all_names():
        if name.folded in seen:
            continue
        match = _match(name, names_b)
        if match is not None:
            seen.add(name.folded)
            total += min(_NAME_WEIGHT.get(name.type, 0.5), _NAME_WEIGHT.get(match.type, 0.5))
            shared.append(name.text)
    return total, shared


def _match(name: Name, others: list[Name]) -> Name | None:
    for other in others:
        if other.folded == name.folded:
            return other
    for other in others:
        if same_entity(name, other):
            return other
    return None
