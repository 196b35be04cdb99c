"""Property tests of every reader: any bytes in give documents or clear ``InputError``s,
never another exception.

The readers are called below ``read_file`` (which turns any stray exception into an
"could not be read" error so a batch goes on): a parser bug must show up here as a
failure, not hide as that error. Inputs are random bytes and structured near-misses of
each format (front matter fences, feed and page skeletons, JSON records) with random
parts, which is where parsers break.
"""
from __future__ import annotations

import json
from datetime import date
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newsledger.errors import InputError
from newsledger.ingest import RawDocument
from newsledger.ingest.decoding import decode
from newsledger.ingest.feeds import read_feed
from newsledger.ingest.html import markup_to_text, page_to_article
from newsledger.ingest.jsonl import read_jsonl
from newsledger.ingest.reader import apply_overrides, _read_any
from newsledger.ingest.records import read_json, read_table
from newsledger.ingest.text import apply_metadata, document_from_text, split_front_matter

SETTINGS = settings(max_examples=120, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
WORDS = st.sampled_from(["Mexico", "sent", "26", "prisoners", "México", "envió", "reos", "el", "the", "\n",
                         "\n\n", "—", "“", "”", "<p>", "</p>", "&amp;", "&#0;", "\x00", "\ufeff", "é", "ñ"])
PROSE = st.lists(WORDS, max_size=40).map(" ".join)
TEXTISH = st.one_of(st.text(max_size=300), PROSE)
SCALARS = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=True), TEXTISH,
                    st.sampled_from(["2026-01-20", "2026-02-30", "Tue, 20 Jan 2026 10:00:00 -0600", "es-MX",
                                     "fr", "9999-12-31T23:59:59+14:00", "0001-01-01"]))
RECORDS = st.dictionaries(st.sampled_from(["text", "html", "published", "title", "url", "outlet", "language",
                                           "other"]), st.one_of(SCALARS, st.lists(SCALARS, max_size=3)),
                          max_size=7)


def _ok(items: object) -> list[RawDocument | InputError]:
    found = list(items)  # type: ignore[call-overload]
    for item in found:
        assert isinstance(item, RawDocument | InputError), item
        if isinstance(item, RawDocument):
            assert item.text.strip() and item.text == item.text.strip()
    return found


def _raises_only_input_error(call: object, *args: object) -> object:
    try:
        return call(*args)  # type: ignore[operator]
    except InputError as error:
        assert str(error).strip() and "\n" not in error.reason
        return None


@SETTINGS
@given(data=st.one_of(st.binary(max_size=600), TEXTISH.map(lambda t: t.encode("utf-8", "surrogatepass")),
                      TEXTISH.map(lambda t: t.encode("latin-1", "replace"))))
def test_text_reader(data: bytes) -> None:
    decoded = _raises_only_input_error(decode, data, "a.txt")
    if decoded is not None:
        text, warnings = decoded  # type: ignore[misc]
        document = _raises_only_input_error(document_from_text, text, "a.txt", warnings)
        if document is not None:
            _raises_only_input_error(apply_overrides, document, None, None, None)


@SETTINGS
@given(fields=st.lists(st.tuples(st.sampled_from(["title", "published", "language", "url", "outlet", "x", ""]),
                                 st.one_of(TEXTISH, st.sampled_from(["[", "{", "- a", "&x", "*y", "!!python/none",
                                                                     "2026-01-20", "'"]))), max_size=6),
       body=TEXTISH, close=st.sampled_from(["---", "...", "--", ""]))
def test_front_matter(fields: list[tuple[str, str]], body: str, close: str) -> None:
    text = "---\n" + "\n".join(f"{key}: {value}" for key, value in fields) + f"\n{close}\n{body}"
    split = _raises_only_input_error(split_front_matter, text, "a.md")
    if split is not None:
        metadata, _ = split  # type: ignore[misc]
        assert isinstance(metadata, dict)
        document = RawDocument("text", "a.md")
        _raises_only_input_error(apply_metadata, document, metadata, "a.md")
        assert document.published is None or isinstance(document.published, date)


