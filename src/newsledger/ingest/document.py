"""The document a reader hands on, and the small value rules every reader shares.

Text is normalised here, once, by every reader: the content hash and the character
offsets of every later stage are computed on exactly the text that gets stored, so the
same article read from a text file, an HTML page or a feed hashes the same.
"""
from __future__ import annotations

import re
from datetime import date, datetime
from email.utils import parsedate_to_datetime

from newsledger.errors import InputError
from newsledger.lang import LANGUAGES
# The document and its hash belong to the model (the store takes them too); re-exported
# here because every reader builds them.
from newsledger.model import RawDocument, content_hash, normalise_text

__all__ = ["RawDocument", "content_hash", "normalise_language", "normalise_text", "parse_date"]


_ISO_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def parse_date(value: str | date, source: str, line: int | None = None) -> date:
    """A publication date from ``YYYY-MM-DD``, an ISO datetime or an RFC 2822 feed date.

    The calendar day is taken as written, not converted to UTC: a report published late
    in the evening in Mexico City belongs to that day, which is what relative
    expressions in its text ("on Tuesday") are resolved against. YAML front matter
    already yields ``date``/``datetime`` objects, which are accepted as they are.
    """
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if not isinstance(value, str):
        raise InputError(source, f"unparseable date {value!r}: expected YYYY-MM-DD", line)
    text = value.strip()
    try:
        if _ISO_DAY.match(text):
            return date.fromisoformat(text)
        return datetime.fromisoformat(text).date()
    except ValueError:
        pass
    try:
        return parsedate_to_datetime(text).date()
    except (TypeError, ValueError, IndexError):
        pass
    raise InputError(source, f"unparseable date {value!r}: expected YYYY-MM-DD or an ISO datetime", line)


def normalise_language(value: object, source: str, line: int | None = None) -> str:
    """``"en"``/``"es"`` from a language tag such as ``"es-MX"`` or ``"EN"``.

    Anything else is refused rather than guessed: the extraction pipeline only has
    English and Spanish knowledge, and would silently produce nothing on other text.
    """
    if not isinstance(value, str) or not value.strip():
        raise InputError(source, f"invalid language {value!r}", line,
                         hint=f"use one of: {', '.join(LANGUAGES)}")
    code = re.split(r"[-_]", value.strip().lower(), maxsplit=1)[0]
    if code not in LANGUAGES:
        raise InputError(source, f"unsupported language {value!r}", line,
                         hint=f"supported languages: {', '.join(LANGUAGES)}")
    return code
