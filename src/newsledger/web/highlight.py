"""Article text as HTML with extracted spans highlighted, built from character offsets.

Article text is untrusted: a report may contain ``<script>`` or markup of its own. Text
is therefore never marked up by inserting tags into it and trusting the result; it is cut
at the span offsets into plain pieces, each piece is escaped on its own, and only our own
``<mark>`` and ``<a>`` elements are put around the pieces. Spans may overlap (a count
inside the clause that states a transfer): the text is cut at every span boundary and
each piece is wrapped once, naming every span that covers it, so the HTML stays
well-formed and no link is nested in another.
"""
from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from markupsafe import Markup, escape


@dataclass(frozen=True)
class Mark:
    """One span to highlight: ``text[start:end]``, with a CSS class, a link and a tooltip."""

    start: int
    end: int
    kind: str = "span"
    href: str | None = None
    title: str | None = None


def _clamped(marks: Iterable[Mark], length: int) -> list[Mark]:
    """Marks cut to the text; empty or reversed ones (bad offsets) are dropped."""
    kept = []
    for mark in marks:
        start, end = max(0, mark.start), min(length, mark.end)
        if start < end:
            kept.append(Mark(start, end, mark.kind, mark.href, mark.title))
    return kept


def _wrap(piece: str, covering: Sequence[Mark]) -> Markup:
    # The narrowest span decides the link: it is the most specific value the piece states.
    inner = min(covering, key=lambda m: (m.end - m.start, m.start))
    kinds = " ".join(sorted({m.kind for m in covering}))
    titles = [m.title for m in covering if m.title]
    title = Markup(' title="{}"').format("; ".join(dict.fromkeys(titles))) if titles else Markup("")
    body = escape(piece)
    if inner.href:
        body = Markup('<a href="{}">{}</a>').format(inner.href, body)
    return Markup('<mark class="{}"{}>{}</mark>').format(kinds, title, body)


def highlight(text: str, marks: Iterable[Mark], first: int = 0, last: int | None = None) -> Markup:
    """``text[first:last]`` as escaped HTML with every mark inside it highlighted.

    Offsets are those of the whole ``text``; passing ``first``/``last`` renders an excerpt
    (a sentence) without shifting them.
    """
    last = len(text) if last is None else min(len(text), last)
    first = max(0, min(first, last))
    spans = [m for m in _clamped(marks, len(text)) if m.start < last and m.end > first]
    cuts = sorted({first, last, *(max(first, m.start) for m in spans), *(min(last, m.end) for m in spans)})
    out: list[str] = []
    for a, b in zip(cuts, cuts[1:]):
        covering = [m for m in spans if m.start <= a and b <= m.end]
        piece = text[a:b]
        out.append(_wrap(piece, covering) if covering else escape(piece))
    return Markup("").join(out)
