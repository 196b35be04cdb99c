"""Who may write, and how much a request may send.

The server is read-only unless started with a token. A write then needs
``Authorization: Bearer TOKEN`` (or another authorizer the web layer registers, such as a
session set from the token), and must come from the same origin: a browser states where
a request comes from in ``Origin`` and ``Sec-Fetch-Site``, so a page on another site
cannot make a logged-in browser write (cross-site request forgery). Clients that send
neither header (curl, scripts) are not browsers and pass that check; they still need
the token. Request bodies are limited before they are read.
"""
from __future__ import annotations

import hmac
from collections.abc import Callable
from typing import Any

from fastapi import HTTPException, Request

# Requests whose body may be larger: multipart uploads of articles.
UPLOAD_TYPE = "multipart/form-data"
Authorizer = Callable[[Request], bool]


def bearer_ok(request: Request, token: str | None) -> bool:
    """Whether the request carries ``Authorization: Bearer <token>`` (compared in constant time)."""
    if not token:
        return False
    scheme, _, given = request.headers.get("authorization", "").partition(" ")
    return scheme.lower() == "bearer" and hmac.compare_digest(given.strip().encode(), token.encode())


def same_origin(request: Request) -> bool:
    """False when the browser says the request comes from another site or origin."""
    site = request.headers.get("sec-fetch-site")
    if site is not None and site not in ("same-origin", "none"):
        return False
    origin = request.headers.get("origin")
    if origin is None:
        return True
    host = request.headers.get("host", "")
    return origin in (f"{request.url.scheme}://{host}", f"http://{host}", f"https://{host}")


def require_writer(request: Request) -> None:
    """FastAPI dependency of every write: 403 unless the token (or a registered
    authorizer) allows it and the request is same-origin.

    ``app.state.authorizers`` holds further checks (e.g. the web session); any one
    returning True is enough, but only when the server was started with a token.
    """
    state: Any = request.app.state
    token = getattr(state, "token", None)
    if not token:
        raise HTTPException(403, "the server is read-only: start it with `newsledger serve --token TOKEN` to allow changes")
    if not same_origin(request):
        raise HTTPException(403, "cross-origin write refused: send it from the server's own pages or without an Origin header")
    authorizers: list[Authorizer] = getattr(state, "authorizers", [])
    if not (bearer_ok(request, token) or any(check(request) for check in authorizers)):
        raise HTTPException(403, "this change needs the token: send `Authorization: Bearer TOKEN`")


class BodyLimit:
    """ASGI middleware refusing bodies over ``limit`` bytes (``upload_limit`` for multipart)
    with 413, from ``Content-Length`` before reading, or while reading a chunked body."""

    def __init__(self, app: Any, limit: int, upload_limit: int) -> None:
        self.app = app
        self.limit = limit
        self.upload_limit = upload_limit

    async def __call__(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = {key.decode("latin-1").lower(): value.decode("latin-1") for key, value in scope.get("headers", [])}
        limit = self.upload_limit if headers.get("content-type", "").startswith(UPLOAD_TYPE) else self.limit
        declared = headers.get("content-length")
        if declared is not None and (not declared.isdigit() or int(declared) > limit):
            await _too_large(send, limit)
            return
        seen = 0

        async def counted() -> Any:
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > limit:
                    raise _TooLarge()
            return message

        try:
            await self.app(scope, counted, send)
        except _TooLarge:
            await _too_large(send, limit)


class _TooLarge(Exception):
    pass


async def _too_large(send: Any, limit: int) -> None:
    body = ('{"detail":"request body over the %d-byte limit"}' % limit).encode()
    await send({"type": "http.response.start", "status": 413,
                "headers": [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())]})
    await send({"type": "http.response.body", "body": body})
