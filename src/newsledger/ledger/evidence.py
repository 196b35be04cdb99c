"""How much says that two reports describe one real event: a score with its reasons.

The decision is pairwise and depends only on the two reports, which is what makes the
ledger independent of ingestion order. Hard incompatibilities (``distinct``: another type,
a negated or hypothetical event against a factual one, other countries, dates or counts
too far apart, more people named than counted) block a pair outright; everything else
adds or removes evidence:

* dates: the same day is strong evidence; a coarser date that contains the other (the
  background "Last February" against "27 February") is weaker; a day or two apart is a
  conflict that only strong other evidence can overcome; two coarse dates that do not
  overlap ("June" and "July") are two periods, not a slip;
* counts: equal counts are strong evidence, slightly different ones a conflict;
* origin, destination, location, and shared participants (people weigh most);
* a coarse date (week, month, quarter) needs at least a shared count or an exactly shared
  name (person, group or place); a year or decade needs the name (a count is common within
  a year); an unknown date needs an exactly shared person or place, and
  costs evidence unless both reports are undated and were published within days of each
  other (one news item told twice).

A sure link also needs positive evidence, something specific that both reports state: a
shared person or group, the same place, or a shared count on a shared day (or, for a
narrow series whose origin and destination both reports state, within a week or month).
Agreement on everything else (same type and day, nothing named) is not enough: two
arrests on one day are common. Such pairs stay candidates.

Claimed, planned or denied events without a date (``_claimed``) are the same claim
repeated by several outlets when nothing they state conflicts; they never meet factual ones.

Pairs scoring at least ``SURE`` are merged; those between ``UNSURE`` and ``SURE`` are kept
apart and listed as candidate links for a person to decide.
"""
from __future__ import annotations

from dataclasses import dataclass

from newsledger.ledger.distinct import (MAX_DAY_GAP, claim_conflict, count_penalty, persons_may_meet, people_meet,
                                        too_many_people)
from newsledger.ledger.names import places_agree, related, same_entity
from newsledger.ledger.reports import MAX_NAME_BONUS, Report

__all__ = ["BLOCKED", "SURE", "UNSURE", "Score", "compare", "score_value"]

SURE = 3.5
UNSURE = 1.5
BLOCKED = float("-inf")

# Two statements of the same date: a day is strong evidence, a shared month or year weak
# (many events share one), but not negative, as a background event recalled by its year.
_EQUAL_DATE = {0: 3.0, 1: 1.5, 2: 0.25, 3: 0.0, 4: 0.0, 5: 0.0}  # by precision rank
# A coarse date containing a fine one says little, and the coarser the less: a year-level
# mention with an equal count and route is a candidate, not a sure link.
_CONTAINED = {1: 1.0, 2: 0.25, 3: -1.0, 4: -2.0, 5: -3.0}  # by the coarser date's rank
_ROUTE = 0.75  # each of origin and destination stated equal
_MAX_NAME_BONUS = MAX_NAME_BONUS
_DAY_GAP_PENALTY = {1: -1.0, 2: -2.5}
_UNKNOWN_DATE = -2.0
_UNDATED_NEWS = 2.5  # both undated, published within MAX_DAY_GAP days of each other
_DISJOINT_PERSONS = -3.0
_SAME_DOCUMENT = -1.0
_LOCATION = 1.0
_OTHER_LOCATION = -1.5
_CAPPED = SURE - 0.25  # a pair that would be sure but lacks the evidence a sure link needs

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

def compare(a: Report, b: Report) -> Score:
    """Score two reports with the reasons; symmetric and pure."""
    reasons: list[str] = []
    value = _evaluate(a, b, reasons)
    if value == BLOCKED:
        return Score(BLOCKED, tuple(reasons[-1:]), True)
    return Score(round(value, 3), tuple(reasons))


def score_value(a: Report, b: Report) -> float:
    """The score alone (``BLOCKED`` for a blocked pair), fast enough for bulk merging.

    It stops early when even every name matching could not make the pair a candidate, and
    then returns that upper bound (below ``UNSURE``); candidate and sure links get their
    exact value, the same as ``compare``'s.
    """
    return _evaluate(a, b, None)

def _block(reasons: list[str] | None, reason: str) -> float:
    if reasons is not None:
        reasons.append(reason)
    return BLOCKED


