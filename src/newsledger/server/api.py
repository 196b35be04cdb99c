"""The JSON API under ``/api/v1``: one route per read of ``Reader`` and per change of ``edit``.

Routes only translate HTTP to library calls: query parameters become an ``EventFilter``,
the library's views are the response models (so ``/openapi.json`` describes exactly what
the library returns), and the library's errors become status codes in ``app.py``.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, File, Form, Path, Query, Request, UploadFile
from fastapi.responses import JSONResponse, Response

from newsledger import edit
from newsledger.read import EventFilter, Reader
from newsledger.read import views as v
from newsledger.server.security import require_writer

router = APIRouter(prefix="/api/v1")


@dataclass(frozen=True)
class ErrorBody:
    """Every error answer: what went wrong and what to do, in one sentence."""

    detail: str


NOT_FOUND: dict[int | str, dict[str, Any]] = {404: {"model": ErrorBody, "description": "unknown id"}}
WRITE: dict[int | str, dict[str, Any]] = {
    403: {"model": ErrorBody, "description": "read-only server, missing or wrong token, or cross-origin"},
    404: {"model": ErrorBody, "description": "unknown event id"},
    409: {"model": ErrorBody, "description": "the ledger refused the change"},
    413: {"model": ErrorBody, "description": "request body too large"},
}
BAD_INPUT: dict[int | str, dict[str, Any]] = {400: {"model": ErrorBody, "description": "a value the library refused"}}


def reader(request: Request) -> Reader:
    return request.app.state.reader  # type: ignore[no-any-return]


ReaderDep = Annotated[Reader, Depends(reader)]
Offset = Annotated[int, Query(ge=0, le=10**9, description="Items to skip.")]
Limit = Annotated[int, Query(ge=1, le=500, description="Items per page (at most 500).")]


def event_filter(
    type: Annotated[str | None, Query(max_length=64, description="Event type, e.g. transfer.")] = None,
    country: Annotated[str | None, Query(pattern=r"^[A-Za-z]{2}$",
                                         description="ISO country code: origin, destination or a participant's.")] = None,
    entity: Annotated[str | None, Query(max_length=200, description="Entity id or any spelling of a name.")] = None,
    since: Annotated[date | None, Query(description="Events overlapping this day or later.")] = None,
    until: Annotated[date | None, Query(description="Events overlapping this day or earlier.")] = None,
    period: Annotated[str | None, Query(pattern=r"^[1-9][0-9]{3}(-(0[1-9]|1[0-2]))?$",
                                        description="A year (2025) or month (2025-02).")] = None,
    text: Annotated[str | None, Query(max_length=200, description="Words that must all appear.")] = None,
    min_sources: Annotated[int | None, Query(ge=1, le=10**6, description="At least this many sources.")] = None,
    factual: Annotated[bool | None, Query(description="true: neither negated nor hypothetical.")] = None,
    sort: Annotated[Literal["date", "-date", "sources"], Query(description="Order of the events.")] = "date",
) -> EventFilter:
    """The query parameters every event list and export shares."""
    return EventFilter(type=type, country=country, entity=entity, since=since, until=until, period=period,
                       text=text, min_sources=min_sources, factual=factual, sort=sort)


Filter = Annotated[EventFilter, Depends(event_filter)]


# --- reads ----------------------------------------------------------------------------

@router.get("/status", response_model=v.LedgerStatus, summary="Counts, and documents not merged yet")
def status(reader: ReaderDep) -> v.LedgerStatus:
    return reader.status()


@router.get("/events", response_model=v.EventPage, responses=BAD_INPUT, summary="Events, filtered, with facets")
def events(reader: ReaderDep, filter: Filter, offset: Offset = 0, limit: Limit = 50) -> v.EventPage:
    return reader.events(filter, offset, limit)


@router.get("/events/{event_id}", response_model=v.EventDetail, responses=NOT_FOUND,
            summary="An event: statements with their sentences, sources, conflicts, links")
def event(reader: ReaderDep, event_id: Annotated[str, Path(max_length=300)]) -> v.EventDetail:
    return reader.event(event_id)


@router.get("/links", response_model=list[v.LinkView], summary="Candidate merges the ledger was unsure of")
def links(reader: ReaderDep) -> list[v.LinkView]:
    return reader.links()


@router.get("/entities", response_model=v.EntityPage, summary="Entities, most events first")
def entities(reader: ReaderDep,
             q: Annotated[str | None, Query(max_length=200, description="Any part of any spelling.")] = None,
             type: Annotated[str | None, Query(max_length=32, description="person, organization, place, actor.")] = None,
             offset: Offset = 0, limit: Limit = 50) -> v.EntityPage:
    return reader.entities(q, type, offset, limit)


@router.get("/entities/{entity_id}", response_model=v.EntityDetail, responses=NOT_FOUND,
            summary="An entity: aliases, titles, events, sources, co-occurring entities")
def entity(reader: ReaderDep, entity_id: Annotated[str, Path(max_length=300)]) -> v.EntityDetail:
    return reader.entity(entity_id)


@router.get("/series", response_model=list[v.SeriesSummary], summary="Series of events with running totals")
def series(reader: ReaderDep) -> list[v.SeriesSummary]:
    return reader.series()


@router.get("/series/{series_id}", response_model=v.SeriesDetail, responses=NOT_FOUND,
            summary="A series' tally (transfer.MX-US; 'any' for an unstated side) and its claims")
def series_detail(reader: ReaderDep, series_id: Annotated[str, Path(max_length=300)]) -> v.SeriesDetail:
    return reader.series_detail(series_id)


@router.get("/claims", response_model=list[v.ClaimCheckView], summary="Claims checked against the ledger")
def claims(reader: ReaderDep,
           verdict: Annotated[Literal["consistent", "inconsistent", "unverifiable"] | None, Query()] = None,
           document: Annotated[str | None, Query(max_length=300, description="Only this document's claims.")] = None,
           ) -> list[v.ClaimCheckView]:
    return reader.claims(verdict, document)


@router.get("/documents", response_model=v.DocumentPage, summary="Stored documents by publication date")
def documents(reader: ReaderDep, offset: Offset = 0, limit: Limit = 50) -> v.DocumentPage:
    return reader.documents(offset, limit)


@router.get("/documents/{document_id}", response_model=v.DocumentView, responses=NOT_FOUND,
            summary="A document's text with every extracted span, its events and claims")
def document(reader: ReaderDep, document_id: Annotated[str, Path(max_length=300)]) -> v.DocumentView:
    return reader.document(document_id)


@router.get("/failures", response_model=v.FailurePage, summary="Documents that could not be ingested")
def failures(reader: ReaderDep, offset: Offset = 0, limit: Limit = 50) -> v.FailurePage:
    return reader.failures(offset, limit)


@router.get("/search", response_model=v.SearchResults, summary="Events, entities and documents matching every word")
def search(reader: ReaderDep, q: Annotated[str, Query(min_length=1, max_length=200)],
           limit: Annotated[int, Query(ge=1, le=100)] = 20) -> v.SearchResults:
    return reader.search(q, limit)


@router.get("/export", response_model=None, responses={
    **BAD_INPUT, 200: {"description": "The Ledger export JSON, or CSV with one row per event",
                       "content": {"application/json": {"schema": {"type": "object"}}, "text/csv": {}}}},
    summary="The filtered events as the Ledger export JSON or CSV")
def export(reader: ReaderDep, filter: Filter,
           format: Annotated[Literal["json", "csv"], Query(description="json or csv")] = "json") -> Response:
    if format == "csv":
        return Response(reader.export_csv(filter), media_type="text/csv; charset=utf-8",
                        headers={"Content-Disposition": 'attachment; filename="newsledger-events.csv"'})
    return JSONResponse(reader.export(filter))


# --- writes ---------------------------------------------------------------------------

@dataclass(frozen=True)
class MergeRequest:
    """``force``: merge even events that state conflicting dates, counts or routes (refused
    with 409, naming them, otherwise)."""

    a: str
    b: str
    force: bool = False


@dataclass(frozen=True)
class LinkRequest:
    """``same``: the two events are one (merge) or two (keep apart, for good)."""

    a: str
    b: str
    same: bool


Writer = [Depends(require_writer)]


@router.post("/events/merge", response_model=v.ChangeResult, responses=WRITE, dependencies=Writer,
             summary="Merge two events (needs the token)")
def merge(request: Request, body: MergeRequest) -> v.ChangeResult:
    result = edit.merge(request.app.state.store, body.a, body.b, request.app.state.reader, force=body.force)
    request.app.state.reader.invalidate()
    return result


@router.post("/events/{event_id}/split", response_model=v.ChangeResult, responses=WRITE, dependencies=Writer,
             summary="Split an event into its reports (needs the token)")
def split(request: Request, event_id: Annotated[str, Path(max_length=300)]) -> v.ChangeResult:
    result = edit.split(request.app.state.store, event_id, request.app.state.reader)
    request.app.state.reader.invalidate()
    return result


@router.post("/events/link", response_model=v.ChangeResult, responses=WRITE, dependencies=Writer,
             summary="Decide a candidate link: the same event (merge) or different ones (needs the token)")
def link(request: Request, body: LinkRequest) -> v.ChangeResult:
    store = request.app.state.store
    result = (edit.merge(store, body.a, body.b, request.app.state.reader) if body.same
              else edit.keep_apart(store, body.a, body.b))
    request.app.state.reader.invalidate()
    return result


@router.get("/decisions", response_model=list[v.DecisionView], summary="A person's decisions, oldest first")
def decisions(reader: ReaderDep) -> list[v.DecisionView]:
    return reader.decisions()


@router.post("/decisions/{decision_id}/forget", response_model=v.ChangeResult, responses=WRITE,
             dependencies=Writer, summary="Take back one decision (needs the token)")
def forget(request: Request, decision_id: int) -> v.ChangeResult:
    result = edit.forget(request.app.state.store, decision_id)
    request.app.state.reader.invalidate()
    return result


@router.post("/documents", response_model=v.IngestSummary, responses=WRITE, dependencies=Writer,
             summary="Upload an article (text, HTML, JSON Lines or a feed) to ingest (needs the token)")
def upload(request: Request, file: Annotated[UploadFile, File(description="The article file.")],
           published: Annotated[date | None, Form(description="Publication date.")] = None,
           language: Annotated[Literal["en", "es"] | None, Form(description="Language (detected if omitted).")] = None,
           ) -> v.IngestSummary:
    from newsledger.ingestion import Options

    data = file.file.read(request.app.state.max_upload + 1)
    options = Options(published=published, language=language, max_bytes=request.app.state.max_upload)
    result = edit.upload(request.app.state.store, file.filename or "upload.txt", data, options)
    request.app.state.reader.invalidate()
    return result
