"""A batch survives what goes wrong inside one document: an extraction error is that
document's recorded failure (naming its file), a long record is extracted, and the
rerun neither crashes nor stores anything twice."""
from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from newsledger import extract, ingestion
from newsledger.pipeline import nlp_for
from newsledger.errors import StorageError
from newsledger.store import Store

ARTICLE = ("---\npublished: 2025-02-28\nlanguage: en\n---\n"
           "Mexico sent {n} prisoners to the United States on Thursday, officials said.\n")


@pytest.fixture
def small_model_limit() -> Iterator[None]:
    nlp = nlp_for("en")
    saved = nlp.max_length
    nlp.max_length = 400
    yield
    nlp.max_length = saved


def _folder(tmp_path: Path) -> Path:
    folder = tmp_path / "in"
    folder.mkdir()
    for n in (11, 12, 13):
        (folder / f"a{n}.txt").write_text(ARTICLE.format(n=n), encoding="utf-8")
    return folder


def test_an_extraction_error_is_the_documents_failure(tmp_path: Path, db_url: str,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    real = extract.to_extraction

    def explode(doc, raw, language):  # type: ignore[no-untyped-def]
        if raw.source.endswith("a12.txt"):
            raise ValueError("[E088] Text of length 2028 exceeds maximum of 600")
        return real(doc, raw, language)

    monkeypatch.setattr(extract, "to_extraction", explode)
    folder = _folder(tmp_path)
    with Store(db_url) as store:
        result = ingestion.ingest_paths(store, [folder])
        assert result.summary().startswith("stored 2, duplicates 0, failed 1")
        [failure] = store.failures()
        assert failure.source.endswith("a12.txt") and "E088" in failure.reason
        again = ingestion.ingest_paths(store, [folder])  # the rerun does not crash either
        assert again.summary().startswith("stored 0, duplicates 2, failed 1")


def test_a_jsonl_record_over_the_model_limit_is_stored(tmp_path: Path, db_url: str, small_model_limit: None) -> None:
    paragraph = "Mexico sent 26 prisoners to the United States on Tuesday, officials said."
    long_text = "\n\n".join(f"{paragraph} Paragraph {n}." for n in range(12))
    path = tmp_path / "feed.jsonl"
    path.write_text(json.dumps({"text": long_text, "published": "2025-08-14", "language": "en"}) + "\n"
                    + json.dumps({"text": paragraph, "published": "2025-08-14", "language": "en"}) + "\n",
                    encoding="utf-8")
    with Store(db_url) as store:
        result = ingestion.ingest_paths(store, [path])
        assert result.summary().startswith("stored 2, duplicates 0, failed 0")
        assert store.failures() == []
        [long_id] = [doc for doc in result.stored if len(store.text(doc)) > 400]
        stored = store.extraction(long_id)
        text = store.text(long_id)
        assert all(text[m.start:m.end] == m.text for entity in stored.entities for m in entity.mentions)


def test_the_summary_counts_the_events_found(tmp_path: Path, db_url: str) -> None:
    folder = _folder(tmp_path)
    with Store(db_url) as store:
        result = ingestion.ingest_paths(store, [folder])
        found = sum(len(store.extraction(doc).events) for doc in result.stored)
        assert found >= 3 and result.events == found
        assert result.summary() == f"stored 3, duplicates 0, failed 0, events {found}"


def test_a_batch_the_store_refuses_is_stored_one_by_one(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(self: Store, pairs: object) -> None:
        raise StorageError("could not store a batch")

    monkeypatch.setattr(Store, "add_many", refuse)
    folder = _folder(tmp_path)
    with Store(f"sqlite:///{tmp_path / 'x.db'}") as store:
        result = ingestion.ingest_paths(store, [folder])
        assert result.summary().startswith("stored 3, duplicates 0, failed 0")
        assert store.failures() == []
