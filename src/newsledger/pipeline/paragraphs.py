"""Paragraph breaks and headline lines end sentences.

The parser sometimes runs a sentence on across a blank line (a dateline paragraph into
the next), which would mix two paragraphs' dates and people in one event. Marking the
token after every blank line as a sentence start before parsing prevents that. A line
break after a headline ("… to US for prosecution: DOJ⏎The transfer, which …") ends the
headline too; a line broken inside a sentence goes on with a lowercase word or after a
comma, and is left alone.
"""
from __future__ import annotations

from spacy.attrs import IS_SPACE
from spacy.language import Language
from spacy.tokens import Doc

# Tokens after which a line break does not end a sentence.
_RUNS_ON = {",", "-", "–", "(", "“", "«", "\""}


@Language.component("newsledger_paragraphs", assigns=["token.is_sent_start"])
def mark_paragraphs(doc: Doc) -> Doc:
    # The white-space tokens from one array read: spaCy makes a Token object per
    # position, and only these few can hold a line break.
    spaces = doc.to_array(IS_SPACE).nonzero()[0].tolist() if len(doc) else []
    for i in spaces:
        if not 0 < i < len(doc) - 1:
            continue
        token = doc[i]
        if "\n" not in token.text:
            continue
        after, before = doc[i + 1], doc[i - 1]
        if token.text.count("\n") >= 2 or (after.text[:1].isupper() or after.text[:1].isdigit()) \
                and before.text not in _RUNS_ON and not before.is_space:
            after.is_sent_start = True
    return doc
