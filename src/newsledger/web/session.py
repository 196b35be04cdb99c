"""Who may write through the web pages: a session set from the server's token, same origin only.

The server is read-only unless it was started with a token. A browser cannot send an
``Authorization`` header from a form, so the web pages trade the token once (the sign-in
form) for a cookie. The cookie holds a random nonce and its HMAC under the token, not the
token itself: it proves the holder knew the token, stops working when the server restarts
with another token, and needs no server-side session table. It is ``HttpOnly`` (no script
reads it) and ``SameSite=Strict`` (no other site's page sends it).

Every write also passes a same-origin check, because a cookie alone is sent by any form
that posts to us. Browsers say where a request comes from in ``Sec-Fetch-Site``; older
ones only in ``Origin``. A cookie-authenticated write with neither is refused: every
browser that keeps cookies sends at least one of them on a POST.
"""
from __future__ import annotations

import hashlib
import hmac
import secrets

from starlette.requests import Request

COOKIE = "newsledger_session"
_PURPOSE = b"newsledger web session"


def _sign(token: str, nonce: str) -> str:
    return hmac.new(token.encode("utf-8"), _PURPOSE + b":" + nonce.encode("ascii"), hashlib.sha256).hexdigest()


def new_session(token: str) -> str:
    """A cookie value for a browser that has just shown the token."""
    nonce = secrets.token_urlsafe(18)
    return f"{nonce}.{_sign(token, nonce)}"


def token_matches(token: str | None, given: str | None) -> bool:
    """Whether ``given`` is the server's token (constant time; never true without a token)."""
    if not token or not given:
        return False
    return hmac.compare_digest(token.encode("utf-8"), given.encode("utf-8"))


def valid_session(token: str | None, cookie: str | None) -> bool:
    """Whether the cookie was issued under this server's token."""
    if not token or not cookie or "." not in cookie:
        return False
    nonce, signature = cookie.rsplit(".", 1)
    try:
        nonce.encode("ascii")
    except UnicodeEncodeError:
        return False
    return hmac.compare_digest(_sign(token, nonce), signature)


def signed_in(request: Request, token: str | None) -> bool:
    return valid_session(token, request.cookies.get(COOKIE))


def same_origin(request: Request) -> bool:
    """Whether the browser says the request comes from one of our own pages."""
    site = request.headers.get("sec-fetch-site")
    if site is not None:
        return site == "same-origin"
    origin = request.headers.get("origin")
    if origin is None or origin == "null":
        return False
    return origin.rstrip("/") == str(request.base_url).rstrip("/")


def safe_next(target: str | None, default: str = "/") -> str:
    """A redirect target after sign-in: only a path on this server (no ``//host``, no scheme)."""
    if not target or not target.startswith("/") or target.startswith("//") or "\\" in target:
        return default
    return target
