"""Pairwise scores: which reports are one event, which are not, which are unsure."""
from __future__ import annotations

from newsledger.ledger import Report, compare
from newsledger.model import DateValue, Event

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
