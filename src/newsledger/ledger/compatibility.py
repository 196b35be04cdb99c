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
* an unknown date needs much more evidence; it and a coarse date (week or coarser) need at
  least a shared count or an exactly shared name (person, group or place).

Pairs scoring at least ``SURE`` are merged; those between ``UNSURE`` and ``SURE`` are kept
apart and listed as candidate links for a person to decide.
"""
from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from newsledger.ledger.names import Name, could_match_apart, same_entity
from newsledger.ledger.reports import Report

SURE = 3.5
UNSURE = 1.5
MAX_DAY_GAP = 2  # dates further apart than this never belong to one event

# Two statements of the same date: a day is strong evidence, a shared month or year weak
# (many events share one), but not negative, as a background event recalled by its year.
_EQUAL_DATE = {0: 3.0, 1: 1.5, 2: 0.25, 3: 0.0, 4: 0.0, 5: 0.0}  # by precision rank
# A coarse date containing a fine one says little, and the coarser the less: a year-level
# mention with an equal count and route is a candidate, not a sure link.
_CONTAINED = {1: 1.0, 2: 0.25, 3: -1.0, 4: -2.0, 5: -3.0}  # by the coarser date's rank
_ROUTE = 0.75  # each of origin and destination stated equal
_MAX_NAME_BONUS = 5.0
_DAY_GAP_PENALTY = {1: -1.0, 2: -2.5}
_UNKNOWN_DATE = -2.0
_DISJOINT_PERSONS = -3.0
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


def count_weight(count: int) -> float:
    """Evidence of an equal count: small counts are common (one extradition is like many
    others), large ones distinctive (29 prisoners on one day)."""
    return min(3.0, 1.5 + 1.5 * math.log10(max(abs(count), 1)))


def count_range(value: int) -> range:
    """All counts that ``count_penalty`` does not reject against ``value`` (for blocking)."""
    spread = max(1, int(abs(value) * 0.10 / 0.9) + 1)
    return range(value - spread, value + spread + 1)


def compare(a: Report, b: Report) -> Score:
    """Score two reports with the reasons; symmetric and pure."""
    reasons: list[str] = []
    value = _evaluate(a, b, reasons)
    if value == BLOCKED:
        return Score(BLOCKED, tuple(reasons[-1:]), True)
    return Score(round(value, 3), tuple(reasons))


def score_value(a: Report, b: Report) -> float:
    """The score alone (``BLOCKED`` for a blocked pair), fast enough for bulk merging.

    It skips matching names by spelling rules when no outcome could change: if the pair
    is a sure link (or no candidate) whether or not the names match, the value returned
    is the lower bound. Candidate links always get their exact value.
    """
    return _evaluate(a, b, None)


BLOCKED = float("-inf")


def contradicts(a: Report, b: Report) -> bool:
    """Whether two reports cannot be one event (unlike a mere lack of evidence).

    Resolution keeps such pairs out of one record even when links chain them together:
    another type or status, other countries, counts or dates too far apart.
    """
    ea, eb = a.event, b.event
    if ea.type != eb.type or ea.negated != eb.negated or ea.hypothetical != eb.hypothetical:
        return True
    if (ea.origin and eb.origin and ea.origin != eb.origin) or (
            ea.destination and eb.destination and ea.destination != eb.destination):
        return True
    if ea.count is not None and eb.count is not None and count_penalty(ea.count, eb.count) is None:
        return True
    if a.start is not None and b.start is not None:
        assert a.end is not None and b.end is not None
        return max(a.start, b.start) - min(a.end, b.end) > MAX_DAY_GAP
    return False


def _category(value: float) -> int:
    return 0 if value < UNSURE else (1 if value < SURE else 2)


def _evaluate(a: Report, b: Report, reasons: list[str] | None) -> float:
    if b.key < a.key:  # one canonical order makes every tie-break symmetric
        a, b = b, a
    ea, eb = a.event, b.event
    if ea.type != eb.type:
        return _block(reasons, "different type")
    if ea.negated != eb.negated or ea.hypothetical != eb.hypothetical:
        return _block(reasons, "negated or hypothetical against another status")
    if ea.origin and eb.origin and ea.origin != eb.origin:
        return _block(reasons, f"origin {ea.origin} vs {eb.origin}")
    if ea.destination and eb.destination and ea.destination != eb.destination:
        return _block(reasons, f"destination {ea.destination} vs {eb.destination}")
    value = 0.0

    counted = ea.count is not None and eb.count is not None
    if counted:
        penalty = count_penalty(ea.count, eb.count)  # type: ignore[arg-type]
        if penalty is None:
            return _block(reasons, f"count {ea.count} vs {eb.count}")
        if penalty == 0:
            value += count_weight(ea.count)  # type: ignore[arg-type]
            if reasons is not None:
                reasons.append(f"count {ea.count} = {eb.count}")
        else:
            value += penalty
            if reasons is not None:
                reasons.append(f"count {ea.count} vs {eb.count}")

    if a.start is None or b.start is None:
        if not counted and not _shared_exact(a, b):
            return _block(reasons, "unknown date without a shared count or name")
        value += _UNKNOWN_DATE
        if reasons is not None:
            reasons.append("date unknown")
    else:
        assert a.end is not None and b.end is not None
        if (a.rank or b.rank) and not counted and not _shared_exact(a, b):
            return _block(reasons, "coarse date without a shared count or name")
        gap = max(a.start, b.start) - min(a.end, b.end)
        if gap > MAX_DAY_GAP:
            return _block(reasons, f"dates {ea.date.value} vs {eb.date.value}")
        if gap > 0:
            value += _DAY_GAP_PENALTY[gap]
            if reasons is not None:
                reasons.append(f"dates {ea.date.value} vs {eb.date.value} ({gap} day{'s' if gap > 1 else ''} apart)")
        elif a.start == b.start and a.end == b.end:
            value += _EQUAL_DATE.get(min(a.rank, b.rank), 0.0)
            if reasons is not None:
                reasons.append(f"same date {ea.date.value}")
        elif (a.start <= b.start and b.end <= a.end) or (b.start <= a.start and a.end <= b.end):
            coarse, fine = (a, b) if a.end - a.start >= b.end - b.start else (b, a)
            value += _CONTAINED.get(coarse.rank, 0.0)
            if reasons is not None:
                reasons.append(f"{coarse.event.date.value} contains {fine.event.date.value}")
        elif reasons is not None:
            reasons.append(f"dates {ea.date.value} and {eb.date.value} overlap")

    if ea.origin and eb.origin:
        value += _ROUTE
        if reasons is not None:
            reasons.append(f"origin {ea.origin}")
    if ea.destination and eb.destination:
        value += _ROUTE
        if reasons is not None:
            reasons.append(f"destination {ea.destination}")

    if a.location is not None and b.location is not None:
        if same_entity(a.location, b.location):
            value += _LOCATION
            if reasons is not None:
                reasons.append(f"location {a.location.text}")
        else:
            value += _OTHER_LOCATION
            if reasons is not None:
                reasons.append(f"location {a.location.text} vs {b.location.text}")

    if a.document.id == b.document.id:
        value += _SAME_DOCUMENT
    value += _names_evidence(a, b, value, reasons)
    if a.document.id == b.document.id and reasons is not None:
        reasons.append("same document")
    if value >= SURE and _needs_a_name(a, b) and not _shares_actor(a, b):
        value = SURE - 0.25
        if reasons is not None:
            reasons.append("coarse date: sure only with a shared person or group")
    return value


def _needs_a_name(a: Report, b: Report) -> bool:
    """Whether a pair can be a sure link only through a shared person or group.

    A count shared by two mentions of one month (or year) is common enough to be chance,
    unless the series is narrow (the origin and destination are stated on both sides, as
    for "Last February, Mexico sent 29 …"); a year-level mention always needs a name.
    """
    coarsest = max(a.rank, b.rank)
    if coarsest >= 4:
        return True
    if coarsest >= 2:
        ea, eb = a.event, b.event
        return not (ea.origin and eb.origin and ea.destination and eb.destination)
    return False


def _shares_actor(a: Report, b: Report) -> bool:
    shared = a.evidence & b.evidence
    return any(not name.startswith("@") for name in shared)


def _block(reasons: list[str] | None, reason: str) -> float:
    if reasons is not None:
        reasons.append(reason)
    return BLOCKED


def _names_evidence(a: Report, b: Report, base: float, reasons: list[str] | None) -> float:
    """Shared participants (capped) and the penalty for naming only different people.

    Names are matched exactly (folded) first; the remaining ones by spelling rules, which
    are skipped in bulk scoring when they could not move the pair across a threshold.
    """
    both_persons = bool(a.persons_folded) and bool(b.persons_folded)
    wa, wb = a.weights, b.weights
    exact = a.folded & b.folded
    bonus = sum(min(wa[f], wb[f]) for f in exact)
    shared = [f for f in wa if f in exact]
    loose_a = [n for n in a.unique if n.folded not in exact]
    loose_b = [n for n in b.unique if n.folded not in exact]
    persons_met = not a.persons_folded.isdisjoint(b.persons_folded)
    if loose_a and loose_b:
        if reasons is None:
            low = base + min(bonus, _MAX_NAME_BONUS) + (_DISJOINT_PERSONS if both_persons and not persons_met else 0)
            high = base + min(bonus + sum(wa[n.folded] for n in loose_a), _MAX_NAME_BONUS)
            if _category(low) == _category(high) != 1:
                return low - base
        for name in loose_a:
            match = _match(name, loose_b)
            if match is not None:
                bonus += min(wa[name.folded], wb[match.folded])
                shared.append(name.folded)
        if both_persons and not persons_met:
            persons_met = _persons_met(a, b)
    value = min(bonus, _MAX_NAME_BONUS)
    if reasons is not None and shared:
        texts = {n.folded: n.text for n in a.unique}
        reasons.append("shared " + ", ".join(texts[f] for f in shared))
    if both_persons and not persons_met:
        value += _DISJOINT_PERSONS
        if reasons is not None:
            reasons.append("no person in common")
    return value


def _shared_exact(a: Report, b: Report) -> bool:
    """A shared person, group or place by exact folded name: what an unknown or coarse date
    needs at least, failing a count. Exactness keeps the blocking index complete: reports
    are filed under these names (see ``index.BlockingIndex``).
    """
    return not a.evidence.isdisjoint(b.evidence)


def evidence_names(report: Report) -> frozenset[str]:
    """Folded names (people, groups, and the place as "@place") that may justify linking a
    report with an unknown or coarse date."""
    return report.evidence


def _persons_met(a: Report, b: Report) -> bool:
    if a.persons_folded & b.persons_folded:
        return True
    return any((not x.words.isdisjoint(y.words) or could_match_apart(x, y)) and same_entity(x, y)
               for x in a.names.get("persons", ()) for y in b.names.get("persons", ()))


def _match(name: Name, others: Sequence[Name]) -> Name | None:
    for other in others:
        if name.words.isdisjoint(other.words) and not could_match_apart(name, other):
            continue
        if same_entity(name, other):
            return other
    return None