def _evaluate(a: Report, b: Report, reasons: list[str] | None) -> float:
    if b.key < a.key:  # one canonical order makes every tie-break symmetric
        a, b = b, a
    if a.kind != b.kind:
        return _block(reasons, "different type" if a.kind[0] != b.kind[0]
                      else "negated or hypothetical against another status")
    if a.origin and b.origin and a.origin != b.origin:
        return _block(reasons, f"origin {a.origin} vs {b.origin}")
    if a.destination and b.destination and a.destination != b.destination:
        return _block(reasons, f"destination {a.destination} vs {b.destination}")
    value = 0.0
    ca, cb = a.count, b.count
    counted = ca is not None and cb is not None
    count_equal = False
    if counted:
        if ca == cb:
            count_equal = True
            value = a.count_weight
            if reasons is not None:
                reasons.append(f"count {ca} = {cb}")
        else:
            penalty = count_penalty(ca, cb)  # type: ignore[arg-type]
            if penalty is None:
                return _block(reasons, f"count {ca} vs {cb}")
            value = penalty
            if reasons is not None:
                reasons.append(f"count {ca} vs {cb}")

    both_days = False
    coarsest = 6
    if a.start is None or b.start is None:
        if a.start is None and b.start is None and not a.factual:
            return _claimed(a, b, reasons)
        if a.anchors.isdisjoint(b.anchors):
            return _block(reasons, "unknown date without a shared person or place")
        if (a.start is None and b.start is None and a.published_day is not None and b.published_day is not None
                and abs(a.published_day - b.published_day) <= MAX_DAY_GAP):
            value += _UNDATED_NEWS
            if reasons is not None:
                reasons.append(f"undated, published {abs(a.published_day - b.published_day)} days apart")
        else:
            value += _UNKNOWN_DATE
            if reasons is not None:
                reasons.append("date unknown")
    else:
        assert a.end is not None and b.end is not None
        ra, rb = a.rank, b.rank
        coarsest = ra if ra > rb else rb
        gap = (a.start if a.start > b.start else b.start) - (a.end if a.end < b.end else b.end)
        if coarsest:
            if gap > 0 and ra and rb:
                return _block(reasons, f"periods {a.event.date.value} and {b.event.date.value}")
            if coarsest >= 4:
                if a.evidence.isdisjoint(b.evidence):
                    return _block(reasons, "year-level date without a shared name")
            elif not counted and a.evidence.isdisjoint(b.evidence):
                return _block(reasons, "coarse date without a shared count or name")
        if gap > MAX_DAY_GAP:
            return _block(reasons, f"dates {a.event.date.value} vs {b.event.date.value}")
        if gap > 0:
            value += _DAY_GAP_PENALTY[gap]
            if reasons is not None:
                reasons.append(f"dates {a.event.date.value} vs {b.event.date.value}"
                               f" ({gap} day{'s' if gap > 1 else ''} apart)")
        elif a.start == b.start and a.end == b.end:
            value += _EQUAL_DATE.get(coarsest, 0.0)
            if reasons is not None:
                reasons.append(f"same date {a.event.date.value}")
        elif (a.start <= b.start and b.end <= a.end) or (b.start <= a.start and a.end <= b.end):
            coarse, fine = (a, b) if a.end - a.start >= b.end - b.start else (b, a)
            value += _CONTAINED.get(coarse.rank, 0.0)
            if reasons is not None:
                reasons.append(f"{coarse.event.date.value} contains {fine.event.date.value}")
        elif reasons is not None:
            reasons.append(f"dates {a.event.date.value} and {b.event.date.value} overlap")
        both_days = not coarsest

    narrow = bool(a.origin and b.origin and a.destination and b.destination)
    if a.origin and b.origin:
        value += _ROUTE
        if reasons is not None:
            reasons.append(f"origin {a.origin}")
    if a.destination and b.destination:
        value += _ROUTE
        if reasons is not None:
            reasons.append(f"destination {a.destination}")

    same_place = False
    if a.location is not None and b.location is not None:
        if a.location.uid == b.location.uid or same_entity(a.location, b.location):
            same_place = True
            value += _LOCATION
            if reasons is not None:
                reasons.append(f"location {a.location.text}")
        elif not places_agree(a.location, b.location):
            value += _OTHER_LOCATION
            if reasons is not None:
                reasons.append(f"location {a.location.text} vs {b.location.text}")
        elif reasons is not None:
            reasons.append(f"location {a.location.text} within {b.location.text}, or the other way round")

    same_document = a.document.id == b.document.id
    if same_document:
        value += _SAME_DOCUMENT
    if reasons is None:
        # No names can lift the pair to a candidate: its exact value does not matter.
        upper = value + (a.names_total if a.names_total < b.names_total else b.names_total)
        if upper < UNSURE:
            return upper
    # Evidence specific to this event other than a shared person or group (see module doc).
    specific = same_place or (count_equal and (both_days or (narrow and coarsest <= 2))) or (
        counted and narrow and both_days)
    # A coarse date can be a sure link only through a shared person or group.
    needs_actor = coarsest != 6 and (coarsest >= 4 or (coarsest >= 2 and not narrow))
    names, actor, persons_met = _names_evidence(a, b, value, reasons)
    value += names
    if same_document and reasons is not None:
        reasons.append("same document")
    if not persons_met and (a.people_limit is not None or b.people_limit is not None):
        crowded = too_many_people(a, b, persons_met)
        if crowded is not None:
            return _block(reasons, crowded)
    if value >= SURE:
        if needs_actor and not actor:
            value = _CAPPED
            if reasons is not None:
                reasons.append("coarse date: sure only with a shared person or group")
        elif not (actor or specific):
            value = _CAPPED
            if reasons is not None:
                reasons.append("no shared person, group, place, or count on a shared day: not sure")
    return value


