"""RSS and Atom files: each entry is a document.

Entries usually carry HTML (a summary or the full content); it is reduced to text here.
The feed's own title stands for the outlet and its language for the entries' language
when they do not state one. A bad entry is reported as "entry N" and the others go in.
"""
from __future__ import annotations

import html as html_lib
import io
import re
from collections.abc import Iterator
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


def read_feed(data: bytes, source: str) -> Iterator[RawDocument | InputError]:
    """Each entry of the feed in ``data`` as a document or as the error that stopped it."""
    # A stream, never bytes or str: feedparser treats a string as a URL or file name.
    parsed = feedparser.parse(io.BytesIO(data), sanitize_html=False, resolve_relative_uris=False)
    if not parsed.entries:
        if parsed.get("bozo"):
            yield InputError(source, f"not a readable RSS or Atom feed ({parsed.get('bozo_exception')})")
        else:
            yield InputError(source, "feed has no entries")
        return
    channel = parsed.get("feed", {})
    outlet = _text(channel.get("title"))
    language = channel.get("language")
    for number, entry in enumerate(parsed.entries, start=1):
        try:
            yield _entry_document(entry, number, source, outlet, language)
        except InputError as error:
            yield error


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
