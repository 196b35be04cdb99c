"""Pairwise scores: which reports are one event, which are not, which are unsure."""
from __future__ import annotations

from newsledger.ledger import Report, compare
from newsledger.ledger.distinct import contradicts
from newsledger.model import DateValue, Entity, Event

from tests.ledger.factory import day, doc, month, people, transfer


def report(name: str, event: Event, published: str = "2025-03-01") -> Report:
    return Report.build(doc(name, published), event, people(*event.persons))


def test_background_month_mention_is_surely_the_day_report() -> None:
    score = compare(report("a", transfer("v1", day("2025-02-27"), 29)),
                    report("b", transfer("v1", month(2025, 2), 29), "2026-01-20"))
    assert score.sure and "2025-02 contains 2025-02-27" in score.reasons and "count 29 = 29" in score.reasons


def test_other_route_status_or_far_dates_are_blocked() -> None:
    base = report("a", transfer("v1", day("2025-12-05"), 14))
    assert compare(base, report("b", transfer("v1", day("2025-12-05"), 14, "US", "MX"))).blocked
    assert compare(base, report("c", transfer("v1", day("2025-12-05"), 14, hypothetical=True))).blocked
    assert compare(base, report("d", transfer("v1", day("2025-12-09"), 14))).blocked
    assert compare(base, report("e", transfer("v1", day("2025-12-05"), 20))).blocked


def test_near_misses_merge_only_with_strong_evidence() -> None:
    base = report("a", transfer("v1", day("2026-01-20"), 37))
    slip = compare(base, report("b", transfer("v1", day("2026-01-20"), 38)))
    assert slip.sure and "count 37 vs 38" in slip.reasons
    next_day = compare(base, report("c", transfer("v1", day("2026-01-21"), 37)))
    assert next_day.sure and any("1 day apart" in r for r in next_day.reasons)
    both = compare(base, report("d", transfer("v1", day("2026-01-21"), 38)))
    assert not both.sure and not both.blocked


def test_unknown_or_coarse_dates_need_a_count_or_a_shared_name() -> None:
    unknown = report("a", transfer("v1", DateValue.unknown(), None))
    assert compare(unknown, report("b", transfer("v1", day("2025-02-27"), None))).blocked
    named = report("c", transfer("v1", DateValue.unknown(), 29, persons=["Rafael Caro Quintero"]))
    score = compare(named, report("d", transfer("v1", day("2025-02-27"), 29, persons=["Rafael Caro Quintero"])))
    assert score.sure and "date unknown" in score.reasons
    coarse = compare(report("e", transfer("v1", DateValue.of_year(2025), None)),
                     report("f", transfer("v1", day("2025-02-27"), None)))
    assert coarse.blocked


def test_scores_are_symmetric() -> None:
    a = report("a", transfer("v1", day("2025-02-27"), 29, persons=["Rafael Caro Quintero", "Omar Treviño Morales"]))
    b = report("b", transfer("v1", month(2025, 2), 29, persons=["Caro Quintero"]))
    assert compare(a, b) == compare(b, a)


def event(kind: str, when: DateValue, count: int | None = None, *, persons: tuple[str, ...] = (),
          agents: tuple[str, ...] = (), location: str | None = None, **flags: bool) -> Event:
    return Event("v1", kind, when, count, None, None, list(agents), [], list(persons), location,
                 flags.get("negated", False), flags.get("hypothetical", False))


def placed(name: str, item: Event, published: str = "2025-03-01") -> Report:
    """A report whose names are typed as its document would type them (people, places)."""
    entities = people(*item.persons) + ([Entity("p1", item.location, "place")] if item.location else [])
    entities += [Entity(f"a{i}", name, "place") for i, name in enumerate(item.agents)]
    return Report.build(doc(name, published), item, entities)


