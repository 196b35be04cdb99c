"""The pages that only read: timeline, event, series, entities, documents, search, failures.

Each handler parses its query, asks the ``Reader`` and renders a template; the reader's
``NotFound`` and ``InputError`` become 404 and 400 pages through ``routes.PageRoute``.
"""
from __future__ import annotations

from datetime import date
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse

from newsledger.errors import InputError
from newsledger.ontology import event_types
from newsledger.read import EventFilter
from newsledger.web.chart import Point, running_total_svg
from newsledger.web.context import query_builder, state
from newsledger.web.dates import shown
from newsledger.web.highlight import Mark, highlight
from newsledger.web.overview import Span, overview_svg
from newsledger.web.routes import PageRoute
from newsledger.web.templating import render

router = APIRouter(include_in_schema=False, default_response_class=HTMLResponse, route_class=PageRoute)
PAGE = 50
FIELD_ORDER = ("date", "count", "origin", "destination", "location", "agents", "organizations", "persons",
               "negated", "hypothetical")


def _text(request: Request, name: str) -> str | None:
    value = request.query_params.get(name, "").strip()
    return value or None


def _number(request: Request, name: str, default: int | None = None, least: int = 0) -> int | None:
    raw = _text(request, name)
    if raw is None:
        return default
    try:
        value = int(raw)
    except ValueError:
        raise InputError(name, f"not a whole number: {raw!r}", hint=f"give {name} as digits") from None
    return max(least, value)


def _day(request: Request, name: str) -> date | None:
    raw = _text(request, name)
    if raw is None:
        return None
    try:
        return date.fromisoformat(raw)
    except ValueError:
        raise InputError(name, f"not a date: {raw!r}", hint="use YYYY-MM-DD") from None


def event_filter(request: Request) -> EventFilter:
    """The timeline's filters from the query string (the same names as the JSON API's)."""
    return EventFilter(type=_text(request, "type"), country=_text(request, "country"),
                       entity=_text(request, "entity"), since=_day(request, "since"), until=_day(request, "until"),
                       period=_text(request, "period"), text=_text(request, "text"),
                       min_sources=_number(request, "min_sources", least=1), sort=_text(request, "sort") or "date")


def _common(request: Request) -> dict[str, Any]:
    return {"params": query_builder(request)}


def _spans(events: Any) -> list[Span]:
    return [Span(e.id, f"{e.type} · {shown(e.date)}" + (f" · {e.count}" if e.count is not None else ""),
                 e.date.start, e.date.end) for e in events if e.date.start is not None and e.date.end is not None]


@router.get("/", name="timeline")
def timeline(request: Request) -> HTMLResponse:
    filters = event_filter(request)
    page = state(request).reader.events(filters, offset=_number(request, "offset", 0) or 0,
                                        limit=_number(request, "limit", PAGE, least=1) or PAGE)
    return render(request, "timeline.html", page=page, filters=filters, types=sorted(event_types()),
                  overview=overview_svg(_spans(page.items)), **_common(request))


@router.get("/events/{event_id}", name="event")
def event(request: Request, event_id: str) -> HTMLResponse:
    detail = state(request).reader.event(event_id)
    docs = {source.document.id: source.document for source in detail.source_documents}
    grouped: dict[str, list[Any]] = {}
    for statement in detail.statements:
        grouped.setdefault(statement.field, []).append(statement)
    by_field = sorted(grouped.items(), key=lambda item: FIELD_ORDER.index(item[0]) if item[0] in FIELD_ORDER else 99)
    message = {"merged": "Merged.", "split": "Split.", "apart": "Kept apart: the link will not be suggested again."}.get(request.query_params.get("done", ""))
    return render(request, "event.html", e=detail, docs=docs, by_field=by_field,
                  message=message, **_common(request))


@router.get("/series", name="series_list")
def series_list(request: Request) -> HTMLResponse:
    return render(request, "series_list.html", items=state(request).reader.series())


def _points(detail: Any) -> list[Point]:
    return [Point(row.event.date.start, row.event.date.label, row.count, row.cumulative, f"/events/{row.event.id}")
            for row in detail.rows if row.event.date.start is not None]


@router.get("/series/{series_id}", name="series")
def series(request: Request, series_id: str) -> HTMLResponse:
    detail = state(request).reader.series_detail(series_id)
    chart = running_total_svg(_points(detail), f"{detail.label}: running total")
    return render(request, "series.html", s=detail, chart=chart, **_common(request))


@router.get("/entities", name="entities")
def entities(request: Request) -> HTMLResponse:
    q, kind = _text(request, "q"), _text(request, "type")
    page = state(request).reader.entities(q, kind, offset=_number(request, "offset", 0) or 0, limit=PAGE)
    return render(request, "entities.html", page=page, q=q, type=kind, **_common(request))


@router.get("/entity", name="entity_by_name")
def entity_by_name(request: Request) -> RedirectResponse:
    """A name from an event page: go to the entity it names."""
    name = _text(request, "name")
    if name is None:
        return RedirectResponse("/entities", status_code=303)
    found = state(request).reader.find_entity(name)
    return RedirectResponse(f"/entities/{found.id}", status_code=303)


@router.get("/entities/{entity_id}", name="entity")
def entity(request: Request, entity_id: str) -> HTMLResponse:
    detail = state(request).reader.entity(entity_id)
    return render(request, "entity.html", x=detail, **_common(request))


@router.get("/documents", name="documents")
def documents(request: Request) -> HTMLResponse:
    page = state(request).reader.documents(offset=_number(request, "offset", 0) or 0, limit=PAGE)
    return render(request, "documents.html", page=page, **_common(request))


def _document_marks(view: Any) -> list[Mark]:
    marks = []
    for span in view.spans:
        kind = span.kind if span.field is None else f"{span.kind} {span.field}"
        marks.append(Mark(span.start, span.end, kind, f"/events/{span.event}" if span.event else None, span.label))
    return marks


@router.get("/documents/{document_id:path}", name="document")
def document(request: Request, document_id: str) -> HTMLResponse:
    view = state(request).reader.document(document_id)
    text = highlight(view.text, _document_marks(view))
    return render(request, "document.html", d=view, text=text, **_common(request))


@router.get("/search", name="search")
def search(request: Request) -> HTMLResponse:
    query = _text(request, "q")
    results = state(request).reader.search(query) if query else None
    return render(request, "search.html", results=results, query=query, **_common(request))


@router.get("/failures", name="failures")
def failures(request: Request) -> HTMLResponse:
    page = state(request).reader.failures(offset=_number(request, "offset", 0) or 0, limit=PAGE)
    return render(request, "failures.html", page=page, **_common(request))

