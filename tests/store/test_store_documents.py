"""Storing documents and extractions, and reading them back exactly."""
from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from store_samples import TEXT, sample

from newsledger.errors import StorageError
from newsledger.ingest import RawDocument, content_hash
from newsledger.model import DocumentInfo, Extraction, Span
from newsledger.store import Store
from newsledger.store.schema import DocumentRow, EventRoleRow, ProvenanceRow


@pytest.fixture
def store(db_url: str) -> Iterator[Store]:
    with Store(db_url) as opened:
        yield opened


def records(extraction: Extraction) -> str:
    """Everything stored about an extraction, including event provenance, as JSON."""
    data = extraction.to_json()
    data["events"] = [event.to_record() for event in extraction.events]
    return json.dumps(data, sort_keys=False, ensure_ascii=False)


def test_round_trip_is_exact(store: Store) -> None:
    raw, extraction = sample()
    doc_id, stored = store.add(raw, extraction)
    assert stored and doc_id == content_hash(TEXT) == extraction.document.id
    back = store.extraction(doc_id)
    assert back.to_json() == extraction.to_json()
    assert records(back) == records(extraction)  # provenance too, in its original order
    assert back == extraction
    total, ordinal, approx = back.claims
    assert type(total.value) is int and type(approx.high) is float and type(approx.low) is int
    assert ordinal.event == "v1" and ordinal.period is not None and ordinal.period.precision == "year"
    assert store.text(doc_id) == TEXT
    assert store.extractions() == [extraction]


def test_every_value_keeps_its_span(store: Store) -> None:
    raw, extraction = sample()
    doc_id, _ = store.add(raw, extraction)
    with store.session() as session:
        roles = session.query(EventRoleRow).order_by(EventRoleRow.id).all()
        provenance = session.query(ProvenanceRow).order_by(ProvenanceRow.seq).all()
        mexico = next(r for r in roles if r.name == "Mexico")
        assert (mexico.role, mexico.entity.local_id) == ("agents", "e3")
        assert TEXT[mexico.start:mexico.end] == mexico.text == "Mexico"
        harfuch = next(r for r in roles if r.name == "Omar García Harfuch")
        assert harfuch.start is None and harfuch.entity is not None
        assert next(r for r in roles if r.name == "Unknown Group").entity is None
        assert [p.key for p in provenance] == ["count", "date", "destination:US"]
        assert all(TEXT[p.start:p.end] == p.text for p in provenance)


def test_every_value_keeps_its_reason(store: Store) -> None:
    raw, extraction = sample()
    doc_id, _ = store.add(raw, extraction)
    with store.session() as session:
        count = session.query(ProvenanceRow).filter_by(key="count").one()
        assert (count.rule, count.cue) == ("count.object", "send")
        mexico = session.query(EventRoleRow).filter_by(name="Mexico").one()
        assert (mexico.rule, mexico.cue) == ("agents.origin", None)
    back = store.extraction(doc_id).events[0].provenance
    assert (back["count"].rule, back["count"].cue) == ("count.object", "send")  # type: ignore[attr-defined]
    assert type(back["date"]) is Span  # stored without a reason, read back without one


def test_same_text_is_stored_once(store: Store) -> None:
    raw, extraction = sample()
    first = store.add(raw, extraction)
    raw_again, extraction_again = sample(TEXT.replace(". ", ".\r\n") + "\n", source="b.txt")
    raw_again.text = TEXT + "\n\n"  # the same content after normalisation
    extraction_again.document.id = ""
    assert first == (content_hash(TEXT), True)
    assert store.add(raw_again, extraction_again) == (content_hash(TEXT), False)
    assert len(store.documents()) == 1 and store.documents()[0].source == "a.txt"
    assert len(store.events()) == 3


