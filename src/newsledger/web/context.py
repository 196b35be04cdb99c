"""What every page handler needs: the reader, the write mode, and template helpers.

``install`` puts a ``WebState`` on the application; handlers get it with ``state(request)``.
The helpers here turn read-API views into the bits of HTML templates need: a statement's
sentence with its span highlighted, a search snippet with its matches, a query string with
one filter changed. They build ``Markup`` only through ``highlight``, which escapes the
article text.
"""
from __future__ import annotations

import calendar
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode, urlsplit

from markupsafe import Markup
from starlette.requests import Request

from newsledger.web.highlight import Mark, highlight

# Any form post but an upload (sign-in, merge, split, link) is a few fields.
MAX_FORM_BYTES = 16 * 1024
# An upload's multipart body may exceed its files by this much (boundaries, fields).
FORM_OVERHEAD = 64 * 1024


@dataclass
class WebState:
    """The app's reader and store, the token (None: read-only server), the upload limit."""

    reader: Any
    store: Any
    token: str | None
    max_upload: int


def state(request: Request) -> WebState:
    found: WebState = request.app.state.web
    return found


def _relative(span: Any, sentence: Any) -> Mark:
    return Mark(span.start - sentence.start, span.end - sentence.start)


def excerpt(statement: Any) -> Markup:
    """The sentence a value was read from, with the words that state it highlighted."""
    span, sentence = statement.span, statement.sentence
    if span is None:
        return Markup("")
    if sentence is None:
        return highlight(span.text, [Mark(0, len(span.text), f"stated {statement.field}")])
    mark = _relative(span, sentence)
    return highlight(sentence.text, [Mark(mark.start, mark.end, f"stated {statement.field}",
                                          title=f"{statement.field}: {statement.display}")])


def evidence(item: Any) -> Markup:
    """A source's sentence with the words that state the event highlighted."""
    span, sentence = item.span, item.sentence
    if sentence is None:
        return highlight(span.text, [Mark(0, len(span.text), "evidence")])
    mark = _relative(span, sentence)
    return highlight(sentence.text, [Mark(mark.start, mark.end, "evidence", title=span.rule)])


def claim_excerpt(check: Any) -> Markup:
    """The sentence that states a claim's figure, the figure highlighted; its words alone
    when the sentence is not known."""
    claim = check.claim
    span, sentence = claim.span, claim.sentence
    if span is not None and sentence is not None:
        mark = _relative(span, sentence)
        return highlight(sentence.text, [Mark(mark.start, mark.end, "stated claim", title=f"{claim.kind} {claim.value:g}")])
    text = claim.text or ""
    return highlight(text, [Mark(0, len(text), "stated claim")])


LANGUAGES = {"en": "English", "es": "Spanish"}


def language_name(code: str) -> str:
    return LANGUAGES.get(code, code)


def snippet(item: Any) -> Markup:
    return highlight(item.text, [Mark(m.start, m.end, "match") for m in item.matches])


def month_name(period: str) -> str:
    """``2025-02`` → ``February``."""
    return calendar.month_name[int(period[5:7])] if len(period) == 7 else period


def safe_url(url: str | None) -> str | None:
    """An article's URL as a link only if it is http(s): never ``javascript:`` or ``data:``."""
    if not url:
        return None
    parts = urlsplit(url.strip())
    return url.strip() if parts.scheme in ("http", "https") and parts.netloc else None


def query_builder(request: Request) -> Any:
    """``params(name=value, other=None)``: this page's query string with some values changed."""

    def params(**changes: Any) -> str:
        values = {k: v for k, v in request.query_params.items() if v != ""}
        for key, value in changes.items():
            if value is None:
                values.pop(key, None)
            else:
                values[key] = str(value)
        return urlencode(values)

    return params
