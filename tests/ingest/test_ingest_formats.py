"""Each input format yields the documents and metadata it holds."""
from __future__ import annotations

import json
from datetime import date
from pathlib import Path

from ingest_samples import ARTICLE_EN, ARTICLE_ES, html_page

from newsledger.errors import InputError
from newsledger.ingest import RawDocument, content_hash, find_files, read_path
from newsledger.ingest.reader import NO_DATE_WARNING


def read_all(path: Path, **options: object) -> list[RawDocument | InputError]:
    return list(read_path(path, **options))  # type: ignore[arg-type]


def only_document(path: Path, **options: object) -> RawDocument:
    items = read_all(path, **options)
    assert len(items) == 1 and isinstance(items[0], RawDocument), items
    return items[0]


def test_plain_text_is_normalised_and_language_detected(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_bytes(("\n  " + ARTICLE_EN.replace("\n", "\r\n") + "  \n\n").encode("utf-8"))
    document = only_document(path)
    assert document.text == ARTICLE_EN
    assert document.source == str(path)
    assert document.language == "en"
    assert document.published is None and document.title is None
    assert document.warnings == [NO_DATE_WARNING]  # an undated file says so


def test_front_matter_sets_metadata(tmp_path: Path) -> None:
    path = tmp_path / "a.md"
    path.write_text(
        "---\ntitle: Traslado de presos\npublished: 2026-01-20\nurl: https://example.com/a\n"
        "outlet: El Ejemplo\nlanguage: es-MX\n---\n" + ARTICLE_ES, encoding="utf-8")
    document = only_document(path)
    assert document.text == ARTICLE_ES
    assert (document.title, document.published, document.url, document.outlet, document.language) == (
        "Traslado de presos", date(2026, 1, 20), "https://example.com/a", "El Ejemplo", "es")


def test_front_matter_datetime_and_quoted_date(tmp_path: Path) -> None:
    first = tmp_path / "a.txt"
    first.write_text("---\npublished: 2026-01-20T23:30:00-06:00\n---\n" + ARTICLE_EN, encoding="utf-8")
    second = tmp_path / "b.txt"
    second.write_text("---\npublished: '2026-01-21'\n---\n" + ARTICLE_EN + " More.", encoding="utf-8")
    assert only_document(first).published == date(2026, 1, 20)  # the day as written, not UTC
    assert only_document(second).published == date(2026, 1, 21)


def test_explicit_arguments_override_metadata(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text("---\npublished: 2026-01-20\nlanguage: en\nurl: https://a\n---\n" + ARTICLE_EN,
                    encoding="utf-8")
    document = only_document(path, published=date(2025, 5, 1), language="ES", url="https://b")
    assert (document.published, document.language, document.url) == (date(2025, 5, 1), "es", "https://b")


def test_file_without_suffix_is_text(tmp_path: Path) -> None:
    path = tmp_path / "article"
    path.write_text(ARTICLE_ES, encoding="utf-8")
    assert only_document(path).language == "es"


def test_html_main_text_and_metadata(tmp_path: Path) -> None:
    path = tmp_path / "page.html"
    path.write_text(html_page(), encoding="utf-8")
    document = only_document(path)
    assert "Mexico transferred 37 people" in document.text
    assert "Officials in Washington" in document.text
    assert "Home" not in document.text and "Copyright" not in document.text
    assert document.published == date(2026, 1, 20)
    assert document.title == "Mexico sends 37 prisoners to the US"
    assert document.outlet == "Example News"
    assert document.url == "https://example.com/news/transfer"
    assert document.language == "en"


def test_html_is_sniffed_without_suffix(tmp_path: Path) -> None:
    path = tmp_path / "download"
    path.write_text(html_page(), encoding="utf-8")
    assert "<p>" not in only_document(path).text


def test_jsonl_one_document_per_line(tmp_path: Path) -> None:
    path = tmp_path / "batch.jsonl"
    records = [
        {"text": ARTICLE_EN, "url": "https://e/1", "published": "2026-01-20", "title": "One", "language": "en"},
        {"html": html_page(ARTICLE_ES, published=None), "published": "2026-01-21T08:00:00Z"},
        {"html": "<p>México envió a 37 presos a <b>Estados Unidos</b> el martes.</p>", "outlet": "X"},
    ]
    path.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in records) + "\n\n", encoding="utf-8")
    first, second, third = read_all(path)
    assert isinstance(first, RawDocument) and isinstance(second, RawDocument) and isinstance(third, RawDocument)
    assert (first.line, first.url, first.published, first.title, first.language) == (
        1, "https://e/1", date(2026, 1, 20), "One", "en")
    assert first.text == ARTICLE_EN
    assert second.line == 2 and second.language == "es" and second.published == date(2026, 1, 21)
    assert "Cártel de Sinaloa" in second.text and "<p>" not in second.text
    assert third.text == "México envió a 37 presos a Estados Unidos el martes."
    assert third.outlet == "X" and third.language == "es"
    assert {d.source for d in (first, second, third)} == {str(path)}