@SETTINGS
@given(body=TEXTISH, head=st.sampled_from(["", "<!DOCTYPE html>", "<html><head><meta charset='latin-1'>",
                                           "<html><head><title>T</title><meta property='article:published_time' "
                                           "content='2026-13-45'></head>", "<body>", "<?xml version='1.0'?>"]),
       tail=st.sampled_from(["", "</body></html>", "<script>", "<!--", "]]>"]))
def test_html_reader(body: str, head: str, tail: str) -> None:
    markup = f"{head}<article><p>{body}</p><p>{body}</p></article>{tail}"
    _raises_only_input_error(markup_to_text, markup, "a.html")
    _raises_only_input_error(page_to_article, markup, "a.html")


@SETTINGS
@given(lines=st.lists(st.one_of(RECORDS.map(lambda r: json.dumps(r, ensure_ascii=False).encode()),
                                st.binary(max_size=80), TEXTISH.map(str.encode)), max_size=6),
       separator=st.sampled_from([b"\n", b"\r\n", b"\r"]))
def test_jsonl_reader(tmp_path: Path, lines: list[bytes], separator: bytes) -> None:
    path = tmp_path / "a.jsonl"
    path.write_bytes(separator.join(lines))
    _ok(read_jsonl(path, 10_000))


@SETTINGS
@given(records=st.one_of(st.lists(RECORDS, max_size=5), RECORDS, SCALARS), raw=TEXTISH)
def test_json_and_csv_readers(records: object, raw: str) -> None:
    try:
        _ok(read_json(json.dumps(records), "a.json", []))
    except InputError:
        pass
    for text in (raw, "text,published\n" + raw, "title,html\n" + raw.replace("\x00", "")):
        try:
            _ok(read_table(text, "a.csv", []))
        except InputError:
            pass


ENTRY = st.tuples(TEXTISH, TEXTISH, st.sampled_from(["Tue, 20 Jan 2026 10:00:00 -0600", "2026-01-20T10:00:00Z",
                                                     "yesterday", "", "Mon, 31 Feb 2026 99:00:00 +9999"]),
                  st.sampled_from(["text/html", "text", "xhtml", "application/octet-stream"]))


@SETTINGS
@given(entries=st.lists(ENTRY, max_size=4), kind=st.sampled_from(["rss", "atom"]),
       language=st.sampled_from(["", "en", "es-MX", "fr", "x" * 40]), noise=st.binary(max_size=40))
def test_feed_reader(entries: list[tuple[str, str, str, str]], kind: str, language: str, noise: bytes) -> None:
    def esc(text: str) -> str:
        return text.replace("&", "&amp;").replace("<", "&lt;")

    if kind == "rss":
        items = "".join(f"<item><title>{esc(t)}</title><description>{esc(b)}</description>"
                        f"<pubDate>{d}</pubDate></item>" for t, b, d, _ in entries)
        feed = f"<rss version='2.0'><channel><title>X</title><language>{language}</language>{items}</channel></rss>"
    else:
        items = "".join(f"<entry><title>{esc(t)}</title><content type='{k}'>{esc(b)}</content>"
                        f"<updated>{d}</updated></entry>" for t, b, d, k in entries)
        feed = f"<feed xmlns='http://www.w3.org/2005/Atom' xml:lang='{language}'><title>X</title>{items}</feed>"
    _ok(read_feed(feed.encode("utf-8"), "a.xml"))
    _ok(read_feed(feed.encode("utf-8")[: len(feed) // 2] + noise, "a.xml"))


@SETTINGS
@given(data=st.binary(max_size=400), suffix=st.sampled_from([".txt", ".md", ".html", ".xml", ".json", ".csv",
                                                             ".tsv", ".jsonl", ""]))
def test_any_bytes_in_any_format(tmp_path: Path, data: bytes, suffix: str) -> None:
    path = tmp_path / f"input{suffix}"
    path.write_bytes(data)
    try:
        _ok(_read_any(path, 10_000))
    except InputError:
        pass
