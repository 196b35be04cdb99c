"""Series declared in data: members need a date and a count; unsure ones are never counted."""
from __future__ import annotations

import pytest

from newsledger.errors import KnowledgeBaseError
from newsledger.ledger import Ledger
from newsledger.ledger.series import declared, parse_specs, series_for
from newsledger.model import DateValue, Extraction

from tests.ledger.factory import claim, day, doc, extraction, month, transfer


def ledger_of(items: list[Extraction]) -> Ledger:
    ledger = Ledger()
    for item in items:
        ledger.add_extraction(item)
    ledger.settle()
    return ledger


def mass() -> list[Extraction]:
    return [
        extraction(doc("a", "2025-02-28"), [transfer("v1", day("2025-02-27"), 29)]),
        extraction(doc("a2", "2025-02-28"), [transfer("v1", day("2025-02-27"), 29)]),
        extraction(doc("b", "2025-08-13"), [transfer("v1", day("2025-08-12"), 26)]),
        extraction(doc("c", "2026-01-21"), [transfer("v1", day("2026-01-20"), 37)]),
    ]


def test_the_declared_series_table_loads() -> None:
    specs = {spec.id: spec for spec in declared()}
    assert specs["mass-transfers-mx-us"].min_count >= 2
    assert series_for("transfer", "MX", "US").spec is specs["mass-transfers-mx-us"]
    assert series_for("transfer", "CO", "US").spec is None


@pytest.mark.parametrize("entry, problem", [
    ({"id": "x", "name": "x", "type": "nonsense", "kind": "group"}, "unknown event type"),
    ({"id": "x", "name": "x", "type": "transfer", "kind": "group", "origin": "Mexico"}, "ISO alpha-2"),
    ({"id": "x", "name": "x", "type": "arrest", "kind": "group", "origin": "MX"}, "only for types with a route"),
    ({"id": "x", "name": "x", "type": "transfer", "kind": "crowd"}, "kind must be"),
    ({"id": "x", "name": "x", "type": "transfer", "kind": "group", "min_count": 0}, "min_count"),
    ({"id": "x", "name": "x", "type": "transfer", "kind": "group", "size": 3}, "unknown fields"),
])
def test_bad_series_entries_are_refused_with_the_entry(entry: dict, problem: str) -> None:
    with pytest.raises(KnowledgeBaseError, match=problem):
        parse_specs([entry], "series.yaml")


def test_duplicate_series_ids_are_refused() -> None:
    entry = {"id": "x", "name": "x", "type": "transfer", "kind": "group"}
    with pytest.raises(KnowledgeBaseError, match="duplicate id"):
        parse_specs([entry, dict(entry)], "series.yaml")


def test_a_single_extradition_is_not_a_mass_transfer() -> None:
    single = extraction(doc("s", "2023-10-01"), [transfer("v1", month(2023, 9), None, persons=["Ovidio Guzmán"])])
    one = extraction(doc("o", "2024-10-01"), [transfer("v1", day("2024-09-30"), 1, persons=["Juan Pérez Gil"])])
    tally = ledger_of([single, one] + mass()).tally("transfer", "MX", "US")
    assert [(r.record.date.value, r.cumulative) for r in tally.rows] == [
        ("2025-02-27", 29), ("2025-08-12", 55), ("2026-01-20", 92)]
    assert [(u.record.date.value, u.reason) for u in tally.unsure] == [("2023-09", "no count")]


def test_a_single_source_conflicting_member_is_unsure_and_not_counted() -> None:
    clash = extraction(doc("x", "2025-08-13"), [transfer("v1", day("2025-02-27"), 26)])
    tally = ledger_of(mass() + [clash]).tally("transfer", "MX", "US")
    assert [row.cumulative for row in tally.rows] == [29, 55, 92]
    (unsure,) = tally.unsure
    assert unsure.record.count == 26 and "another count" in unsure.reason
    assert tally.to_json()["unsure"][0]["count"] == 26


def test_half_a_direction_is_shown_unsure() -> None:
    half = extraction(doc("h", "2025-05-02"), [transfer("v1", day("2025-05-01"), 15, origin=None)])  # type: ignore[arg-type]
    tally = ledger_of(mass() + [half]).tally("transfer", "MX", "US")
    assert [row.cumulative for row in tally.rows] == [29, 55, 92]
    assert [u.reason for u in tally.unsure] == ["direction stated only in part"]


def test_claims_are_checked_over_members_only() -> None:
    clash = extraction(doc("x", "2025-08-13"), [transfer("v1", day("2025-02-27"), 26)],
                       [claim("ordinal", 2, "v1"), claim("ordinal", 1, "v1"), claim("cumulative_total", 55)])
    later = extraction(doc("y", "2026-01-22"), [transfer("v1", DateValue.unknown(), None)],
                       [claim("cumulative_total", 118), claim("ordinal", 3)])
    checks = {(c.document.id, c.claim.kind, c.claim.value): c for c in ledger_of(mass() + [clash, later]).check_claims()}
    # The document calls its one (unsure) event both the second and the first: each ordinal
    # names the member at its position, which agrees with it on count or on date.
    assert checks[("sha256:x", "ordinal", 2)].verdict == "consistent"
    assert checks[("sha256:x", "ordinal", 1)].verdict == "consistent"
    total = checks[("sha256:x", "cumulative_total", 55)]
    assert total.verdict == "consistent" and total.explanation.startswith("29 + 26 = 55")
    assert "not counted" in total.explanation
    # 118 only with the unsure 26: unverifiable, and it says what would decide it.
    unsure = checks[("sha256:y", "cumulative_total", 118)]
    assert unsure.verdict == "unverifiable" and unsure.missing and "26" in unsure.missing
    assert checks[("sha256:y", "ordinal", 3)].verdict == "consistent"


def test_a_figure_above_a_sampled_series_is_unverifiable_and_says_what_is_missing() -> None:
    returns = extraction(doc("r", "2025-12-06"), [transfer("v1", day("2025-12-05"), 14, "US", "MX")],
                         [claim("cumulative_total", 40, origin="US", destination="MX")])
    (check,) = [c for c in ledger_of([returns]).check_claims() if c.document.id == "sha256:r"]
    assert check.verdict == "unverifiable" and check.expected == 14
    assert check.missing and "26 more" in check.missing
