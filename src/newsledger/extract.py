"""The library's front door for one article: text in, ``model.Extraction`` out."""
from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import date

from spacy.tokens import Doc

from newsledger.lang.detect import detect_language
from newsledger.model import DocumentInfo, Extraction, RawDocument, content_hash, normalise_text
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
    """Extractions in input order; each batch goes through ``nlp.pipe`` per language,
    since the model's layers are much faster over several documents at once."""
    extensions.register()
    batch: list[RawDocument] = []
    for raw in raws:
        batch.append(raw)
        if len(batch) >= batch_size:
            yield from _extract_batch(batch, batch_size)
            batch = []
    if batch:
        yield from _extract_batch(batch, batch_size)


def _extract_batch(raws: list[RawDocument], batch_size: int) -> list[Extraction]:
    languages = [raw.language or detect_language(raw.text) for raw in raws]
    results: list[Extraction | None] = [None] * len(raws)
    for language in dict.fromkeys(languages):
        nlp = nlp_for(language)
        positions = [i for i, lang in enumerate(languages) if lang == language]
        docs = []
        for i in positions:
            doc = nlp.make_doc(raws[i].text)
            doc._.nl_published = raws[i].published
            doc._.nl_language = language
            docs.append(doc)
        for i, doc in zip(positions, nlp.pipe(docs, batch_size=batch_size)):
            results[i] = to_extraction(doc, raws[i], language)
    return [r for r in results if r is not None]


def to_extraction(doc: Doc, raw: RawDocument, language: str) -> Extraction:
    info = DocumentInfo(id=content_hash(raw.text), source=raw.source, published=raw.published,
                        language=language, title=raw.title, url=raw.url, outlet=raw.outlet)
    return Extraction(document=info, entities=list(doc._.nl_entities or []),
                      events=list(doc._.nl_events or []), quotes=list(doc._.nl_quotes or []),
                      claims=list(doc._.nl_claims or []))
