"""JSON Lines: one article per line.

Each line is an object with ``text`` or ``html`` and optionally ``url``, ``published``,
``title``, ``outlet`` and ``language``. A bad line is reported with its line number and
the others still go in, because one broken record in an export of thousands should not
cost the rest. The size limit applies to each line (each article), not to the file, so
that a large export can be ingested while a single runaway record is still refused.
"""
from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from newsledger.errors import InputError
from newsledger.ingest.decoding import decode, human_size, is_blank
from newsledger.ingest.document import RawDocument, normalise_text
from newsledger.ingest.html import markup_to_text
from newsledger.ingest.text import apply_metadata


def read_jsonl(path: Path, max_bytes: int) -> Iterator[RawDocument | InputError]:
    """Each line of ``path`` as a document or as the error that stopped it."""
    source = str(path)
    seen_any = False
    with path.open("rb") as handle:
        for number, data in enumerate(handle, start=1):
            if len(data) > max_bytes:
                seen_any = True
                yield InputError(source, f"line is {human_size(len(data))}, over the {human_size(max_bytes)} limit",
                                 number, hint="raise the size limit to ingest it")
                continue
            try:
                text, warnings = decode(data, source, number)
            except InputError as error:
                seen_any = True
                yield error
                continue
            if is_blank(text):
                continue
            seen_any = True
            try:
                yield document_from_record(text, source, number, warnings)
            except InputError as error:
                yield error
    if not seen_any:
        yield InputError(source, "empty file")


def document_from_record(line_text: str, source: str, line: int, warnings: list[str]) -> RawDocument:
    """A document from one JSON line; ``InputError`` naming the line if it is unusable."""
    try:
        record = json.loads(line_text.rstrip("\r\n"))
    except json.JSONDecodeError as error:
        raise InputError(source, f"malformed JSON: {json_problem(error)}", line) from error
    if not isinstance(record, dict):
        raise InputError(source, f"expected a JSON object, found {type(record).__name__}", line)
    return document_from_mapping(record, source, line, warnings)


def document_from_mapping(record: dict[str, Any], source: str, line: int | None,
                          warnings: list[str]) -> RawDocument:
    """A document from one record (a JSON object, a CSV row): ``text`` or ``html`` plus metadata."""
    body, markup = record.get("text"), record.get("html")
    for key, value in (("text", body), ("html", markup)):
        if value is not None and not isinstance(value, str):
            raise InputError(source, f"'{key}' must be a string, not {type(value).__name__}", line)
    metadata = dict(record)
    if isinstance(body, str) and not is_blank(body):
        text = normalise_text(body)
    elif isinstance(markup, str) and not is_blank(markup):
        article = markup_to_text(markup, source, line)
        text = normalise_text(article.text)
        for key in ("title", "url", "outlet", "published"):
            if metadata.get(key) in (None, "") and getattr(article, key) is not None:
                metadata[key] = getattr(article, key)
    else:
        raise InputError(source, "no article text: the record needs a non-empty 'text' or 'html'", line)
    if is_blank(text):
        raise InputError(source, "HTML without article text", line)
    document = RawDocument(text, source, line=line, warnings=list(warnings))
    apply_metadata(document, metadata, source, line)
    return document


def json_problem(error: json.JSONDecodeError) -> str:
    """What is wrong and at which column; some of ``json``'s messages end in "at" already
    ("Invalid control character at"), which must not become "at at column 12"."""
    message = error.msg.removesuffix(" at")
    return f"{message} at column {error.colno}"
