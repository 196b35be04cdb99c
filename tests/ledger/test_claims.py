"""Claim checks against the ledger as of each claim's date, with the arithmetic shown."""
from __future__ import annotations

import pytest

from newsledger.ledger import Ledger

from tests.ledger import gold
from tests.ledger.factory import claim, day, doc, extraction, three_transfers, transfer


def checks(extra: list | None = None) -> list:
    ledger = Ledger()
    for item in three_transfers() + list(extra or []):
        ledger.add_extraction(item)
    ledger.settle()
    return ledger.check_claims()


def test_totals_and_ordinals_with_their_arithmetic() -> None:
    found = {(c.document.id, c.claim.kind, c.claim.value): c for c in checks()}
    total = found[("sha256:d", "cumulative_total", 92)]
    assert (total.verdict, total.expected) == ("consistent", 92)
    assert total.explanation.startswith("29 + 26 + 37 = 92")
    third = found[("sha256:d", "ordinal", 3)]
    assert third.verdict == "consistent" and third.explanation.startswith("third: 2025-02-27, 2025-08-12, 2026-01-20")
    assert [r.date.value for r in third.members] == ["2025-02-27", "2025-08-12", "2026-01-20"]
    assert 0 < third.confidence <= 1
    assert found[("sha256:d", "ordinal", 1)].verdict == "consistent"  # the first of 2026
    assert found[("sha256:b", "cumulative_total", 55)].verdict == "consistent"
    assert found[("sha256:b", "ordinal", 2)].verdict == "consistent"


def test_slips_ranges_and_missing_events() -> None:
    late = extraction(doc("e", "2026-01-13"), [transfer("v1", day("2025-08-12"), 26)], [
        claim("cumulative_total", 56),
        claim("cumulative_total", 100, low=90, high=99),
        claim("ordinal", 9, "v1"),
        claim("ordinal", 1, "v1"),
    ])
    found = {(c.claim.kind, c.claim.value): c for c in checks([late]) if c.document.id == "sha256:e"}
    slip = found[("cumulative_total", 56)]
    assert (slip.verdict, slip.expected) == ("inconsistent", 55)
    assert slip.explanation.startswith("29 + 26 = 55, not 56")
    assert found[("cumulative_total", 100)].verdict == "inconsistent"  # 55 is not in [90, 99]
    # The mass transfers MX->US are declared complete (series.yaml): no earlier one is missing.
    assert found[("ordinal", 9)].verdict == "inconsistent"
    assert found[("ordinal", 1)].verdict == "inconsistent"


def test_an_approximate_total_is_a_range() -> None:
    near = extraction(doc("f", "2026-01-21"), [transfer("v1", day("2026-01-20"), 37)],
                      [claim("cumulative_total", 100, low=90, high=99)])
    (check,) = [c for c in checks([near]) if c.document.id == "sha256:f"]
    assert check.verdict == "consistent" and check.expected == 92


@pytest.mark.skipif(not gold.available(), reason="shared/eval is not beside the repository")
@pytest.mark.parametrize("name", ["ledger_en.gold.json", "ledger.gold.json"])
def test_dev_ledger_scores(name: str) -> None:
    """The gold extractions merge into the gold ledger; every claim verdict is right."""
    expected, items = gold.ledger_inputs(name)
    ledger = Ledger()
    for item in items:
        ledger.add_extraction(item)
    ledger.settle()
    report = gold.scorer().score_ledger(expected, ledger.export(), name)
    assert report.count("claim_checks").f1 == 1.0
    assert report.count("events").f1 == 1.0, report.misses
    assert report.count("slots").f1 >= 0.9
