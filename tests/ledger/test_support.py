"""Partial reports (no date, no day or no count) support the one event they fit."""
from __future__ import annotations

from newsledger.ledger import Ledger
from newsledger.model import DateValue, Extraction

from tests.ledger.factory import day, doc, extraction, month, transfer

UNDATED = DateValue.unknown()


def base() -> list[Extraction]:
    """Two mass transfers MX->US, each reported on its day by two outlets."""
    return [
        extraction(doc("t1a", "2025-02-28"), [transfer("v1", day("2025-02-27"), 29, persons=["Rafael Caro Quintero"])]),
        extraction(doc("t1b", "2025-02-28"), [transfer("v1", day("2025-02-27"), 29)]),
        extraction(doc("t2a", "2025-08-13"), [transfer("v1", day("2025-08-12"), 26)]),
        extraction(doc("t2b", "2025-08-13"), [transfer("v1", day("2025-08-12"), 26)]),
    ]


def build(*extra: Extraction) -> Ledger:
    ledger = Ledger()
    for item in base() + list(extra):
        ledger.add_extraction(item)
    ledger.settle()
    return ledger


def events_of(ledger: Ledger) -> list[tuple[str | None, int | None, int]]:
    return [(r.date.value, r.count, len(r.documents)) for r in ledger.timeline()]


def test_an_undated_report_with_a_count_supports_the_event_it_fits() -> None:
    ledger = build(extraction(doc("late", "2026-01-20"), [transfer("v1", UNDATED, 29)]))
    assert events_of(ledger) == [("2025-02-27", 29, 3), ("2025-08-12", 26, 2)]
    first = ledger.timeline()[0]
    assert first.supporting == ["sha256:late#v1"]
    assert ledger.pending() == []


def test_a_report_that_fits_two_events_is_a_candidate_link_never_an_event() -> None:
    ledger = build(extraction(doc("vague", "2026-01-20"), [transfer("v1", UNDATED, None)]))
    assert events_of(ledger) == [("2025-02-27", 29, 2), ("2025-08-12", 26, 2)]
    (pending,) = ledger.pending()
    assert len(pending.fits) == 2
    assert [row.cumulative for row in ledger.tally("transfer", "MX", "US").rows] == [29, 55]
    assert "pending" in ledger.export() and ledger.export()["pending"][0]["candidates"]


def test_a_shared_person_picks_one_of_two_fitting_events() -> None:
    ledger = build(extraction(doc("recalled", "2026-01-20"),
                              [transfer("v1", UNDATED, None, persons=["Rafael Caro Quintero"])]))
    assert events_of(ledger) == [("2025-02-27", 29, 3), ("2025-08-12", 26, 2)]


def test_another_count_is_evidence_of_another_event() -> None:
    ledger = build(extraction(doc("other", "2026-01-20"), [transfer("v1", UNDATED, 37)]))
    assert (None, 37, 1) in events_of(ledger)
    assert ledger.pending() == []


def test_a_report_cannot_describe_an_event_after_its_publication() -> None:
    early = extraction(doc("early", "2025-03-01"), [transfer("v1", UNDATED, None)])
    ledger = build(early)
    assert events_of(ledger)[0] == ("2025-02-27", 29, 3)  # only February precedes it


def test_a_background_month_mention_without_count_supports_the_day() -> None:
    ledger = build(extraction(doc("bg", "2025-12-01"), [transfer("v1", month(2025, 2), None)]))
    assert events_of(ledger) == [("2025-02-27", 29, 3), ("2025-08-12", 26, 2)]


def test_a_split_keeps_a_partial_report_apart() -> None:
    ledger = build(extraction(doc("late", "2026-01-20"), [transfer("v1", UNDATED, 29)]))
    first = ledger.timeline()[0]
    ledger.split("sha256:late#v1")
    ledger.settle()
    assert first.id in {r.id for r in ledger.timeline()}
    assert (None, 29, 1) in events_of(ledger)


def test_undated_reports_sharing_a_person_are_one_event() -> None:
    ledger = Ledger()
    for name, published in (("x", "2025-07-11"), ("y", "2025-08-26")):
        ledger.add_extraction(extraction(doc(name, published), [
            transfer("v1", UNDATED, None, "CO", "US", persons=["Juan Pérez Gil"])]))
    ledger.settle()
    assert events_of(ledger) == [(None, None, 2)]


def test_placement_is_the_same_in_any_order() -> None:
    extra = [extraction(doc("late", "2026-01-20"), [transfer("v1", UNDATED, 29)]),
             extraction(doc("vague", "2026-01-20"), [transfer("v1", UNDATED, None)])]
    items = base() + extra
    forward, backward = Ledger(), Ledger()
    for item in items:
        forward.add_extraction(item)
    for item in reversed(items):
        backward.add_extraction(item)
    forward.settle()
    backward.settle()
    assert forward.export() == backward.export()


def test_a_country_and_a_town_inside_it_can_be_one_place() -> None:
    from newsledger.ledger.names import Name, places_agree
    from newsledger.model import Entity

    country = Name.make("Mexico", Entity("c", "Mexico", "place", "country", "MX"))
    town = Name.make("Los Mochis", Entity("t", "Los Mochis", "place", "city", "MX"))
    other = Name.make("Washington", Entity("w", "Washington", "place", "city", "US"))
    assert places_agree(country, town) and places_agree(town, country)
    assert not places_agree(town, other) and not places_agree(country, other)


def test_a_coarse_counted_report_and_a_dated_countless_one_make_one_event() -> None:
    """Each lacks what the other states; support runs one way only (coarser into finer), so
    neither can hide behind the other."""
    ledger = Ledger()
    ledger.add_extraction(extraction(doc("m", "2025-04-20"), [transfer("v1", month(2025, 3), 12, "CO", "US")]))
    ledger.add_extraction(extraction(doc("d", "2025-03-06"), [transfer("v1", day("2025-03-05"), None, "CO", "US")]))
    ledger.settle()
    assert events_of(ledger) == [("2025-03-05", 12, 2)]


def _two_arrested(name: str, published: str) -> Extraction:
    from newsledger.model import Event, Span

    text = "Two men were arrested, officials said."
    event = Event("v1", "arrest", UNDATED, 2, None, None, ["Mexico"], [], [], None, False, False,
                  [Span(0, len(text), text)], {"count": Span(0, 3, "Two")})
    return extraction(doc(name, published), [event])


def test_undated_reports_sharing_only_a_count_are_one_event_within_a_news_cycle() -> None:
    ledger = Ledger()
    for item in (_two_arrested("a", "2025-03-03"), _two_arrested("b", "2025-03-04")):
        ledger.add_extraction(item)
    ledger.settle()
    assert [(r.count, len(r.documents)) for r in ledger.timeline()] == [(2, 2)]


def test_undated_reports_months_apart_need_a_shared_name() -> None:
    ledger = Ledger()
    for item in (_two_arrested("a", "2024-12-04"), _two_arrested("b", "2025-05-14")):
        ledger.add_extraction(item)
    ledger.settle()
    assert [(r.count, len(r.documents)) for r in ledger.timeline()] == [(2, 1), (2, 1)]
