"""The read-only pages in a real browser, on the samples ledger: what a reader sees and clicks.

Each test starts where a user would (the timeline, the series list, the search box),
follows links rather than typing ids, checks what is on the screen and saves a
screenshot of the page (see ``make screenshots``).
"""
from __future__ import annotations

import re
from typing import Any

import pytest

pytestmark = pytest.mark.browser


def _rows(page: Any) -> list[dict[str, str]]:
    return page.eval_on_selector_all(
        "#timeline li.event", "rows => rows.map(r => ({id: r.dataset.event, type: r.dataset.type,"
        " text: r.innerText}))")


def test_timeline_loads_and_filters(page: Any, server: Any, screenshot: Any) -> None:
    page.goto(server("/"))
    everything = _rows(page)
    assert len(everything) > 10 and len({r["type"] for r in everything}) > 3
    assert page.locator("aside.facets .years li.year").count() >= 3
    screenshot(page, "timeline")

    # Choosing a type filters in place (htmx) and puts the filter in the address bar.
    page.select_option("#filters select[name=type]", "transfer")
    page.wait_for_function("() => [...document.querySelectorAll('#timeline li.event')]"
                           ".every(r => r.dataset.type === 'transfer')")
    transfers = _rows(page)
    assert 3 <= len(transfers) < len(everything)
    assert "type=transfer" in page.url
    assert re.search(r"\b29\b", " ".join(r["text"] for r in transfers))

    # The year facet narrows to the events whose date range overlaps 2025.
    page.click("aside.facets .years li.year a:text-is('2025')")
    page.wait_for_url(re.compile(r"period=2025"))
    in_2025 = _rows(page)
    assert in_2025 and all(r["type"] == "transfer" for r in in_2025)
    assert all("2025" in r["text"] for r in in_2025)
    assert len(in_2025) < len(transfers)


def test_imprecise_dates_are_drawn_as_ranges(page: Any, server: Any) -> None:
    page.goto(server("/"))
    widths = page.eval_on_selector_all(
        "#timeline li.event .range span",
        "bars => bars.map(b => ({w: b.getBoundingClientRect().width, imprecise: b.parentElement.classList.contains('imprecise')}))")
    precise = [b["w"] for b in widths if not b["imprecise"]]
    imprecise = [b["w"] for b in widths if b["imprecise"]]
    assert precise and imprecise
    # A month or a year is drawn wider than any single day.
    assert min(imprecise) > max(precise)
    # The overview draws the same events on one axis: one bar per dated event, linked to it.
    dated = page.locator("#timeline li.event .range:not(.unknown)").count()
    assert page.locator("#overview svg a rect").count() == dated
    boxes = page.eval_on_selector_all(
        "#overview svg rect", "rects => rects.map(r => ({kind: r.getAttribute('class'), w: r.getBoundingClientRect().width}))")
    assert max(b["w"] for b in boxes if b["kind"] == "range") > max(b["w"] for b in boxes if b["kind"] == "day")


def test_event_page_highlights_the_span_that_states_the_count(page: Any, server: Any, screenshot: Any) -> None:
    page.goto(server("/?type=transfer"))
    page.locator("#timeline li.event", has=page.locator("strong.count:text-is('29')")).locator("a.event-link").click()
    page.wait_for_url(re.compile(r"/events/ev-"))
    counts = page.locator("#values .field[data-field=count] .statement")
    assert counts.count() >= 1
    first = counts.first
    assert first.locator(".value").inner_text() in ("29", "28")
    marked = page.locator("#values .field[data-field=count] .statement mark.stated.count")
    texts = marked.all_inner_texts()
    assert "29" in " ".join(texts)
    # The highlighted words sit inside the whole source sentence, shown around them.
    quote = page.locator("#values .field[data-field=count] blockquote.source", has=page.locator("mark:has-text('29')")).first
    sentence = quote.inner_text()
    assert len(sentence) > 40 and "29" in sentence
    screenshot(page, "event")


DISAGREEING = """---
title: A count that disagrees
outlet: Test Wire
published: 2025-02-28
---
MEXICO CITY — Mexico sent 30 cartel prisoners to the United States on Thursday, among them Rafael Caro Quintero, officials said.
"""


