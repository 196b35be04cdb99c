"""Reading a file or a folder into documents, whatever the format.

Errors are yielded in the stream rather than raised, so that one bad file (or line)
in a batch is reported and the rest still goes in; the caller decides how to report
and whether to record the failure.
"""
from __future__ import annotations

import os
from collections.abc import Iterator
from datetime import date
from pathlib import Path

from newsledger.errors import InputError
from newsledger.ingest.decoding import declared_charset, decode, human_size, is_blank, looks_binary
from newsledger.ingest.document import RawDocument, normalise_language, normalise_text
from newsledger.ingest.feeds import check_feed, looks_like_feed, read_feed
from newsledger.ingest.html import is_full_page, page_to_article
from newsledger.ingest.jsonl import read_jsonl
from newsledger.ingest.language import detect_language, unsupported_language
from newsledger.ingest.records import read_json, read_table
from newsledger.ingest.text import document_from_text

DEFAULT_MAX_BYTES = 5_000_000
LANGUAGE_NAMES = {"en": "English", "es": "Spanish"}
NO_DATE_WARNING = ("no publication date: dates relative to it ('on Tuesday', 'el martes') stay unresolved "
                   "(add 'published: YYYY-MM-DD' front matter, or pass --published)")
TEXT_SUFFIXES = frozenset({".txt", ".md", ".markdown", ".text"})
HTML_SUFFIXES = frozenset({".html", ".htm", ".xhtml"})
JSONL_SUFFIXES = frozenset({".jsonl", ".ndjson"})
FEED_SUFFIXES = frozenset({".xml", ".rss", ".atom", ".feed"})
TABLE_DELIMITERS = {".csv": ",", ".tsv": "\t"}


def find_files(path: Path) -> list[Path]:
    """The files ``read_path`` would read: ``path`` itself, or every file under it.

    Folders are walked recursively in sorted order, skipping hidden files and folders
    (``.git``, ``.DS_Store``), so that runs are repeatable. Exposed so that a caller can
    count the files first, e.g. for a progress bar.
    """
    if not path.is_dir():
        return [path]
    found: list[Path] = []
    for folder, folders, files in os.walk(path):
        folders[:] = sorted(name for name in folders if not name.startswith("."))
        found.extend(Path(folder, name) for name in files if not name.startswith("."))
    return sorted(found, key=lambda file: file.relative_to(path).parts)


def read_path(path: Path, *, published: date | None = None, language: str | None = None,
              url: str | None = None, max_bytes: int = DEFAULT_MAX_BYTES) -> Iterator[RawDocument | InputError]:
    """Every document in a file or folder, or the error that stopped each one.

    ``published``, ``language`` and ``url`` override whatever the files state; a
    document whose language is neither given nor stated gets the detected one.
    """
    path = Path(path)
    if not path.exists():
        yield InputError(str(path), "no such file or folder")
        return
    if language is not None:
        try:
            language = normalise_language(language, str(path))
        except InputError as error:
            yield error
            return
    for file in find_files(path):
        yield from read_file(file, published=published, language=language, url=url, max_bytes=max_bytes)


def read_file(path: Path, *, published: date | None = None, language: str | None = None,
              url: str | None = None, max_bytes: int = DEFAULT_MAX_BYTES) -> Iterator[RawDocument | InputError]:
    """The documents of one file (several for JSON Lines and feeds), errors included."""
    source = str(path)
    try:
        for item in _read_any(path, max_bytes):
            if isinstance(item, RawDocument):
                try:
                    apply_overrides(item, published, language, url)
                except InputError as error:
                    yield error
                    continue
            yield item
    except InputError as error:
        yield error
    except OSError as error:
        yield InputError(source, f"cannot read file: {error.strerror or error}")
    except Exception as error:  # noqa: BLE001 - a parser bug must not stop the batch
        yield InputError(source, f"could not be read ({type(error).__name__}: {error})")


def _read_any(path: Path, max_bytes: int) -> Iterator[RawDocument | InputError]:
    source = str(path)
    if not path.is_file():
        raise InputError(source, "not a regular file")
    suffix = path.suffix.lower()
    if suffix in JSONL_SUFFIXES:
        yield from read_jsonl(path, max_bytes)
        return
    size = path.stat().st_size
    if size > max_bytes:
        raise InputError(source, f"file is {human_size(size)}, over the {human_size(max_bytes)} limit",
                         hint="raise the size limit to ingest it")
    data = path.read_bytes()
    if is_blank(data.decode("utf-8", errors="replace")):
        raise InputError(source, "empty file")
    kind = _kind(suffix, data)
    if kind == "feed":
        if looks_binary(data):
            raise InputError(source, "binary file, not text")
        check_feed(data, source)
        yield from read_feed(data, source)
        return
    text, warnings = decode(data, source, declared=declared_charset(data) if kind == "html" else None)
    if suffix == ".json":
        yield from read_json(text, source, warnings)
        return
    if suffix in TABLE_DELIMITERS:
        yield from read_table(text, source, warnings, TABLE_DELIMITERS[suffix])
        return
    if kind == "html":
        article = page_to_article(text, source)
        yield RawDocument(normalise_text(article.text), source, article.published, None,
                          article.title, article.url, article.outlet, warnings=warnings)
        return
    yield document_from_text(text, source, warnings)


def _kind(suffix: str, data: bytes) -> str:
    """``text``, ``html`` or ``feed``: by suffix when it says, else by the content."""
    if suffix in FEED_SUFFIXES:
        return "feed"
    if suffix in HTML_SUFFIXES:
        return "html"
    if suffix in TEXT_SUFFIXES:
        return "text"
    if looks_like_feed(data):
        return "feed"
    head = data[:4096].decode("utf-8", errors="replace")
    return "html" if is_full_page(head) else "text"


def apply_overrides(document: RawDocument, published: date | None, language: str | None,
                     url: str | None) -> None:
    """Explicit arguments win over metadata; a missing language is detected.

    Nothing that would make the extraction silently empty or wrong passes unsaid: a text
    in a language newsledger cannot read is refused (unless a language is given or
    stated), and a document without a publication date is stored with a warning,
    because its relative dates cannot be resolved.
    """
    if published is not None:
        document.published = published
    if url is not None:
        document.url = url
    if language is not None:
        document.language = language
    if document.language is None:
        other = unsupported_language(document.text)
        if other is not None:
            raise InputError(document.source, f"the text is in {other}, which newsledger cannot read "
                             f"(it reads {' and '.join(LANGUAGE_NAMES.values())})", document.line,
                             hint="pass --language en or --language es to read it anyway")
        document.language = detect_language(document.text)
        document.language_detected = True
    if document.published is None:
        document.warnings.append(NO_DATE_WARNING)
