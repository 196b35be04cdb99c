"""The pages that change the ledger: sign in and out, merge, split, link, upload.

Every write goes through ``_guard``: the server must have been started with a token, the
request must come from one of our own pages (same origin) and carry a session set from the
token. Form bodies are read with a size limit before they are parsed. The changes
themselves are ``newsledger.edit``'s, as for the JSON API and the CLI. After a write the
reader's cached ledger is dropped, so the next page shows the change.
"""
from __future__ import annotations

from datetime import date
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import FormData, UploadFile

from newsledger import edit
from newsledger.errors import InputError, NewsledgerError
from newsledger.web.context import FORM_OVERHEAD, MAX_FORM_BYTES, state
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


def _changed(request: Request, result: Any, done: str) -> RedirectResponse:
    state(request).reader.invalidate()
    first = result.events[0].id if result.events else result.subject[0]
    return RedirectResponse(f"/events/{first}?done={done}", status_code=303)


@router.post("/events/{event_id}/merge")
async def merge(request: Request, event_id: str) -> Response:
    _guard(request)
    form = await _form(request, MAX_FORM_BYTES)
    other = _field(form, "other")
    if not other:
        raise InputError("other", "no event to merge with", hint="give the id of the other event (ev-…)")
    result = await run_in_threadpool(edit.merge, state(request).store, event_id, other)
    return _changed(request, result, "merged")


@router.post("/events/{event_id}/link")
async def link(request: Request, event_id: str) -> Response:
    """Decide a candidate link: the same event (merge) or two events (keep apart, for good)."""
    _guard(request)
    form = await _form(request, MAX_FORM_BYTES)
    other, same = _field(form, "other"), _field(form, "same")
    if not other or same not in ("yes", "no"):
        raise InputError("link", "a link decision needs the other event and same=yes or same=no")
    store = state(request).store
    if same == "yes":
        result = await run_in_threadpool(edit.merge, store, event_id, other)
        return _changed(request, result, "merged")
    await run_in_threadpool(edit.keep_apart, store, event_id, other)
    state(request).reader.invalidate()
    return RedirectResponse(f"/events/{event_id}?done=apart", status_code=303)


@router.post("/events/{event_id}/split")
async def split(request: Request, event_id: str) -> Response:
    _guard(request)
    form = await _form(request, MAX_FORM_BYTES)
    target = _field(form, "report") or event_id
    result = await run_in_threadpool(edit.split, state(request).store, target)
    return _changed(request, result, "split")


def _max_mb(request: Request) -> float:
    return round(state(request).max_upload / 1_000_000, 1)


@router.get("/upload", name="upload")
def upload_page(request: Request) -> HTMLResponse:
    return render(request, "upload.html", summary=None, max_mb=_max_mb(request))


def _options(form: FormData, limit: int) -> Any:
    from newsledger.ingestion import Options

    published = _field(form, "published")
    try:
        day = date.fromisoformat(published) if published else None
    except ValueError:
        raise InputError("published", f"not a date: {published!r}", hint="use YYYY-MM-DD") from None
    language = _field(form, "language") or None
    if language not in (None, "en", "es"):
        raise InputError("language", f"unsupported language {language!r}", hint="use en or es")
    return Options(published=day, language=language, url=_field(form, "url") or None, max_bytes=limit)


def _ingest(store: Any, files: list[tuple[str, bytes]], options: Any) -> Any:
    """Every uploaded file through ``edit.upload``, the summaries added up."""
    from newsledger.read.views import IngestSummary

    parts = [edit.upload(store, name, data, options) for name, data in files]
    return IngestSummary(stored=[d for p in parts for d in p.stored], duplicates=[d for p in parts for d in p.duplicates],
                         failures=[f for p in parts for f in p.failures], warnings=[w for p in parts for w in p.warnings])


@router.post("/upload")
async def upload(request: Request) -> HTMLResponse:
    _guard(request)
    web = state(request)
    form = await _form(request, web.max_upload + FORM_OVERHEAD)
    try:
        options = _options(form, web.max_upload)
        files = [(item.filename or "upload.txt", await item.read()) for item in form.getlist("files")
                 if isinstance(item, UploadFile)]
    finally:
        await form.close()
    if not files:
        raise InputError("files", "no file uploaded", hint="choose one or more files")
    summary = await run_in_threadpool(_ingest, web.store, files, options)
    web.reader.invalidate()
    return render(request, "upload.html", summary=summary, max_mb=_max_mb(request))
