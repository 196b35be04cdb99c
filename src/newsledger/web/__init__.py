"""The web pages of ``newsledger serve``: Jinja2 templates over the library's read API.

Pages are thin: each route asks the ``Reader`` (``newsledger.read``) for what it shows and
renders a template. Article text reaches the HTML only escaped (``highlight``); charts are
drawn on the server (``chart``); htmx and the stylesheet are shipped in ``static/`` and
served by the app itself, so nothing is fetched from elsewhere at run time. Writes (merge,
split, link, upload) need a session set from the server's token and pass a same-origin
check (``session``).
"""
from __future__ import annotations

from typing import Any

from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles

from newsledger.web.context import MAX_UPLOAD_BYTES, WebState
from newsledger.web.templating import STATIC_DIR


def install(app: FastAPI, *, reader: Any, store: Any, token: str | None,
            max_upload_bytes: int = MAX_UPLOAD_BYTES) -> None:
    """Add the web pages and their static files to ``app`` (the JSON API's app)."""
    from newsledger.web import reading, writing

    app.state.web = WebState(reader, store, token, max_upload_bytes)
    app.mount("/static", StaticFiles(directory=STATIC_DIR), name="static")
    app.include_router(reading.router)
    app.include_router(writing.router)
