"""Paragraph breaks end sentences.

The parser sometimes runs a sentence on across a blank line (a dateline paragraph into
the next), which would mix two paragraphs' dates and people in one event. Marking the
token after every blank line as a sentence start before parsing prevents that.
"""
from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc


@Language.component("newsledger_paragraphs", assigns=["token.is_sent_start"])
def mark_paragraphs(doc: Doc) -> Doc:
    for token in doc[:-1]:
        if token.is_space and token.text.count("\n") >= 2:
            doc[token.i + 1].is_sent_start = True
    return doc
