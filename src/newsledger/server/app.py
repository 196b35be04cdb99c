"""The web application: ``create_app(db_url, token=None)`` builds it, ``newsledger serve`` runs it.

The app holds one ``Store`` and one ``Reader`` (``app.state.store``, ``app.state.reader``)
for its lifetime, the token (``app.state.token``; None means read-only) and the body
limits. It mounts the JSON API (``server.api``) and the OpenAPI documents: the schema at
``/openapi.json`` and Swagger UI at ``/docs``, served from files shipped in the
``fastapi-offline`` package, so nothing is fetched from a CDN at run time.

The web pages (``newsledger.web``) add their routers, templates and static files to the
app this returns; writes from a page pass ``server.security.require_writer``, to which
the web layer can add its session check through ``app.state.authorizers``.
"""
from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from importlib import resources

from fastapi import FastAPI, Request
from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.responses import HTMLResponse, JSONResponse
from fastapi.staticfiles import StaticFiles

import newsledger
from newsledger import web
from newsledger.errors import InputError, NewsledgerError, NotFound, Refused, StorageError
from newsledger.read import Reader
from newsledger.server import api
from newsledger.server.security import BodyLimit

# A JSON body (a merge request) is small; an upload may be an article of up to 5 MB.
MAX_BODY = 64 * 1024
MAX_UPLOAD = 5_000_000
DOCS_ASSETS = "/_docs"


def create_app(db_url: str, token: str | None = None, *, max_body: int = MAX_BODY,
               max_upload: int = MAX_UPLOAD) -> FastAPI:
    """The application over the database at ``db_url`` (opened, and migrated, now).

    ``token``: writes need ``Authorization: Bearer <token>``; without it the server is
    read-only. ``max_body``/``max_upload`` bound request bodies (413 past them).
    """
    from newsledger.store import Store

    store = Store(db_url)

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        yield
        store.close()

    app = FastAPI(
        title="newsledger", version=newsledger.__version__,
        summary="A sourced ledger of real-world events from news reports: read it, and with a token, correct it.",
        docs_url=None, redoc_url=None, lifespan=lifespan,
    )
    app.state.store = store
    app.state.reader = Reader(store)
    app.state.token = token or None
    app.state.authorizers = []
    app.state.max_upload = max_upload
    app.add_middleware(BodyLimit, limit=max_body, upload_limit=max_upload + 64 * 1024)
    _errors(app)
    _docs(app)
    app.include_router(api.router)
    web.install(app)
    return app


def _errors(app: FastAPI) -> None:
    """The library's errors as status codes, with its one-sentence message as ``detail``."""

    def answer(status: int):  # noqa: ANN202
        async def handler(_request: Request, error: Exception) -> JSONResponse:
            return JSONResponse({"detail": str(error)}, status_code=status)
        return handler

    app.add_exception_handler(NotFound, answer(404))
    app.add_exception_handler(Refused, answer(409))
    app.add_exception_handler(InputError, answer(400))
    app.add_exception_handler(StorageError, answer(503))
    app.add_exception_handler(NewsledgerError, answer(400))


def _docs(app: FastAPI) -> None:
    """Swagger UI from the files ``fastapi-offline`` ships, not from a CDN."""
    assets = resources.files("fastapi_offline") / "static"
    app.mount(DOCS_ASSETS, StaticFiles(directory=str(assets)), name="docs-assets")

    @app.get("/docs", include_in_schema=False)
    def docs(request: Request) -> HTMLResponse:
        root = request.scope.get("root_path", "")
        return get_swagger_ui_html(
            openapi_url=f"{root}{app.openapi_url}", title="newsledger API",
            swagger_js_url=f"{root}{DOCS_ASSETS}/swagger-ui-bundle.js",
            swagger_css_url=f"{root}{DOCS_ASSETS}/swagger-ui.css",
            swagger_favicon_url=f"{root}{DOCS_ASSETS}/favicon.png",
            # no badge from the public validator service: nothing leaves the machine
            swagger_ui_parameters={"validatorUrl": None})
