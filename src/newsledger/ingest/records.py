"""Whole-file record formats: a ``.json`` file (an array of articles, or one article) and
a ``.csv``/``.tsv`` table with a row per article.

Each record has the fields of a JSON Lines record (``text`` or ``html``, and optionally
``published``, ``title``, ``url``, ``outlet``, ``language``). Without this reader such
files were taken for article text and stored as a page of brackets and commas; now they
are read record by record, and a file that has no article field is refused saying so.
A bad record is reported ("item 3", or the CSV line) and the others still go in.
"""
from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from typing import Any

from newsledger.errors import InputError
from newsledger.ingest.document import RawDocument
from newsledger.ingest.jsonl import document_from_mapping, json_problem

ARTICLE_FIELDS = ("text", "html")
# A CSV cell can hold a whole article; the csv module's default limit is 128 kB.
MAX_CELL = 50_000_000


def read_json(text: str, source: str, warnings: list[str]) -> Iterator[RawDocument | InputError]:
    """Each article of a JSON file: an array of objects, or a single object."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        raise InputError(source, f"malformed JSON: {json_problem(error)}", error.lineno,
                         hint="expected an array of articles, each with 'text' or 'html'") from error
    if isinstance(data, dict):
        records: list[Any] = [data]
    elif isinstance(data, list):
        records = data
    else:
        raise InputError(source, f"expected a JSON array of articles, found {type(data).__name__}")
    if not records:
        raise InputError(source, "JSON array without articles")
    for number, record in enumerate(records, start=1):
        label = f"item {number}" if isinstance(data, list) else "the article"
        try:
            if not isinstance(record, dict):
                raise InputError(source, f"expected a JSON object, found {type(record).__name__}")
            yield document_from_mapping(record, source, None, warnings)
        except InputError as error:
            yield InputError(source, f"{label}: {error.reason}", hint=error.hint)


def read_table(text: str, source: str, warnings: list[str], delimiter: str = ",") -> Iterator[RawDocument | InputError]:
    """Each row of a CSV (or TSV) file with a header naming a ``text`` or ``html`` column."""
    csv.field_size_limit(MAX_CELL)
    reader = csv.DictReader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        header = [name.strip().lower() for name in reader.fieldnames or []]
    except csv.Error as error:
        raise InputError(source, f"malformed CSV: {error}", 1) from error
    if not set(ARTICLE_FIELDS) & set(header):
        found = ", ".join(repr(name) for name in header[:8]) or "none"
        raise InputError(source, "a table without a 'text' or 'html' column is not read as articles",
                         1, hint=f"columns found: {found}")
    reader.fieldnames = header
    seen = False
    while True:
        try:
            row = next(reader)
        except StopIteration:
            break
        except csv.Error as error:
            yield InputError(source, f"malformed CSV: {error}", reader.line_num)
            return
        line = reader.line_num
        record = {key: value for key, value in row.items() if key is not None and value not in (None, "")}
        if not record:
            continue
        seen = True
        try:
            yield document_from_mapping(record, source, line, warnings)
        except InputError as error:
            yield error
    if not seen:
        yield InputError(source, "table without rows")