def _names_evidence(a: Report, b: Report, base: float,
                    reasons: list[str] | None) -> tuple[float, bool, bool]:
    """Shared participants (capped), whether a person or group is shared, whether a person is.

    Names are matched exactly (folded) first; the remaining ones by spelling rules, which
    are skipped in bulk scoring when even matching them all could not make a candidate.
    Sure links get their exact value: it orders and separates clusters (``cluster``).
    """
    wa, wb = a.weights, b.weights
    exact = a.folded & b.folded
    if exact:
        bonus = sum(wa[f] if wa[f] < wb[f] else wb[f] for f in exact)
        if len(exact) == len(wa) or len(exact) == len(wb):  # one side has no other name
            loose_a = loose_b = ()
        else:
            loose_a = tuple(n for n in a.unique if n.folded not in exact)
            loose_b = tuple(n for n in b.unique if n.folded not in exact)
    else:
        bonus = 0.0
        loose_a, loose_b = a.unique, b.unique
    actor = not a.actors.isdisjoint(b.actors)
    both_persons = bool(a.persons_folded) and bool(b.persons_folded)
    persons_met = not a.persons_folded.isdisjoint(b.persons_folded)
    people_may_meet = both_persons and (persons_met or persons_may_meet(a, b))
    if people_may_meet and not persons_met:
        persons_met = people_meet(a, b)
    penalty = _DISJOINT_PERSONS if both_persons and not persons_met else 0.0
    shared = [f for f in wa if f in exact] if reasons is not None else None
    if loose_a and loose_b:
        if reasons is None:
            high = base + min(bonus + sum(wa[n.folded] for n in loose_a), _MAX_NAME_BONUS) + penalty
            if high < UNSURE:  # no link whatever the names: the exact value does not matter
                return high - base, actor, persons_met
        for x in loose_a:
            tx = x.type
            for y in loose_b:
                ty = y.type
                if tx and ty and tx != ty:
                    continue  # a person is never a group (``names.same_entity``)
                if tx == "person" and ty == "person" and not people_may_meet:
                    continue  # ruled out above without matching each pair
                if related(x, y):
                    bonus += wa[x.folded] if wa[x.folded] < wb[y.folded] else wb[y.folded]
                    if tx in ("person", "organization") or ty in ("person", "organization"):
                        actor = True
                    if shared is not None:
                        shared.append(x.folded)
                    break
    value = min(bonus, _MAX_NAME_BONUS) + penalty
    if shared:
        texts = {n.folded: n.text for n in a.unique}
        reasons.append("shared " + ", ".join(texts[f] for f in shared))  # type: ignore[union-attr]
    if penalty and reasons is not None:
        reasons.append("no person in common")
    return value, actor, persons_met

def _claimed(a: Report, b: Report, reasons: list[str] | None) -> float:
    """Two undated claims of one kind (both planned, threatened, rumoured or denied).

    Several outlets repeating one claim ("no further transfer is planned", the threat of
    strikes on Mexican soil) rarely date it; it is one claim unless what they state
    conflicts: another count, place, or other people, groups or agents.
    """
    conflict = claim_conflict(a, b)
    if conflict is not None:
        return _block(reasons, conflict)
    value = SURE
    if reasons is not None:
        reasons.append("undated claims of one kind, nothing in conflict")
    if a.location is not None and b.location is not None:
        value += _LOCATION
        if reasons is not None:
            reasons.append(f"location {a.location.text}")
    if a.count is not None and a.count == b.count:
        value += a.count_weight
        if reasons is not None:
            reasons.append(f"count {a.count} = {b.count}")
    exact = a.folded & b.folded
    if exact:
        value += min(sum(min(a.weights[f], b.weights[f]) for f in exact), _MAX_NAME_BONUS)
        if reasons is not None:
            texts = {n.folded: n.text for n in a.unique}
            reasons.append("shared " + ", ".join(texts[f] for f in sorted(exact)))
    return value

