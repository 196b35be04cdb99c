"""Bad input: each case is one clear error naming the file (and line), and the batch goes on."""
from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from ingest_samples import ARTICLE_EN, html_page

from newsledger.errors import InputError
from newsledger.ingest import RawDocument, read_path


def errors_of(items: list[RawDocument | InputError]) -> list[InputError]:
    return [item for item in items if isinstance(item, InputError)]


def only_error(path: Path, **options: object) -> InputError:
    items = list(read_path(path, **options))  # type: ignore[arg-type]
    assert len(items) == 1 and isinstance(items[0], InputError), items
    error = items[0]
    assert str(error).startswith(str(path)) and "\n" not in str(error)
    return error


@pytest.mark.parametrize("content", [b"", b"   \n\n\t  \n"])
def test_empty_file(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "empty.txt"
    path.write_bytes(content)
    assert only_error(path).reason == "empty file"


def test_front_matter_without_body(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text("---\ntitle: Nothing\n---\n\n", encoding="utf-8")
    assert "no text" in only_error(path).reason


def test_binary_file(tmp_path: Path) -> None:
    path = tmp_path / "photo.txt"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4)
    assert "binary" in only_error(path).reason


def test_binary_file_without_suffix_in_a_folder(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(ARTICLE_EN, encoding="utf-8")
    (tmp_path / "b.bin").write_bytes(bytes(range(256)) * 8)
    items = list(read_path(tmp_path))
    assert isinstance(items[0], RawDocument)
    assert isinstance(items[1], InputError) and "binary" in items[1].reason


def test_invalid_utf8_in_utf8_text_is_replaced_with_a_warning(tmp_path: Path) -> None:
    path = tmp_path / "mixed.txt"
    path.write_bytes(ARTICLE_EN.encode("utf-8") + " Se\u00f1or P\u00e9rez y Se\u00f1ora N\u00fa\u00f1ez,".encode("utf-8")
                     + " Se\xf1or L\xf3pez.".encode("latin-1"))
    (document,) = list(read_path(path))
    assert isinstance(document, RawDocument)
    assert document.text.endswith("Se\ufffdor L\ufffdpez.")
    assert "invalid UTF-8" in document.warnings[0] and "2 invalid" in document.warnings[0]


@pytest.mark.parametrize("encoding", ["latin-1", "cp1252"])
def test_a_latin1_or_cp1252_file_is_detected_and_read_right(tmp_path: Path, encoding: str) -> None:
    text = ("M\u00e9xico envi\u00f3 26 reos a Estados Unidos el martes, inform\u00f3 la Fiscal\u00eda. "
            "El a\u00f1o pasado fueron 29, a\u00f1adi\u00f3 el secretario Garc\u00eda Harfuch.")
    if encoding == "cp1252":
        text += " \u201cEs un \u00e9xito\u201d, dijo \u2014 con 10 \u20ac de multa."
    path = tmp_path / "legacy.txt"
    path.write_bytes(text.encode(encoding))
    (document,) = list(read_path(path))
    assert isinstance(document, RawDocument)
    assert document.text == text and "\ufffd" not in document.text
    assert "not UTF-8" in document.warnings[0] and "save the file as UTF-8" in document.warnings[0]


def test_utf16_with_bom_is_text(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_bytes(ARTICLE_EN.encode("utf-16"))
    (document,) = list(read_path(path, published=date(2026, 1, 20)))
    assert isinstance(document, RawDocument) and document.text == ARTICLE_EN and not document.warnings


def test_html_without_article_text(tmp_path: Path) -> None:
    path = tmp_path / "menu.html"
    path.write_text("<html><head><title>Home</title></head><body><nav><a href='/'>Home</a>"
                    "<a href='/a'>About</a></nav></body></html>", encoding="utf-8")
    assert only_error(path).reason == "HTML without article text"


def test_malformed_json_line_names_the_line_and_the_rest_goes_in(tmp_path: Path) -> None:
    path = tmp_path / "batch.jsonl"
    lines = [json.dumps({"text": ARTICLE_EN}), '{"text": "broken', json.dumps([1, 2]),
             json.dumps({"title": "no text"}), json.dumps({"text": ARTICLE_EN + " Again."})]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    items = list(read_path(path))
    assert [type(item).__name__ for item in items] == [
        "RawDocument", "InputError", "InputError", "InputError", "RawDocument"]
    broken, array, empty = errors_of(items)
    assert broken.line == 2 and "malformed JSON" in broken.reason
    assert str(broken).startswith(f"{path}:2: malformed JSON")
    assert array.line == 3 and "JSON object" in array.reason
    assert empty.line == 4 and "'text' or 'html'" in empty.reason
    assert isinstance(items[4], RawDocument) and items[4].line == 5


def test_jsonl_with_only_blank_lines_is_empty(tmp_path: Path) -> None:
    path = tmp_path / "batch.jsonl"
    path.write_text("\n  \n", encoding="utf-8")
    assert only_error(path).reason == "empty file"


def test_jsonl_invalid_utf8_line_keeps_a_warning(tmp_path: Path) -> None:
    path = tmp_path / "batch.jsonl"
    record = json.dumps({"text": "Se@or " + ARTICLE_EN}).encode("utf-8")
    path.write_bytes(record.replace(b"@", b"\xf1") + b"\n")
    (document,) = list(read_path(path))
    assert isinstance(document, RawDocument) and "line 1" in document.warnings[0]


def test_unparseable_date_in_front_matter(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text("---\npublished: last Tuesday\n---\n" + ARTICLE_EN, encoding="utf-8")
    assert "unparseable date 'last Tuesday'" in only_error(path).reason


def test_unparseable_date_in_jsonl_names_the_line(tmp_path: Path) -> None:
    path = tmp_path / "batch.jsonl"
    path.write_text(json.dumps({"text": ARTICLE_EN, "published": "2026-13-45"}) + "\n", encoding="utf-8")
    error = only_error(path)
    assert error.line == 1 and "unparseable date" in error.reason


def test_unparseable_date_in_a_feed_entry(tmp_path: Path) -> None:
    path = tmp_path / "feed.rss"
    path.write_text("<?xml version='1.0'?><rss version='2.0'><channel><title>F</title>"
                    "<item><title>A</title><pubDate>sometime soon</pubDate>"
                    f"<description>{ARTICLE_EN}</description></item>"
                    f"<item><title>B</title><description>{ARTICLE_EN}</description></item>"
                    "</channel></rss>", encoding="utf-8")
    first, second = list(read_path(path))
    assert isinstance(first, InputError) and "entry 1" in first.reason and "unparseable date" in first.reason
    assert isinstance(second, RawDocument)


def test_oversize_file(tmp_path: Path) -> None:
    path = tmp_path / "big.html"
    path.write_text(html_page(), encoding="utf-8")
    error = only_error(path, max_bytes=100)
    assert "over the 100 bytes limit" in error.reason


def test_oversize_jsonl_line(tmp_path: Path) -> None:
    path = tmp_path / "batch.jsonl"
    path.write_text(json.dumps({"text": "Short text here."}) + "\n" + json.dumps({"text": ARTICLE_EN}) + "\n",
                    encoding="utf-8")
    first, second = list(read_path(path, max_bytes=100))
    assert isinstance(first, RawDocument)
    assert isinstance(second, InputError) and second.line == 2 and "limit" in second.reason


def test_xml_that_is_not_a_feed(tmp_path: Path) -> None:
    path = tmp_path / "data.xml"
    path.write_text("<?xml version='1.0'?><catalog><book>One</book></catalog>", encoding="utf-8")
    assert "<catalog>" in only_error(path).reason


def test_missing_path(tmp_path: Path) -> None:
    assert only_error(tmp_path / "nope.txt").reason == "no such file or folder"


def test_unsupported_language(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text("---\nlanguage: fr\n---\n" + ARTICLE_EN, encoding="utf-8")
    assert "unsupported language" in only_error(path).reason
    assert "unsupported language" in only_error(path, language="de").reason


def test_a_bad_file_does_not_stop_the_batch(tmp_path: Path) -> None:
    (tmp_path / "1.txt").write_text(ARTICLE_EN, encoding="utf-8")
    (tmp_path / "2.txt").write_bytes(b"")
    (tmp_path / "3.html").write_text("<html><body></body></html>", encoding="utf-8")
    (tmp_path / "4.txt").write_text(ARTICLE_EN + " More.", encoding="utf-8")
    items = list(read_path(tmp_path))
    assert [type(item).__name__ for item in items] == ["RawDocument", "InputError", "InputError", "RawDocument"]
    assert [Path(e.source).name for e in errors_of(items)] == ["2.txt", "3.html"]


def test_html_declaring_latin1_is_decoded_without_warning(tmp_path: Path) -> None:
    path = tmp_path / "page.html"
    page = html_page(ARTICLE_EN + " El señor López habló.").replace("<head>", '<head><meta charset="iso-8859-1">')
    path.write_bytes(page.encode("latin-1"))
    (document,) = list(read_path(path))
    assert isinstance(document, RawDocument)
    assert "El señor López habló." in document.text and document.warnings == []


@pytest.mark.parametrize(("line", "reason"), [
    ('{"text": "a\tb"}', "malformed JSON: Invalid control character at column 12"),
    ('{"text": "ab', "malformed JSON: Unterminated string starting at column 10"),
])
def test_json_errors_say_at_once(tmp_path: Path, line: str, reason: str) -> None:
    path = tmp_path / "feed.jsonl"
    path.write_text(line + "\n", encoding="utf-8")
    [error] = list(read_path(path))
    assert isinstance(error, InputError) and error.reason == reason and " at at " not in str(error)
