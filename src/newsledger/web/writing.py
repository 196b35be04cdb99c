"""The pages that change the ledger: sign in and out, merge, split, upload.

Every write goes through ``_guard``: the server must have been started with a token, the
request must come from one of our own pages (same origin) and carry a session set from the
token. Form bodies are read with a size limit before they are parsed. After a write the
reader's cached ledger is dropped, so the next page shows the change.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import FormData, UploadFile

from newsledger.errors import InputError, NewsledgerError
from newsledger.web.context import MAX_FORM_BYTES, state
from newsledger.web.session import COOKIE, new_session, safe_next, same_origin, signed_in, token_matches
from newsledger.web.routes import PageRoute
from newsledger.web.templating import render

router = APIRouter(include_in_schema=False, route_class=PageRoute)


class WriteRefused(NewsledgerError):
    """A write without the token's session, from another origin, or on a read-only server."""

    def __init__(self, message: str, status: int = 403):
        super().__init__(message)
        self.status = status


def _guard(request: Request, need_session: bool = True) -> None:
    web = state(request)
    if not web.token:
        raise WriteRefused("this server was started without --token: it is read-only")
    if not same_origin(request):
        raise WriteRefused("refused: the request does not come from this server's own pages (same-origin check)")
    if need_session and not signed_in(request, web.token):
        raise WriteRefused("refused: changing the ledger needs the server's token; sign in first")


async def _form(request: Request, limit: int) -> FormData:
    """The posted form, refused with 413 when the body is over ``limit`` bytes."""
    declared = request.headers.get("content-length")
    if declared is not None and declared.isdigit() and int(declared) > limit:
        raise WriteRefused(f"request body over the {limit}-byte limit", status=413)
    body = bytearray()
    async for chunk in request.stream():
        body.extend(chunk)
        if len(body) > limit:
            raise WriteRefused(f"request body over the {limit}-byte limit", status=413)
    # Starlette parses the form from the cached body once it has been read.
    request._body = bytes(body)
    return await request.form(max_files=100, max_fields=100, max_part_size=limit)


def _field(form: FormData, name: str) -> str:
    value = form.get(name)
    return value.strip() if isinstance(value, str) else ""


@router.get("/login", name="login")
def login_page(request: Request) -> HTMLResponse:
    return render(request, "login.html", next=safe_next(request.query_params.get("next")))


@router.post("/login")
async def login(request: Request) -> Response:
    _guard(request, need_session=False)
    form = await _form(request, MAX_FORM_BYTES)
    target = safe_next(_field(form, "next"))
    if not token_matches(state(request).token, _field(form, "token")):
        return render(request, "login.html", status_code=403, next=target, message="Wrong token.",
                      message_kind="error")
    response = RedirectResponse(target, status_code=303)
    response.set_cookie(COOKIE, new_session(state(request).token or ""), httponly=True, samesite="strict", path="/")
    return response


@router.post("/logout")
async def logout(request: Request) -> Response:
    if not same_origin(request):
        raise WriteRefused("refused: the request does not come from this server's own pages (same-origin check)")
    response = RedirectResponse("/", status_code=303)
    response.delete_cookie(COOKIE, path="/")
    return response


@router.post("/events/{event_id}/merge")
async def merge(request: Request, event_id: str) -> Response:
    _guard(request)
    form = await _form(request, MAX_FORM_BYTES)
    other = _field(form, "other")
    if not other:
        raise InputError("other", "no event to merge with", hint="give the id of the other event (ev-…)")
    web = state(request)
    from newsledger.ledger import service

    record = await run_in_threadpool(service.merge, web.store, event_id, other)
    web.reader.invalidate()
    return RedirectResponse(f"/events/{record.id}?done=merged", status_code=303)


@router.post("/events/{event_id}/split")
async def split(request: Request, event_id: str) -> Response:
    _guard(request)
    form = await _form(request, MAX_FORM_BYTES)
    target = _field(form, "report") or event_id
    web = state(request)
    from newsledger.ledger import service

    records = await run_in_threadpool(service.split, web.store, target)
    web.reader.invalidate()
    first = records[0].id if records else event_id
    return RedirectResponse(f"/events/{first}?done=split", status_code=303)


@dataclass
class UploadSummary:
    """What an upload did, as the upload page lists it."""

    stored: list[str] = field(default_factory=list)
    duplicates: list[str] = field(default_factory=list)
    failures: list[Any] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


@router.get("/upload", name="upload")
def upload_page(request: Request) -> HTMLResponse:
    return render(request, "upload.html", summary=None, max_mb=state(request).max_upload_bytes // (1024 * 1024))


def _options(form: FormData) -> Any:
    from newsledger.ingestion import Options

    published = _field(form, "published")
    try:
        day = date.fromisoformat(published) if published else None
    except ValueError:
        raise InputError("published", f"not a date: {published!r}", hint="use YYYY-MM-DD") from None
    language = _field(form, "language") or None
    if language not in (None, "en", "es"):
        raise InputError("language", f"unsupported language {language!r}", hint="use en or es")
    return Options(published=day, language=language, url=_field(form, "url") or None)


def _ingest(store: Any, files: list[tuple[str, bytes]], options: Any) -> UploadSummary:
    from newsledger.ingestion import ingest, read_upload

    items = [item for name, data in files for item in read_upload(name, data, options)]
    result = ingest(store, items)
    return UploadSummary(list(result.stored), list(result.duplicates), list(result.failures),
                         [f"{where}: {warning}" for where, warning in result.warnings])


@router.post("/upload")
async def upload(request: Request) -> HTMLResponse:
    _guard(request)
    web = state(request)
    form = await _form(request, web.max_upload_bytes)
    try:
        options = _options(form)
        files = [(item.filename or "upload.txt", await item.read()) for item in form.getlist("files")
                 if isinstance(item, UploadFile)]
    finally:
        await form.close()
    if not files:
        raise InputError("files", "no file uploaded", hint="choose one or more files")
    summary = await run_in_threadpool(_ingest, web.store, files, options)
    web.reader.invalidate()
    return render(request, "upload.html", summary=summary, max_mb=web.max_upload_bytes // (1024 * 1024))
