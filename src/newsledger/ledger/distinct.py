"""What tells two reports apart: the hard incompatibilities of merging.

Two reports cannot be one event when they are of another type or status (negated,
hypothetical), go between other countries, state counts or dates too far apart (or two
coarse periods that do not overlap), name more people than the count allows, or, both
undated claims, state conflicting things. ``evidence`` blocks such pairs before scoring;
resolution (``cluster``), placing partial reports (``support``) and series membership
(``series``) ask the same questions here, so that one rule decides everywhere.
"""
from __future__ import annotations

from newsledger.ledger.names import related, same_entity
from newsledger.ledger.reports import Report

__all__ = ["MAX_DAY_GAP", "claim_conflict", "contradicts", "count_penalty", "count_range", "differences",
           "persons_may_meet", "people_meet", "too_many_people"]

MAX_DAY_GAP = 2  # dates further apart than this never belong to one event


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

def contradicts(a: Report, b: Report) -> bool:
    """Whether two reports cannot be one event (unlike a mere lack of evidence).

    Resolution keeps such pairs out of one record even when links chain them together:
    another type or status, other countries, counts or dates too far apart, two coarse
    periods, more people named than counted, or two undated claims that conflict.
    """
    if a.kind != b.kind:
        return True
    if (a.origin and b.origin and a.origin != b.origin) or (
            a.destination and b.destination and a.destination != b.destination):
        return True
    if a.count is not None and b.count is not None and count_penalty(a.count, b.count) is None:
        return True
    if a.start is not None and b.start is not None:
        assert a.end is not None and b.end is not None
        gap = max(a.start, b.start) - min(a.end, b.end)
        if gap > MAX_DAY_GAP or (gap > 0 and a.rank and b.rank):
            return True
    elif a.start is None and b.start is None and not a.factual and claim_conflict(a, b) is not None:
        return True
    return too_many_people(a, b) is not None

def differences(a: Report, b: Report) -> list[str]:
    """The fields on which two reports ``contradicts`` (in its order), for a person who
    asks to merge them anyway: ``type``, ``origin``, ``destination``, ``count``, ``date``,
    ``persons``."""
    found = []
    if a.kind != b.kind:
        found.append("type")
    if a.origin and b.origin and a.origin != b.origin:
        found.append("origin")
    if a.destination and b.destination and a.destination != b.destination:
        found.append("destination")
    if a.count is not None and b.count is not None and count_penalty(a.count, b.count) is None:
        found.append("count")
    if a.start is not None and b.start is not None:
        assert a.end is not None and b.end is not None
        gap = max(a.start, b.start) - min(a.end, b.end)
        if gap > MAX_DAY_GAP or (gap > 0 and a.rank and b.rank):
            found.append("date")
    if too_many_people(a, b) is not None:
        found.append("persons")
    return found


def persons_may_meet(a: Report, b: Report) -> bool:
    """Whether two reports' people, none spelt alike, could still match by spelling rules:
    only through a common word, a known spelling, or a name that needs neither (``names``)."""
    return (a.person_apart or b.person_apart or not a.person_words.isdisjoint(b.person_words)
            or not a.persons_folded.isdisjoint(b.person_spellings)
            or not b.persons_folded.isdisjoint(a.person_spellings))

def too_many_people(a: Report, b: Report, persons_met: bool | None = None) -> str | None:
    """Why two reports naming only different people cannot be one event, or None.

    For a type whose count is the people taking part, two reports naming disjoint people
    describe more people than the count allows: "the extradition of one man", Ortiz in one
    report and Reyes in the other.
    """
    if a.people_limit is None and b.people_limit is None:
        return None
    limits = [n for n in (a.people_limit, b.people_limit) if n is not None]
    na, nb = len(a.names.get("persons", ())), len(b.names.get("persons", ()))
    if not limits or not na or not nb or na + nb <= max(limits):
        return None
    if persons_met is None:
        persons_met = people_meet(a, b)
    if persons_met:
        return None
    return f"{na + nb} different people named, more than the count {max(limits)}"

def claim_conflict(a: Report, b: Report) -> str | None:
    if a.count is not None and b.count is not None and a.count != b.count:
        return f"claimed counts {a.count} vs {b.count}"
    if a.location is not None and b.location is not None and not (
            a.location.uid == b.location.uid or same_entity(a.location, b.location)):
        return f"claimed places {a.location.text} vs {b.location.text}"
    for slot in ("agents", "organizations", "persons"):
        xs, ys = a.names.get(slot, ()), b.names.get(slot, ())
        if xs and ys and not any(related(x, y) for x in xs for y in ys):
            return f"claims by or about others ({slot})"
    return None

def people_meet(a: Report, b: Report) -> bool:
    if a.persons_folded & b.persons_folded:
        return True
    if not persons_may_meet(a, b):
        return False
    return any(related(x, y) for x in a.names.get("persons", ()) for y in b.names.get("persons", ()))
