"""The library's front door for one article: text in, ``model.Extraction`` out.

Long texts: spaCy refuses a text over ``nlp.max_length`` (1,000,000 characters) and its
parser needs about 1 GB of memory per 100,000 characters, so a text over
``CHUNK_CHARS`` is parsed in paragraph chunks. The chunks are joined back into one
``Doc`` whose text is exactly the document's (each chunk ends after the white space it
was cut at), and newsledger's own components then read that whole ``Doc``: offsets are
the document's and document-level reasoning sees every paragraph.
"""
from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from datetime import date

from spacy.language import Language
from spacy.tokens import Doc

from newsledger.errors import ExtractionError, ModelNotAvailable, NewsledgerError
from newsledger.lang.detect import detect_language
from newsledger.model import DocumentInfo, Extraction, RawDocument, content_hash, normalise_text
from newsledger.pipeline import COMPONENTS, extensions, nlp_for

# Texts longer than this are parsed in chunks of at most this many characters.
CHUNK_CHARS = 100_000
# Where a chunk may end, best first: after a blank line, a line break, a sentence, a space.
_CUTS = (re.compile(r"\n\s*\n\s*"), re.compile(r"\n\s*"), re.compile(r"[.!?]\s+"), re.compile(r"\s+"))


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


def extract_each(raws: list[RawDocument], batch_size: int = 8) -> list[Extraction | NewsledgerError]:
    """One result per document, in order: its extraction, or the error that stopped it.

    The batch goes through the model together; if anything in it fails, its documents
    are extracted one by one, so that the error is pinned on the document that caused
    it (as an ``ExtractionError`` naming its file) and the others still come out. A
    missing model (``ModelNotAvailable``) is every document's failure alike and is
    raised, since nothing can be extracted without it.
    """
    try:
        return list(extract_documents(raws, batch_size))
    except Exception:  # noqa: BLE001 - isolated below, document by document
        pass
    results: list[Extraction | NewsledgerError] = []
    for raw in raws:
        try:
            results.append(extract_document(raw))
        except ModelNotAvailable:
            raise
        except NewsledgerError as error:
            results.append(error)
        except Exception as error:  # noqa: BLE001 - a pipeline bug costs one document, not the batch
            results.append(ExtractionError(raw.source, f"extraction failed ({type(error).__name__}: "
                                           f"{_first_line(error)})", raw.line))
    return results


def _first_line(error: BaseException) -> str:
    text = str(error).strip().splitlines()
    return text[0][:300] if text else "no message"


def _extract_batch(raws: list[RawDocument], batch_size: int) -> list[Extraction]:
    languages = [raw.language or detect_language(raw.text) for raw in raws]
    results: list[Extraction | None] = [None] * len(raws)
    for language in dict.fromkeys(languages):
        nlp = nlp_for(language)
        positions = [i for i, lang in enumerate(languages) if lang == language]
        limit = min(CHUNK_CHARS, nlp.max_length)
        short = [i for i in positions if len(raws[i].text) <= limit]
        docs = [_prepared(nlp.make_doc(raws[i].text), raws[i], language) for i in short]
        for i, doc in zip(short, nlp.pipe(docs, batch_size=batch_size)):
            results[i] = _read_out(doc, raws[i], language)
        for i in positions:
            if len(raws[i].text) > limit:
                results[i] = _read_out(parse_long(nlp, raws[i], language, limit), raws[i], language)
    return [r for r in results if r is not None]


def _read_out(doc: Doc, raw: RawDocument, language: str) -> Extraction:
    """The Doc's extraction, after which its annotations are dropped. They hold spans
    and tokens of the Doc itself (reference cycles), so a dropped Doc would otherwise
    live on until a full garbage collection, and those collections, walking every Doc
    of the batch and more, cost a tenth of extraction time."""
    try:
        return to_extraction(doc, raw, language)
    finally:
        doc.user_data.clear()


def _prepared(doc: Doc, raw: RawDocument, language: str) -> Doc:
    doc._.nl_published = raw.published
    doc._.nl_language = language
    return doc


def parse_long(nlp: Language, raw: RawDocument, language: str, limit: int = CHUNK_CHARS) -> Doc:
    """The fully processed ``Doc`` of a long text: the model over chunks, ours over the whole."""
    chunks = text_chunks(raw.text, limit)
    with nlp.select_pipes(disable=list(COMPONENTS)):
        parsed = list(nlp.pipe((nlp.make_doc(chunk) for chunk in chunks), batch_size=1))
    doc = _prepared(Doc.from_docs(parsed, ensure_whitespace=False), raw, language)
    if doc.text != raw.text:  # a guard on the offsets every span relies on
        raise ExtractionError(raw.source, "internal error: chunked text does not rejoin", raw.line)
    for name in COMPONENTS:
        doc = nlp.get_pipe(name)(doc)
    return doc


def text_chunks(text: str, limit: int) -> list[str]:
    """``text`` cut into pieces of at most ``limit`` characters that join back to it.

    Each cut is at the last paragraph break before the limit, else the last line break,
    sentence end or space; the white space stays with the piece before it. Only a run
    of ``limit`` characters without any white space is cut blindly.
    """
    chunks: list[str] = []
    start = 0
    while len(text) - start > limit:
        window = text[start:start + limit]
        end = limit
        for cut in _CUTS:
            ends = [match.end() for match in cut.finditer(window) if match.end() <= limit]
            if ends and ends[-1] > limit // 4:
                end = ends[-1]
                break
        chunks.append(text[start:start + end])
        start += end
    chunks.append(text[start:])
    return [chunk for chunk in chunks if chunk]


def to_extraction(doc: Doc, raw: RawDocument, language: str) -> Extraction:
    info = DocumentInfo(id=content_hash(raw.text), source=raw.source, published=raw.published,
                        language=language, title=raw.title, url=raw.url, outlet=raw.outlet)
    return Extraction(document=info, entities=list(doc._.nl_entities or []),
                      events=list(doc._.nl_events or []), quotes=list(doc._.nl_quotes or []),
                      claims=list(doc._.nl_claims or []))
