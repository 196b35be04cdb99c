"""The web pages of ``newsledger serve``: Jinja2 templates over the library's read API.

Pages are thin: each route asks the ``Reader`` (``newsledger.read``) for what it shows and
renders a template. Article text reaches the HTML only escaped (``highlight``); charts are
drawn on the server (``chart``); htmx and the stylesheet are shipped in ``static/`` and
served by the app itself, so nothing is fetched from elsewhere at run time. Writes (merge,
split, link, upload) need a session set from the server's token and pass a same-origin
check (``session``).
"""
from __future__ import annotations

from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles

from newsledger.web.context import WebState
from newsledger.web.session import signed_in
from newsledger.web.templating import STATIC_DIR


def install(app: FastAPI) -> None:
    """Add the web pages and their static files to the app ``server.create_app`` built.

    The pages share the app's store, reader, token and upload limit (``app.state``), and
    register the web session as one more way to authorize a write, so the JSON API also
    accepts a signed-in browser's same-origin requests.
    """
    from newsledger.web import reading, writing

    token = app.state.token
    app.state.web = WebState(app.state.reader, app.state.store, token, app.state.max_upload)
    app.state.authorizers.append(lambda request: signed_in(request, token))
    app.mount("/static", StaticFiles(directory=STATIC_DIR), name="static")
    app.include_router(reading.router)
    app.include_router(writing.router)
