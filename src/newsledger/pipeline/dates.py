"""Temporal expressions of a document, resolved against its publication date."""
from __future__ import annotations

import datetime
import re

from spacy.language import Language
from spacy.tokens import Doc

from newsledger import timex
from newsledger.pipeline.doctext import doc_text

_YEAR = re.compile(r"\b\d{4}\b")


class DateTagger:
    """Finds every date expression in the text.

    Without a publication date a relative expression ("Tuesday", "last February") has
    nothing to be resolved against, so only expressions that name their year are kept.
    """

    def __init__(self, language: str):
        self.language = language

    def __call__(self, doc: Doc) -> Doc:
        anchor = doc._.nl_published
        language = doc._.nl_language or self.language
        if anchor is not None:
            doc._.nl_timexes = timex.find(doc_text(doc), anchor, language)
        else:
            found = timex.find(doc_text(doc), datetime.date.today(), language)
            doc._.nl_timexes = [m for m in found if _YEAR.search(m.text)]
        return doc


@Language.factory(
    "newsledger_dates",
    requires=["doc._.nl_published"],
    assigns=["doc._.nl_timexes"],
    default_config={"language": "en"},
)
def make_date_tagger(nlp: Language, name: str, language: str) -> DateTagger:
    return DateTagger(language)
