"""RSS and Atom files: each entry is a document.

Entries usually carry HTML (a summary or the full content); it is reduced to text here.
The feed's own title stands for the outlet and its language for the entries' language
when they do not state one. A bad entry is reported as "entry N" and the others go in.
"""
from __future__ import annotations

import hashlib
import html as html_lib
import io
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from typing import Any

import feedparser

from newsledger.errors import InputError
from newsledger.ingest.decoding import is_blank
from newsledger.ingest.document import RawDocument, normalise_language, normalise_text, parse_date
from newsledger.ingest.html import markup_to_text

_HTML_TYPES = ("text/html", "application/xhtml+xml", "html", "xhtml")
# The first element of an XML document, after the prolog, comments and doctype.
_ROOT = re.compile(rb"\A(?:\xef\xbb\xbf)?\s*(?:<\?.*?\?>\s*|<!--.*?-->\s*|<!DOCTYPE[^>]*>\s*)*<([\w:.-]+)",
                   re.DOTALL | re.IGNORECASE)
FEED_ROOTS = frozenset({"rss", "feed", "rdf:rdf", "rdf"})


def xml_root(data: bytes) -> str | None:
    """The lower-cased name of the root element, if ``data`` starts like XML."""
    match = _ROOT.match(data[:65536])
    return match.group(1).decode("ascii", "replace").lower() if match else None


def looks_like_feed(data: bytes) -> bool:
    """True when the root element is ``rss``, ``feed`` (Atom) or ``rdf:RDF`` (RSS 1.0)."""
    return xml_root(data) in FEED_ROOTS


def check_feed(data: bytes, source: str) -> None:
    """``InputError`` unless ``data`` starts like an RSS or Atom feed, naming what it is instead."""
    if not looks_like_feed(data):
        root = xml_root(data)
        found = f"its root element is <{root}>" if root else "it does not start with an XML element"
        raise InputError(source, f"XML that is not an RSS or Atom feed ({found})" if root else
                         f"not an RSS or Atom feed ({found})")


@dataclass(frozen=True)
class FeedEntry:
    """One entry of a feed: what identifies it across fetches, and its document (or error).

    ``key`` is the entry's own id (``guid``/``id``), else its link, else a digest of its
    title, date and text: what ``newsledger watch`` remembers so as to take an entry in
    once, however often the feed lists it.
    """

    key: str
    item: RawDocument | InputError


def feed_entries(data: bytes, source: str) -> list[FeedEntry]:
    """Every entry of the feed in ``data``; ``InputError`` if it is no readable feed.

    A well-formed feed without entries is an empty list: for a watched feed that is
    nothing new, not an error.
    """
    # A stream, never bytes or str: feedparser treats a string as a URL or file name.
    parsed = feedparser.parse(io.BytesIO(data), sanitize_html=False, resolve_relative_uris=False)
    if not parsed.entries and parsed.get("bozo"):
        raise InputError(source, f"not a readable RSS or Atom feed ({parsed.get('bozo_exception')})")
    channel = parsed.get("feed", {})
    outlet = _text(channel.get("title"))
    language = channel.get("language")
    entries: list[FeedEntry] = []
    for number, entry in enumerate(parsed.entries, start=1):
        item: RawDocument | InputError
        try:
            item = _entry_document(entry, number, source, outlet, language)
        except InputError as error:
            item = error
        entries.append(FeedEntry(_entry_key(entry), item))
    return entries


def read_feed(data: bytes, source: str) -> Iterator[RawDocument | InputError]:
    """Each entry of the feed in ``data`` as a document or as the error that stopped it."""
    try:
        entries = feed_entries(data, source)
    except InputError as error:
        yield error
        return
    if not entries:
        yield InputError(source, "feed has no entries")
    for entry in entries:
        yield entry.item


def _entry_key(entry: Any) -> str:
    for name in ("id", "link"):
        value = dict.get(entry, name)
        if isinstance(value, str) and value.strip():
            return f"{name}:{value.strip()}"
    parts = [str(dict.get(entry, name) or "") for name in ("title", "published", "updated", "summary")]
    return "digest:" + hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()


def _entry_document(entry: Any, number: int, source: str, outlet: str | None,
                    feed_language: str | None) -> RawDocument:
    title = _text(entry.get("title"))
    label = f"entry {number}" + (f" ({title!r})" if title else "")
    text = normalise_text(_entry_text(entry, source))
    if is_blank(text):
        raise InputError(source, f"{label}: no article text")
    document = RawDocument(text, source, title=title, url=_text(entry.get("link")), outlet=outlet)
    document.published = _entry_date(entry, source, label)
    language = entry.get("language") or feed_language
    if language:
        try:
            document.language = normalise_language(language, source)
        except InputError as error:
            raise InputError(source, f"{label}: {error.reason}", hint=error.hint) from error
    return document


def _entry_text(entry: Any, source: str) -> str:
    """The fullest text an entry has: its content, else its summary."""
    candidates = list(entry.get("content") or [])
    if entry.get("summary_detail"):
        candidates.append(entry["summary_detail"])
    elif entry.get("summary"):
        candidates.append({"value": entry["summary"], "type": "text/html"})
    best = ""
    for item in candidates:
        value = item.get("value") or ""
        kind = (item.get("type") or "text/html").lower()
        try:
            text = markup_to_text(value, source).text if kind in _HTML_TYPES else html_lib.unescape(value)
        except InputError:
            text = ""
        if len(text) > len(best):
            best = text
    return best


def _entry_date(entry: Any, source: str, label: str) -> date | None:
    """The entry's publication (else update) day as written in the feed."""
    for key in ("published", "updated", "created"):
        # dict.get: feedparser's own get() maps a missing "published" to "updated"
        # with a DeprecationWarning; each key is asked for in turn here anyway.
        raw = dict.get(entry, key)
        if not raw:
            continue
        try:
            return parse_date(raw, source)
        except InputError:
            parsed = dict.get(entry, f"{key}_parsed")
            if parsed:
                return date(parsed.tm_year, parsed.tm_mon, parsed.tm_mday)
            raise InputError(source, f"{label}: unparseable date {raw!r}") from None
    return None


def _text(value: object) -> str | None:
    return html_lib.unescape(value).strip() or None if isinstance(value, str) else None