def test_documents_in_publication_order_then_id(store: Store) -> None:
    later, _ = store.add(*sample(TEXT + " B", published=date(2026, 2, 1)))
    undated, _ = store.add(*sample(TEXT + " C", published=None))
    earlier_a, _ = store.add(*sample(TEXT + " A", published=date(2026, 1, 1)))
    earlier_b, _ = store.add(*sample(TEXT + " D", published=date(2026, 1, 1)))
    ids = [d.id for d in store.documents()]
    assert ids == sorted([earlier_a, earlier_b]) + [later, undated]
    assert [e.document.id for e in store.extractions()] == ids
    assert isinstance(store.documents()[0], DocumentInfo)


def test_events_filter_by_type_and_date_overlap(store: Store) -> None:
    store.add(*sample())
    assert [e.event.id for e in store.events()] == ["v2", "v1", "v3"]  # by date, undated last
    assert [e.event.id for e in store.events(type="designation")] == ["v3"]
    assert [e.event.id for e in store.events(since=date(2026, 1, 1))] == ["v1"]
    assert [e.event.id for e in store.events(until=date(2025, 12, 15))] == ["v2"]
    assert [e.event.id for e in store.events(since=date(2025, 12, 31), until=date(2026, 1, 20))] == ["v2", "v1"]
    assert store.events(type="arrest") == []
    stored = store.events(since=date(2026, 1, 20))[0]
    assert stored.document.published == date(2026, 1, 20) and stored.document.title == "Transfer"
    assert store.event(stored.id) == stored
    assert store.event(stored.id + 1000) is None
    assert stored.event.provenance["agents:Mexico"].text == "Mexico"


def test_event_ids_are_global(store: Store) -> None:
    store.add(*sample())
    store.add(*sample(TEXT + " Again."))
    ids = [e.id for e in store.events()]
    assert len(ids) == len(set(ids)) == 6


def test_warnings_are_kept(store: Store) -> None:
    doc_id, _ = store.add(*sample(warnings=["invalid UTF-8 (first at byte 3)"]))
    assert store.warnings(doc_id) == ["invalid UTF-8 (first at byte 3)"]


def test_has_and_unknown_document(store: Store) -> None:
    raw, extraction = sample()
    assert not store.has(content_hash(TEXT))
    store.add(raw, extraction)
    assert store.has(content_hash(TEXT))
    with pytest.raises(StorageError, match="no document"):
        store.extraction("sha256:nope")
    with pytest.raises(StorageError, match="no document"):
        store.text("sha256:nope")


def test_language_falls_back_to_raw_then_detection(store: Store) -> None:
    raw = RawDocument("El gobierno de México envió a los presos a Estados Unidos.", "a.txt")
    doc_id, _ = store.add(raw, Extraction(DocumentInfo("", "", None, "")))
    assert store.document(doc_id).source == "a.txt"
    assert store.document(doc_id).language == "es"


def test_failures_are_recorded(store: Store) -> None:
    store.record_failure("batch.jsonl", "malformed JSON", 3)
    store.record_failure("empty.txt", "empty file")
    failures = store.failures()
    assert [(f.source, f.line, f.reason) for f in failures] == [
        ("batch.jsonl", 3, "malformed JSON"), ("empty.txt", None, "empty file")]
    assert failures[0].created.tzinfo is not None


def test_replace_stores_the_new_extraction_and_keeps_the_first_stored_time(store: Store) -> None:
    raw, extraction = sample()
    doc_id, _ = store.add(raw, extraction)
    with store.session() as session:
        created = session.get(DocumentRow, doc_id).created  # type: ignore[union-attr]
    extraction.events = extraction.events[:1]
    extraction.claims = [claim for claim in extraction.claims if claim.event is None]
    raw.title = extraction.document.title = "Transfer, corrected"
    assert store.replace(raw, extraction) == doc_id
    assert store.extraction(doc_id) == extraction
    assert store.count_documents() == 1 and store.event_counts() == {doc_id: 1}
    with store.session() as session:
        assert session.get(DocumentRow, doc_id).created == created  # type: ignore[union-attr]