RSS = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>Example News</title><language>es-MX</language>
<item><title>Traslado</title><link>https://example.com/1</link>
<pubDate>Tue, 20 Jan 2026 23:30:00 -0600</pubDate>
<description>&lt;p&gt;México envió a 37 presos a Estados Unidos.&lt;/p&gt;&lt;p&gt;Es el tercer traslado.&lt;/p&gt;</description>
</item>
<item><title>Otro</title><link>https://example.com/2</link>
<description>El gabinete de seguridad informó que los presos fueron enviados en aviones de la Marina.</description>
</item></channel></rss>
"""

ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Wire</title><id>urn:wire</id>
<updated>2026-01-21T00:00:00Z</updated>
<entry><title>Transfer</title><id>urn:1</id><link href="https://wire.example/1"/>
<published>2026-01-20T10:00:00Z</published><updated>2026-01-20T11:00:00Z</updated>
<content type="html">&lt;p&gt;Mexico sent 37 prisoners to the United States on Tuesday.&lt;/p&gt;</content>
<summary>Short summary.</summary>
</entry></feed>
"""


def test_rss_entries_are_documents(tmp_path: Path) -> None:
    path = tmp_path / "feed.rss"
    path.write_text(RSS, encoding="utf-8")
    first, second = read_all(path)
    assert isinstance(first, RawDocument) and isinstance(second, RawDocument)
    assert first.text == "México envió a 37 presos a Estados Unidos.\nEs el tercer traslado."
    assert (first.title, first.url, first.outlet, first.language) == (
        "Traslado", "https://example.com/1", "Example News", "es")
    assert first.published == date(2026, 1, 20)  # as written, although it is the 21st in UTC
    assert second.published is None and second.url == "https://example.com/2"


def test_atom_entry_prefers_full_content(tmp_path: Path) -> None:
    path = tmp_path / "wire.xml"
    path.write_text(ATOM, encoding="utf-8")
    document = only_document(path)
    assert document.text == "Mexico sent 37 prisoners to the United States on Tuesday."
    assert (document.url, document.published, document.outlet, document.language) == (
        "https://wire.example/1", date(2026, 1, 20), "Wire", "en")


def test_feed_is_sniffed_without_suffix(tmp_path: Path) -> None:
    path = tmp_path / "feed"
    path.write_text(ATOM, encoding="utf-8")
    assert only_document(path).url == "https://wire.example/1"


def test_folder_is_read_recursively_in_order_skipping_hidden(tmp_path: Path) -> None:
    (tmp_path / "b").mkdir()
    (tmp_path / ".git").mkdir()
    (tmp_path / "b" / "2.txt").write_text(ARTICLE_EN + " Two.", encoding="utf-8")
    (tmp_path / "a.txt").write_text(ARTICLE_EN + " One.", encoding="utf-8")
    (tmp_path / "c.txt").write_text(ARTICLE_EN + " Three.", encoding="utf-8")
    (tmp_path / ".hidden.txt").write_text("secret", encoding="utf-8")
    (tmp_path / ".git" / "config.txt").write_text("secret", encoding="utf-8")
    assert [p.relative_to(tmp_path).as_posix() for p in find_files(tmp_path)] == ["a.txt", "b/2.txt", "c.txt"]
    texts = [d.text.rsplit(" ", 1)[-1] for d in read_all(tmp_path) if isinstance(d, RawDocument)]
    assert texts == ["One.", "Two.", "Three."]


def test_same_article_in_two_formats_hashes_the_same(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(ARTICLE_EN, encoding="utf-8")
    (tmp_path / "b.jsonl").write_text(json.dumps({"text": ARTICLE_EN + "\r\n"}) + "\n", encoding="utf-8")
    first, second = read_all(tmp_path)
    assert isinstance(first, RawDocument) and isinstance(second, RawDocument)
    assert content_hash(first.text) == content_hash(second.text)
