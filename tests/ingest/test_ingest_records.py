""".json arrays and .csv tables are read record by record, not stored as article text;
a file without an article field is refused with the reason."""
from __future__ import annotations

import csv
import json
from pathlib import Path

from ingest_samples import ARTICLE_EN, ARTICLE_ES

from newsledger.errors import InputError
from newsledger.ingest import RawDocument, read_path


def test_a_json_array_is_one_document_per_article(tmp_path: Path) -> None:
    path = tmp_path / "export.json"
    path.write_text(json.dumps([
        {"text": ARTICLE_EN, "published": "2026-01-20", "title": "Transfer", "url": "https://e/1"},
        {"title": "no text"},
        {"text": ARTICLE_ES, "published": "2025-08-12", "language": "es-MX"},
        "a string",
    ], ensure_ascii=False), encoding="utf-8")
    items = list(read_path(path))
    assert [type(i).__name__ for i in items] == ["RawDocument", "InputError", "RawDocument", "InputError"]
    first, third = items[0], items[2]
    assert isinstance(first, RawDocument) and first.text == ARTICLE_EN and first.title == "Transfer"
    assert isinstance(third, RawDocument) and third.language == "es" and str(third.published) == "2025-08-12"
    assert items[1].reason.startswith("item 2: no article text") and items[3].reason.startswith("item 4: expected")


def test_a_json_object_is_one_article_and_other_json_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "one.json"
    path.write_text(json.dumps({"text": ARTICLE_EN, "published": "2026-01-20"}), encoding="utf-8")
    [document] = list(read_path(path))
    assert isinstance(document, RawDocument) and document.text == ARTICLE_EN
    path.write_text("[1, 2, 3]", encoding="utf-8")
    assert all(isinstance(i, InputError) for i in read_path(path))
    path.write_text('{"text": "unterminated', encoding="utf-8")
    [error] = list(read_path(path))
    assert isinstance(error, InputError) and error.reason.startswith("malformed JSON") and error.line == 1


def test_a_csv_table_is_one_document_per_row(tmp_path: Path) -> None:
    path = tmp_path / "articles.csv"
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["Title", "Published", "Text"])
        writer.writerow(["Transfer", "2026-01-20", ARTICLE_EN])
        writer.writerow(["Empty", "2026-01-21", ""])
        writer.writerow(["Traslado", "2025-08-12", ARTICLE_ES])
    items = list(read_path(path))
    assert [type(i).__name__ for i in items] == ["RawDocument", "InputError", "RawDocument"]
    assert isinstance(items[0], RawDocument) and items[0].text == ARTICLE_EN and items[0].title == "Transfer"
    assert items[0].line == 4  # the row's last line: the article spans three
    assert isinstance(items[2], RawDocument) and items[2].language == "es"


def test_a_csv_without_an_article_column_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "numbers.csv"
    path.write_text("date,count\n2026-01-20,37\n2025-08-12,26\n", encoding="utf-8")
    [error] = list(read_path(path))
    assert isinstance(error, InputError)
    assert "without a 'text' or 'html' column" in error.reason and "'date', 'count'" in (error.hint or "")
