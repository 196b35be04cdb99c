"""Merging: one record per real event, whatever the order; statements, conflicts, decisions."""
from __future__ import annotations

import json
import random

import pytest

from newsledger.errors import LedgerError
from newsledger.ledger import UNSURE, Ledger, compare
from newsledger.ledger.evidence import BLOCKED, score_value
from newsledger.ledger.index import BlockingIndex
from newsledger.model import DateValue, Extraction

from tests.ledger import gold
from tests.ledger.factory import day, doc, extraction, month, three_transfers, transfer


def build(extractions: list[Extraction], split_at: int | None = None) -> Ledger:
    ledger = Ledger()
    for i, item in enumerate(extractions):
        ledger.add_extraction(item)
        if split_at is not None and i + 1 == split_at:
            ledger.settle()
    ledger.settle()
    return ledger


def dump(ledger: Ledger) -> str:
    return json.dumps(ledger.export(), sort_keys=True)


def test_background_mentions_merge_into_the_reported_event() -> None:
    ledger = build(three_transfers())
    factual = [r for r in ledger.timeline() if r.factual]
    assert [(r.date.value, r.count, len(r.documents)) for r in factual] == [
        ("2025-02-27", 29, 3), ("2025-08-12", 26, 2), ("2025-12-05", 14, 1), ("2026-01-20", 37, 1)]
    tally = ledger.tally("transfer", "MX", "US")
    assert [row.cumulative for row in tally.rows] == [29, 55, 92]
    first = factual[0]
    assert first.persons == ["Rafael Caro Quintero"]
    assert {s.document for s in first.statements if s.field == "date"} == {"sha256:a", "sha256:b", "sha256:d"}
    assert first.conflicts == []


def test_hypothetical_events_stay_visible_but_never_merge_or_count() -> None:
    ledger = build(three_transfers())
    planned = [r for r in ledger.timeline() if r.hypothetical]
    assert len(planned) == 1 and planned[0].date.value is None
    assert all(row.record.factual for t in ledger.tallies() for row in t.rows)