def test_conflicting_values_are_side_by_side(page: Any, private_server: Any) -> None:
    """A report that gives the first transfer another count: both counts, side by side."""
    from newsledger.ingestion import ingest, read_upload
    from newsledger.store import Store

    with Store(private_server.db) as store:
        assert ingest(store, read_upload("disagree.txt", DISAGREEING.encode("utf-8"))).stored
    page.goto(private_server("/?type=transfer"))
    page.locator("#timeline li.event", has_text="Test Wire").locator("a.event-link").click()
    conflict = page.locator("#conflicts .conflict[data-field=count]")
    values = conflict.locator(":scope > div > .value").all_inner_texts()
    assert {"29", "30"} <= set(values)
    columns = conflict.locator(":scope > div")
    boxes = [columns.nth(i).bounding_box() for i in range(2)]
    assert boxes[0] and boxes[1] and abs(boxes[0]["y"] - boxes[1]["y"]) < 2 and boxes[0]["x"] < boxes[1]["x"]
    # Each side quotes the report that states it, the figure highlighted.
    thirty = columns.filter(has=page.locator(".value:text-is('30')"))
    assert thirty.locator("blockquote mark.stated").inner_text() == "30"
    assert "Test Wire" in thirty.locator("cite").inner_text()


def test_series_chart_shows_the_running_total(page: Any, server: Any, screenshot: Any) -> None:
    page.goto(server("/series"))
    page.locator("table tr", has_text="MX→US").locator("a").first.click()
    page.wait_for_url(re.compile(r"/series/transfer\.MX-US"))
    labels = page.locator("svg.chart text.total-label").all_text_contents()
    assert labels == ["29", "55", "92"]
    assert page.locator("#tally td.cumulative").all_inner_texts() == ["29", "55", "92"]
    verdicts = page.locator(".claim .verdict").all_inner_texts()
    assert verdicts and set(verdicts) <= {"consistent", "inconsistent", "unverifiable"}
    # Each claim is shown in its sentence, the figure highlighted.
    first = page.locator(".claim blockquote.source").first
    figure = first.locator("mark.stated").inner_text()
    assert figure and len(first.inner_text()) > len(figure) + 20
    screenshot(page, "series")


def test_entity_page_from_an_event(page: Any, server: Any, screenshot: Any) -> None:
    page.goto(server("/?type=transfer"))
    page.locator("#timeline li.event", has=page.locator("strong.count:text-is('29')")).locator("a.event-link").click()
    page.click("#values dd a:text-is('Rafael Caro Quintero')")
    page.wait_for_url(re.compile(r"/entities/"))
    assert page.locator("h1").inner_text().startswith("Rafael Caro Quintero")
    assert page.locator("#aliases").inner_text().strip() not in ("", "—")
    # Spellings by the language of the reports that use them: the samples have both.
    assert page.locator("dt:text-is('in English reports')").count() == 1
    assert page.locator("dt:text-is('in Spanish reports')").count() == 1
    assert "Caro Quintero" in page.locator("dd.aliases-es").inner_text()
    assert page.locator("#cooccurring li a").count() >= 3
    assert page.locator("li.event").count() >= 3
    screenshot(page, "entity")


def test_document_page_links_spans_to_events(page: Any, server: Any, screenshot: Any) -> None:
    page.goto(server("/?type=transfer"))
    page.locator("#timeline li.event", has=page.locator("strong.count:text-is('29')")).locator("a.event-link").click()
    event_url = page.url
    page.locator("#sources a[href^='/documents/']").first.click()
    page.wait_for_url(re.compile(r"/documents/sha256:"))
    assert page.locator("#text mark.evidence").count() >= 1
    assert page.locator("#text mark.value").count() >= 1
    linked = page.locator("#text mark a[href^='/events/']")
    assert linked.count() >= 1
    screenshot(page, "document")
    targets = set(linked.evaluate_all("links => links.map(a => a.getAttribute('href'))"))
    assert event_url.removeprefix(server.url) in targets


def test_search_finds_events_entities_and_text(page: Any, server: Any, screenshot: Any) -> None:
    page.goto(server("/"))
    page.fill("header form.search input[name=q]", "Caro Quintero")
    page.press("header form.search input[name=q]", "Enter")
    page.wait_for_url(re.compile(r"/search\?q="))
    assert page.locator("#results li.event").count() >= 1
    assert page.locator("#results a[href^='/entities/']").count() >= 1
    matches = page.locator("#results blockquote mark.match").all_inner_texts()
    assert matches and all(m.lower() in ("caro", "quintero") for m in matches)
    screenshot(page, "search")
