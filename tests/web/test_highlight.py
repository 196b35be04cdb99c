"""Spans highlighted from offsets, with the article text escaped piece by piece."""
from __future__ import annotations

from newsledger.web.highlight import Mark, highlight


def test_span_is_marked_and_the_rest_escaped() -> None:
    text = "Mexico sent 29 <b>inmates</b> north."
    start = text.index("29")
    html = str(highlight(text, [Mark(start, start + 2, "count", "/events/ev-1", "count")]))
    assert '<mark class="count" title="count"><a href="/events/ev-1">29</a></mark>' in html
    assert "&lt;b&gt;inmates&lt;/b&gt;" in html and "<b>" not in html


def test_script_in_text_and_in_a_span_stays_text() -> None:
    text = 'Hi <script>alert("x")</script> there'
    start = text.index("<script>")
    html = str(highlight(text, [Mark(start, start + 8, "span", None, '"><img src=x>')]))
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert "<img" not in html and "&#34;&gt;&lt;img" in html


def test_overlapping_spans_give_well_formed_marks() -> None:
    text = "Mexico sent 29 inmates north."
    whole = Mark(0, len(text) - 1, "evidence", "/events/a")
    count = Mark(text.index("29"), text.index("29") + 2, "count", "/events/b")
    html = str(highlight(text, [whole, count]))
    assert html.count("<mark") == 3 and html.count("</mark>") == 3
    # The narrowest span decides the link of the piece both cover.
    assert '<mark class="count evidence"><a href="/events/b">29</a></mark>' in html
    assert html.endswith(".")


def test_offsets_outside_the_text_are_clamped_or_dropped() -> None:
    text = "short"
    html = str(highlight(text, [Mark(3, 99, "span"), Mark(9, 12, "span"), Mark(2, 2, "span")]))
    assert html == 'sho<mark class="span">rt</mark>'


def test_excerpt_keeps_offsets_of_the_whole_text() -> None:
    text = "First sentence. Mexico sent 29 north. Last one."
    first, last = text.index("Mexico"), text.index("Last") - 1
    start = text.index("29")
    html = str(highlight(text, [Mark(start, start + 2, "count"), Mark(0, 5, "span")], first, last))
    assert html == 'Mexico sent <mark class="count">29</mark> north.'