@pytest.mark.parametrize("seed", range(6))
def test_the_ledger_is_the_same_in_any_order_and_incrementally(seed: int) -> None:
    items = three_transfers()
    expected = dump(build(items))
    random.Random(seed).shuffle(items)
    assert dump(build(items)) == expected
    assert dump(build(items, split_at=len(items) // 2)) == expected


@pytest.mark.skipif(not gold.available(), reason="shared/eval is not beside the repository")
@pytest.mark.parametrize("name", ["ledger_en.gold.json", "ledger.gold.json"])
def test_dev_ledgers_are_order_independent_and_incremental(name: str) -> None:
    _, items = gold.ledger_inputs(name)
    expected = dump(build(items))
    for seed in range(4):
        shuffled = list(items)
        random.Random(seed).shuffle(shuffled)
        assert dump(build(shuffled)) == expected
        assert dump(build(shuffled, split_at=len(shuffled) // 2)) == expected


def _synthetic(size: int, seed: int) -> list:
    import sys
    from pathlib import Path

    sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "bench"))
    import merge as bench  # type: ignore[import-not-found]

    reports, _ = bench.make_reports(size, random.Random(seed))
    return reports


def test_synthetic_reports_are_order_independent() -> None:
    reports = _synthetic(600, 3)
    results = []
    for seed in range(3):
        ledger = Ledger()
        order = list(reports)
        random.Random(seed).shuffle(order)
        for i, report in enumerate(order):
            ledger.add_report(report)
            if i == 300:
                ledger.settle()
        ledger.settle()
        results.append(sorted(sorted(r.members) for r in ledger.records.values()))
    assert results[0] == results[1] == results[2]


def test_disagreements_are_conflicts_and_coarser_dates_are_not() -> None:
    items = [
        extraction(doc("a", "2026-01-20"), [transfer("v1", day("2026-01-20"), 37, persons=["Pedro Inzunza Noriega"])]),
        extraction(doc("b", "2026-01-21"), [transfer("v1", day("2026-01-20"), 38, persons=["Pedro Inzunza Noriega"])]),
        extraction(doc("c", "2026-01-22"), [transfer("v1", day("2026-01-21"), 37, persons=["Pedro Inzunza Noriega"])]),
        extraction(doc("d", "2026-02-01"), [transfer("v1", month(2026, 1), 37)]),
    ]
    ledger = build(items)
    (record,) = ledger.records.values()
    assert record.date.value == "2026-01-20" and record.count == 37
    conflicts = {c["field"]: c["values"] for c in record.conflicts}
    assert [v["value"] for v in conflicts["count"]] == [37, 38]
    assert [v["value"]["value"] for v in conflicts["date"]] == ["2026-01-20", "2026-01-21"]
    assert [v["documents"] for v in conflicts["date"]] == [["sha256:a", "sha256:b"], ["sha256:c"]]


def test_a_month_mention_fitting_two_day_reports_stays_apart_as_a_candidate() -> None:
    items = [
        extraction(doc("a", "2025-03-04"), [transfer("v1", day("2025-03-03"), 10)]),
        extraction(doc("b", "2025-03-21"), [transfer("v1", day("2025-03-20"), 10)]),
        extraction(doc("c", "2025-06-01"), [transfer("v1", month(2025, 3), 10)]),
    ]
    ledger = build(items)
    assert len(ledger.records) == 3
    mention = ledger.records[ledger.record_of["sha256:c#v1"]]
    linked = {link.a for link in ledger.links()} | {link.b for link in ledger.links()}
    assert mention.id in linked and len(ledger.links()) == 2


def test_decisions_survive_later_reports() -> None:
    items = three_transfers()
    ledger = build(items[:2])
    first, second = sorted((r for r in ledger.timeline() if r.factual), key=lambda r: r.date.start)
    with pytest.raises(LedgerError):
        ledger.merge(first.id, "no-such-record")
    ledger.split(first.id)
    ledger.settle()
    assert len([r for r in ledger.records.values() if r.type == "transfer" and r.count == 29]) == 2
    for item in items[2:]:
        ledger.add_extraction(item)
    ledger.settle()
    # The split holds: the report of "a" and the mention in "b" stay apart, though "d" links both.
    assert ledger.record_of["sha256:a#v1"] != ledger.record_of["sha256:b#v2"]
    ledger.merge("sha256:a#v1", "sha256:b#v2")
    ledger.settle()
    assert ledger.record_of["sha256:a#v1"] == ledger.record_of["sha256:b#v2"]
    hypothetical = next(r for r in ledger.records.values() if r.hypothetical)
    with pytest.raises(LedgerError):
        ledger.merge(hypothetical.id, ledger.record_of["sha256:a#v1"])


def test_repeated_claims_become_one_record_whatever_the_order() -> None:
    """Several outlets repeating that no further transfer is planned: one negated claim."""
    items = [extraction(doc(name, f"2025-12-0{i + 1}"), [
        transfer("v1", day("2025-12-05"), 14, "US", "MX"),
        transfer("v2", DateValue.unknown(), None, negated=True, hypothetical=True),
    ]) for i, name in enumerate("abcd")]
    items.append(extraction(doc("e", "2025-12-09"), [transfer("v1", DateValue.unknown(), None, hypothetical=True)]))
    expected = dump(build(items))
    ledger = build(items)
    claimed = [r for r in ledger.records.values() if not r.factual]
    assert sorted((r.negated, len(r.documents)) for r in claimed) == [(False, 1), (True, 4)]
    assert len([r for r in ledger.records.values() if r.factual]) == 1
    for seed in range(4):
        shuffled = list(items)
        random.Random(seed).shuffle(shuffled)
        assert dump(build(shuffled)) == expected
        assert dump(build(shuffled, split_at=2)) == expected


def test_the_index_finds_every_pair_that_is_not_blocked() -> None:
    """Completeness of the blocking index is what makes merging order-free."""
    reports = _synthetic(700, 11)
    index = BlockingIndex()
    for i, report in enumerate(reports):
        found = index.candidates(report)
        for other in reports[:i]:
            if score_value(report, other) != BLOCKED:
                assert other in found, (report.event, other.event)
        index.add(report)


def test_bulk_scores_are_the_scores_of_compare() -> None:
    """Bulk scoring may stop early only below a candidate; links get their exact value."""
    reports = _synthetic(700, 12)
    index = BlockingIndex()
    for report in reports:
        for other in index.candidates(report):
            value, score = score_value(report, other), compare(report, other)
            if value >= UNSURE or score.candidate:
                assert round(value, 3) == score.value
            else:
                assert value < UNSURE
        index.add(report)


def test_the_benchmark_makes_distinguishable_events() -> None:
    """Two real events of one type, day and count differ in place or people, as real ones do;
    if the generator made them identical, no merge could keep them apart."""
    import merge as bench  # type: ignore[import-not-found]  # on the path through _synthetic

    _synthetic(10, 0)
    events = bench.make_events(3000, random.Random(5))
    for event in events:
        if event["type"] in bench.PEOPLE_COUNTED:
            assert len(event["persons"]) <= event["count"]
    seen: dict[tuple, list[dict]] = {}
    for event in events:
        if event["count"] is not None:
            seen.setdefault((event["type"], event["day"], event["count"]), []).append(event)
    twins = [group for group in seen.values() if len(group) > 1]
    assert twins  # the density makes them
    for group in twins:
        described = [(e["location"], frozenset(e["persons"]), frozenset(e["organizations"])) for e in group]
        assert len(set(described)) == len(described)
