"""Long texts and failing documents: a text over spaCy's limit is extracted in paragraph
chunks with its spans still pointing into it, and an error while extracting one document
is that document's failure, naming its file, not the end of the batch."""
from __future__ import annotations

from collections.abc import Iterator
from datetime import date

import pytest

from newsledger import extract
from newsledger.errors import ExtractionError
from newsledger.extract import extract_each, extract_text, text_chunks
from newsledger.ingest import RawDocument, normalise_text
from newsledger.pipeline import nlp_for

PARAGRAPH = ("Mexico sent 26 prisoners to the United States on Tuesday, Security Minister "
             "Omar García Harfuch said.\n\nThe transfer was the second this year, officials said.")
PUBLISHED = date(2026, 3, 12)


@pytest.fixture
def small_model_limit() -> Iterator[int]:
    """spaCy's own max_length lowered, so a 'too long' text costs milliseconds, not minutes."""
    nlp = nlp_for("en")
    saved = nlp.max_length
    nlp.max_length = 600
    yield nlp.max_length
    nlp.max_length = saved


def _long_text(paragraphs: int) -> str:
    return normalise_text("\n\n".join(f"{PARAGRAPH} Report {n}." for n in range(paragraphs)))


def test_chunks_join_back_and_respect_the_limit() -> None:
    text = _long_text(30) + " " + "x" * 700
    chunks = text_chunks(text, 500)
    assert "".join(chunks) == text
    assert all(len(chunk) <= 500 for chunk in chunks)
    assert all(chunk.endswith("\n\n") for chunk in chunks[:5])  # cut at paragraph breaks


def test_a_text_over_the_model_limit_is_extracted_with_exact_spans(small_model_limit: int) -> None:
    text = _long_text(12)
    assert len(text) > small_model_limit
    result = extract_text(text, published=PUBLISHED, language="en")
    assert result.events and result.entities
    spans = [m for entity in result.entities for m in entity.mentions]
    spans += [s for event in result.events for s in event.evidence]
    spans += [q for q in result.quotes]
    assert spans
    for span in spans:
        assert text[span.start:span.end] == span.text
    assert any(m.start > small_model_limit for entity in result.entities for m in entity.mentions)


def test_a_chunked_text_reads_like_the_whole(monkeypatch: pytest.MonkeyPatch) -> None:
    text = _long_text(4)
    whole = extract_text(text, published=PUBLISHED, language="en")
    monkeypatch.setattr(extract, "CHUNK_CHARS", 200)
    chunked = extract_text(text, published=PUBLISHED, language="en")
    assert [e.name for e in chunked.entities] == [e.name for e in whole.entities]
    assert [(e.type, e.count, e.date.value) for e in chunked.events] == \
        [(e.type, e.count, e.date.value) for e in whole.events]


def test_a_failing_document_is_its_own_failure(monkeypatch: pytest.MonkeyPatch) -> None:
    good = RawDocument(normalise_text(PARAGRAPH), "good.txt", PUBLISHED, "en")
    bad = RawDocument(normalise_text(PARAGRAPH + " Broken."), "bad.jsonl", PUBLISHED, "en", line=7)
    real = extract.to_extraction

    def explode(doc, raw, language):  # type: ignore[no-untyped-def]
        if raw.source == "bad.jsonl":
            raise ValueError("[E999] something inside the model\nsecond line")
        return real(doc, raw, language)

    monkeypatch.setattr(extract, "to_extraction", explode)
    results = extract_each([good, bad, good])
    assert [type(r).__name__ for r in results] == ["Extraction", "ExtractionError", "Extraction"]
    error = results[1]
    assert isinstance(error, ExtractionError)
    assert str(error).startswith("bad.jsonl:7: extraction failed (ValueError: [E999] something inside the model")
    assert "\n" not in str(error)
