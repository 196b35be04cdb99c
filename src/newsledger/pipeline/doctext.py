"""The text of a Doc and of its spans, joined once per Doc.

``Doc.text`` and ``Span.text`` join the text of every token each time they are read, and
the rules read the same sentences' text many times (running totals, evidence spans,
channels, speech marks). A span's text is the slice of the Doc's text between its
``start_char`` and ``end_char``, so the Doc's text is joined once and sliced.
"""
from __future__ import annotations

from spacy.tokens import Doc, Span

_KEY = ("newsledger", "text")


def doc_text(doc: Doc) -> str:
    """``doc.text``, joined on first use and kept in the Doc's ``user_data``."""
    kept = doc.user_data.get(_KEY)
    # A Doc's user_data can be copied into another Doc (``Doc.from_docs``): the kept text
    # counts only while it is still this Doc's length.
    if kept is None or kept[0] != len(doc) or kept[1] != _end(doc):
        text = doc.text
        kept = doc.user_data[_KEY] = (len(doc), len(text), text)
    return kept[2]


def span_text(span: Span) -> str:
    """``span.text`` (without the trailing white space), sliced from the Doc's text."""
    return doc_text(span.doc)[span.start_char:span.end_char]


def _end(doc: Doc) -> int:
    if not len(doc):
        return 0
    last = doc[-1]
    return last.idx + len(last.text_with_ws)


__all__ = ["doc_text", "span_text"]
