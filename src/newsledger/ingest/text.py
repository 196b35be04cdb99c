"""Plain-text articles, with optional YAML front matter.

Front matter is the one way a plain file can say where and when it was published,
which relative dates in its text depend on::

    ---
    title: Mexico sends 37 prisoners to the US
    published: 2026-01-20
    url: https://example.com/a
    outlet: Example News
    language: en
    ---
    Mexico transferred 37 people ...
"""
from __future__ import annotations

import re
from typing import Any

import yaml

from newsledger.errors import InputError
from newsledger.ingest.decoding import is_blank
from newsledger.ingest.document import RawDocument, normalise_language, normalise_text, parse_date

FRONT_MATTER_KEYS = ("title", "published", "url", "outlet", "language")
# The block must open on the first line and close with a line of "---" (or "...").
_FRONT_MATTER = re.compile(r"\A\ufeff?---[ \t]*\r?\n(.*?)(?:\r?\n)(?:---|\.\.\.)[ \t]*(?:\r?\n|\Z)", re.DOTALL)


def split_front_matter(text: str, source: str) -> tuple[dict[str, Any], str]:
    """The front-matter mapping (empty if there is none) and the body after it."""
    match = _FRONT_MATTER.match(text)
    if not match:
        return {}, text
    try:
        data = yaml.safe_load(match.group(1))
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = mark.line + 2 if mark is not None else None  # +1 for 1-based, +1 for '---'
        reason = getattr(error, "problem", None) or getattr(error, "reason", None) or str(error)
        reason = " ".join(str(reason).split())  # PyYAML's messages run over several lines
        raise InputError(source, f"invalid YAML front matter: {reason}", where) from error
    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise InputError(source, "invalid YAML front matter: expected 'key: value' lines")
    return data, text[match.end():]


def document_from_text(text: str, source: str, warnings: list[str]) -> RawDocument:
    """A document from decoded file text, with its front matter applied."""
    metadata, body = split_front_matter(text, source)
    body = normalise_text(body)
    if is_blank(body):
        raise InputError(source, "empty file" if not metadata else "no text after the front matter")
    document = RawDocument(body, source, warnings=list(warnings))
    apply_metadata(document, metadata, source)
    return document


def apply_metadata(document: RawDocument, metadata: dict[str, Any], source: str,
                   line: int | None = None) -> None:
    """Sets title, published, url, outlet and language from a mapping (front matter or JSON).

    Only known keys are read; a bad date or language is an error for the document,
    because a wrong publication date would silently shift every relative date in it.
    """
    for key in ("title", "url", "outlet"):
        value = metadata.get(key)
        if value is not None and not isinstance(value, str | int | float):
            raise InputError(source, f"'{key}' must be text, not {type(value).__name__}", line)
        if value is not None and str(value).strip():
            setattr(document, key, str(value).strip())
    if metadata.get("published") not in (None, ""):
        document.published = parse_date(metadata["published"], source, line)
    if metadata.get("language") not in (None, ""):
        document.language = normalise_language(metadata["language"], source, line)
