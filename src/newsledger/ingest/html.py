"""HTML to article text.

A whole web page goes through trafilatura, which keeps the article body and drops
navigation, footers and comments, and reads the publication date, title and site name
from the page's metadata. A fragment (a feed entry's summary, a JSON Lines ``html``
field holding a few paragraphs) has no page around it for trafilatura to judge, so its
tags are simply removed, keeping paragraph breaks.
"""
from __future__ import annotations

import html as html_lib
import re
from dataclasses import dataclass
from datetime import date
from html.parser import HTMLParser

import trafilatura

from newsledger.errors import InputError
from newsledger.ingest.document import parse_date

# Fewer words than this is not an article but a menu, a cookie notice or a stub.
MIN_ARTICLE_WORDS = 10
_PAGE_MARKERS = re.compile(r"<\s*(!doctype\s+html|html[\s>]|body[\s>]|head[\s>])", re.IGNORECASE)


@dataclass
class HtmlArticle:
    """What a page yields: the main text and whatever metadata it states."""

    text: str
    title: str | None = None
    published: date | None = None
    url: str | None = None
    outlet: str | None = None


def is_full_page(markup: str) -> bool:
    """True when ``markup`` is a page (doctype, ``<html>``, ``<head>`` or ``<body>``)."""
    return _PAGE_MARKERS.search(markup[:4096]) is not None


def page_to_article(markup: str, source: str, line: int | None = None) -> HtmlArticle:
    """The main text and metadata of a web page; ``InputError`` if it has no article text."""
    document = trafilatura.bare_extraction(markup, with_metadata=True, include_comments=False,
                                           include_tables=False)
    text = (getattr(document, "text", None) or "").strip()
    if len(text.split()) < MIN_ARTICLE_WORDS:
        raise InputError(source, "HTML without article text", line,
                         hint="no main text was found; is this a front page or a menu?")
    published = None
    raw_date = getattr(document, "date", None)
    if raw_date:
        try:
            published = parse_date(raw_date, source, line)
        except InputError:
            published = None  # a page's guessed date is a hint, not something to fail on
    return HtmlArticle(text, _clean(getattr(document, "title", None)), published,
                       _clean(getattr(document, "url", None)), _clean(getattr(document, "sitename", None)))


def markup_to_text(markup: str, source: str, line: int | None = None) -> HtmlArticle:
    """A page through trafilatura, a fragment by removing its tags."""
    if is_full_page(markup):
        return page_to_article(markup, source, line)
    return HtmlArticle(fragment_to_text(markup))


class _TextCollector(HTMLParser):
    """Collects character data, turning block elements into line breaks."""

    BLOCKS = frozenset({"p", "div", "br", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6",
                        "blockquote", "section", "article", "tr", "table", "pre", "figcaption"})
    SKIP = frozenset({"script", "style", "noscript", "template"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skipping = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self.SKIP:
            self.skipping += 1
        elif tag in self.BLOCKS:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in self.SKIP:
            self.skipping = max(0, self.skipping - 1)
        elif tag in self.BLOCKS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self.skipping:
            self.parts.append(data)


def fragment_to_text(markup: str) -> str:
    """Plain text of an HTML fragment: tags removed, entities decoded, one line per block."""
    if "<" not in markup:
        return html_lib.unescape(markup).strip()
    collector = _TextCollector()
    collector.feed(markup)
    collector.close()
    lines = (re.sub(r"[ \t\u00a0]+", " ", line).strip() for line in "".join(collector.parts).split("\n"))
    return "\n".join(line for line in lines if line)


def _clean(value: object) -> str | None:
    return value.strip() or None if isinstance(value, str) else None
