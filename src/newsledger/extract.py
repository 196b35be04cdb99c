"""The library's front door for one article: text in, ``model.Extraction`` out."""
from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import date

from spacy.tokens import Doc

from newsledger.ingest import RawDocument, content_hash, detect_language, normalise_text
from newsledger.model import DocumentInfo, Extraction
from newsledger.pipeline import extensions, nlp_for


def extract_text(text: str, *, published: date | None = None, language: str | None = None,
                 source: str = "<text>", title: str | None = None) -> Extraction:
    """Extract entities, events, quotes and claims from one article; nothing is stored.

    The text is normalised first, as the readers do, so offsets point into the text
    that would be stored."""
    raw = RawDocument(text=normalise_text(text), source=source, published=published, language=language, title=title)
    return extract_document(raw)


def extract_document(raw: RawDocument) -> Extraction:
    return next(extract_documents([raw]))


def extract_documents(raws: Iterable[RawDocument], batch_size: int = 8) -> Iterator[Extraction]:
    """Extractions in input order; documents of one language go through ``nlp.pipe``."""
    extensions.register()
    for raw in raws:
        language = raw.language or detect_language(raw.text)
        nlp = nlp_for(language)
        doc = nlp.make_doc(raw.text)
        doc._.nl_published = raw.published
        doc._.nl_language = language
        doc = nlp(doc)
        yield to_extraction(doc, raw, language)


def to_extraction(doc: Doc, raw: RawDocument, language: str) -> Extraction:
    info = DocumentInfo(id=content_hash(raw.text), source=raw.source, published=raw.published,
                        language=language, title=raw.title, url=raw.url, outlet=raw.outlet)
    return Extraction(document=info, entities=list(doc._.nl_entities or []),
                      events=list(doc._.nl_events or []), quotes=list(doc._.nl_quotes or []),
                      claims=list(doc._.nl_claims or []))