def test_a_sure_link_needs_something_specific_to_the_event() -> None:
    """Two arrests on one day are common: the day alone (or with the type) is not enough."""
    when = day("2025-05-02")
    bare = compare(placed("a", event("arrest", when)), placed("b", event("arrest", when)))
    assert not bare.sure and not bare.blocked
    counted = compare(placed("a", event("arrest", when, 12)), placed("b", event("arrest", when, 12)))
    assert counted.sure  # a shared count on a shared day
    here = compare(placed("a", event("arrest", when, location="Culiacán")),
                   placed("b", event("arrest", when, location="Culiacán")))
    assert here.sure  # the same place
    week = compare(placed("a", event("arrest", when, 12)),
                   placed("b", event("arrest", DateValue.of_week(2025, 18), 12)))
    assert not week.sure and not week.blocked  # a count within a week is common
    assert any("not sure" in reason for reason in week.reasons)


def test_more_people_named_than_counted_cannot_be_one_event() -> None:
    when = day("2025-05-02")
    one = placed("a", transfer("v1", when, 1, persons=["Juan Ortiz Reyes"]))
    other = placed("b", transfer("v1", when, 1, persons=["Pedro Salas Cano"]))
    score = compare(one, other)
    assert score.blocked and "more than the count 1" in score.reasons[0]
    assert contradicts(one, other)
    assert not compare(one, placed("c", transfer("v1", when, 1, persons=["Juan Ortiz"]))).blocked
    assert not compare(placed("d", transfer("v1", when, 2, persons=["Juan Ortiz Reyes"])),
                       placed("e", transfer("v1", when, 2, persons=["Pedro Salas Cano"]))).blocked


def test_two_coarse_periods_are_two_events_not_a_slip() -> None:
    june = placed("a", transfer("v1", month(2025, 6), 29))
    july = placed("b", transfer("v1", month(2025, 7), 29))
    assert compare(june, july).blocked and contradicts(june, july)
    assert not compare(june, placed("c", transfer("v1", day("2025-07-01"), 29))).blocked  # a day's slip


def test_a_year_level_date_needs_a_shared_name() -> None:
    year = placed("a", transfer("v1", DateValue.of_year(2025), 29))
    assert compare(year, placed("b", transfer("v1", day("2025-02-27"), 29))).blocked
    named = compare(placed("c", transfer("v1", DateValue.of_year(2025), 29, persons=["Rafael Caro Quintero"])),
                    placed("d", transfer("v1", day("2025-02-27"), 29, persons=["Rafael Caro Quintero"])))
    assert named.sure


def test_undated_claims_are_one_claim_unless_they_conflict() -> None:
    """A threat repeated by several outlets is one claimed event, never a real one."""
    threat = placed("a", event("military_operation", DateValue.unknown(), agents=("United States",),
                               location="Mexico", hypothetical=True))
    again = placed("b", event("military_operation", DateValue.unknown(), agents=("United States",),
                              hypothetical=True), "2026-01-20")
    assert compare(threat, again).sure
    elsewhere = placed("c", event("military_operation", DateValue.unknown(), agents=("United States",),
                                  location="Venezuela", hypothetical=True))
    assert compare(threat, elsewhere).blocked and contradicts(threat, elsewhere)
    by_others = placed("d", event("military_operation", DateValue.unknown(), agents=("Mexico",), hypothetical=True))
    assert compare(again, by_others).blocked
    real = placed("e", event("military_operation", DateValue.unknown(), agents=("United States",),
                             location="Mexico"))
    denied = placed("f", event("military_operation", DateValue.unknown(), agents=("United States",),
                               location="Mexico", negated=True))
    assert compare(threat, real).blocked and compare(threat, denied).blocked


def test_undated_reports_published_together_are_one_news_item() -> None:
    visit = placed("a", event("consultation", DateValue.unknown(), location="Washington"), "2025-02-28")
    same_day = placed("b", event("consultation", DateValue.unknown(), location="Washington"), "2025-02-28")
    assert compare(visit, same_day).sure
    later = placed("c", event("consultation", DateValue.unknown(), location="Washington"), "2025-06-28")
    assert not compare(visit, later).candidate
    assert compare(visit, placed("d", event("consultation", DateValue.unknown()), "2025-02-28")).blocked
