"""The read API over the sample corpus: filters, pages, details, and that reads never write."""
from __future__ import annotations

from datetime import date

import pytest

from newsledger.errors import InputError, NotFound
from newsledger.read import EventFilter, Reader
from newsledger.read.snapshot import stamp
from newsledger.store import Store


@pytest.fixture(scope="module")
def reader(samples_db: str):
    store = Store(samples_db)
    yield Reader(store)
    store.close()


def test_transfers_filter_and_facets(reader: Reader) -> None:
    page = reader.events(EventFilter(type="transfer", factual=True))
    dated = [e for e in page.items if e.date.start is not None]
    assert [(e.date.value, e.count) for e in dated] == [("2025-02-27", 29), ("2025-08-12", 26), ("2026-01-20", 37)]
    assert {f.value for f in page.facets.types} == {"transfer"}
    assert [f.value for f in page.facets.years] == ["2025", "2026"]
    assert page.total == len(page.items)


def test_filters_narrow(reader: Reader) -> None:
    everything = reader.events(limit=500).total
    assert reader.events(EventFilter(period="2025-08")).total < everything
    assert all(e.sources >= 2 for e in reader.events(EventFilter(min_sources=2)).items)
    by_country = reader.events(EventFilter(country="mx")).items
    # the origin, the destination, or the country of someone taking part
    assert {e.id for e in reader.events(EventFilter(type="transfer", country="MX")).items} <= {e.id for e in by_country}
    assert len(by_country) < everything
    caro = reader.events(EventFilter(entity="person-rafael-caro-quintero")).items
    assert caro and reader.events(EventFilter(entity="Caro Quintero")).total == len(caro)
    assert reader.events(EventFilter(text="TRANSFER mexico")).total >= 3
    within = reader.events(EventFilter(since=date(2025, 2, 1), until=date(2025, 3, 31))).items
    assert within and all(e.date.end >= date(2025, 2, 1) and e.date.start <= date(2025, 3, 31) for e in within)


def test_pagination(reader: Reader) -> None:
    first, second = reader.events(offset=0, limit=2), reader.events(offset=2, limit=2)
    assert len(first.items) == 2 and first.items[0].id != second.items[0].id
    assert first.total == second.total


def test_bad_period_and_sort_are_input_errors() -> None:
    with pytest.raises(InputError):
        EventFilter(period="last year")
    with pytest.raises(InputError):
        EventFilter(sort="random")


def test_event_detail_has_sentences_and_conflicts(reader: Reader) -> None:
    first = reader.events(EventFilter(type="transfer", period="2025-02")).items[0]
    detail = reader.event(first.id)
    counts = [s for s in detail.statements if s.field == "count" and s.span is not None]
    assert counts and all(s.sentence is not None and s.sentence.start <= s.span.start for s in counts)
    assert any(c.field == "count" for c in detail.conflicts)
    assert detail.series == ["transfer.MX-US"] and len(detail.source_documents) == detail.sources
    with pytest.raises(NotFound):
        reader.event("ev-nope")


def test_series_tally_and_claims(reader: Reader) -> None:
    [series] = [s for s in reader.series() if s.id == "transfer.MX-US"]
    assert series.total == 92
    detail = reader.series_detail(series.id)
    assert [row.cumulative for row in detail.rows] == [29, 55, 92]
    assert detail.claims and all(c.verdict == "consistent" for c in detail.claims)
    # Each claim carries the sentence that states its figure, in its document's offsets.
    for check in detail.claims:
        assert check.claim.span and check.claim.sentence
        assert check.claim.sentence.start <= check.claim.span.start < check.claim.span.end <= check.claim.sentence.end
    assert reader.claims(verdict="inconsistent") == [c for c in reader.claims() if c.verdict == "inconsistent"]
    declared = reader.series_detail(series.declared or "")
    assert declared.id == series.id and declared.name == series.name != series.label
    assert all(0 <= c.confidence <= 1 for c in detail.claims)
    with pytest.raises(NotFound):
        reader.series_detail("nonsense")


def test_entities_and_document(reader: Reader) -> None:
    page = reader.entities(query="caro")
    assert page.items[0].id == "person-rafael-caro-quintero"
    detail = reader.entity(page.items[0].id)
    assert detail.event_list and detail.source_documents and detail.cooccurring
    # The samples name him in English and in Spanish reports.
    assert set(detail.aliases_by_language) == {"en", "es"}
    assert all(detail.aliases_by_language.values())
    with pytest.raises(NotFound):
        reader.entity("person-nobody")
    doc = reader.documents(limit=1).items[0]
    view = reader.document(doc.id)
    assert view.spans and all(view.text[s.start:s.end] == s.text for s in view.spans)
    with pytest.raises(NotFound):
        reader.document("sha256:nope")


def test_search_marks_matches(reader: Reader) -> None:
    found = reader.search("caro quintero")
    assert found.events and found.entities and found.documents
    snippet = found.documents[0].snippets[0]
    assert all(snippet.text[m.start:m.end].lower() in ("caro", "quintero") for m in snippet.matches)
    assert reader.search("   ").documents == []


def test_search_folds_accents_in_spanish_documents(reader: Reader) -> None:
    """The store's index answers (FTS5, or tsvector 'spanish' over unaccent): "presion"
    finds "presión" in the Spanish sample, with the match marked in its snippet."""
    found = reader.search("presion")
    assert [hit.document.language for hit in found.documents] == ["es"]
    snippet = found.documents[0].snippets[0]
    assert [snippet.text[m.start:m.end] for m in snippet.matches] == ["presión"]
    assert [e.name for e in reader.search("CARO quintéro").entities][:1] == ["Rafael Caro Quintero"]


def test_export_respects_the_filter(reader: Reader) -> None:
    data = reader.export(EventFilter(type="transfer"))
    assert data["events"] and {e["type"] for e in data["events"]} == {"transfer"}
    csv = reader.export_csv(EventFilter(type="transfer")).splitlines()
    assert csv[0].startswith("id,type,date,") and len(csv) == len(data["events"]) + 1


def test_reads_never_write(samples_db: str) -> None:
    store = Store(samples_db)
    before = stamp(store)
    reader = Reader(store)
    reader.status(), reader.events(), reader.claims(), reader.series()
    assert stamp(store) == before
    store.close()


def test_unfiltered_export_is_the_ledgers(reader: Reader) -> None:
    data = reader.export()
    state = data.pop("state")  # what `newsledger import` rebuilds the ledger from
    assert data == reader.snapshot().ledger.export()
    assert set(data) >= {"events", "tallies", "claim_checks"}
    assert state["version"] == 1 and len(state["reports"]) == len(reader.snapshot().ledger.reports)


def test_cli_reads_go_through_the_reader_and_never_write(cli, samples_db_copy: str) -> None:
    store = Store(samples_db_copy)
    before = stamp(store)
    for command in (["timeline"], ["events", "--type", "transfer"], ["claims"], ["links"], ["export"],
                    ["tally", "transfer", "--from", "MX", "--to", "US"], ["entity", "CJNG"]):
        assert cli(*command, db=samples_db_copy).exit_code == 0, command
    assert stamp(store) == before
    store.close()
