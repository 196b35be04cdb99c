"""How the web pages answer: HTML errors and the security headers every page carries.

The JSON API and the pages share one FastAPI app, so app-wide exception handlers belong
to the API (JSON bodies). The pages' routes use ``PageRoute`` instead: it turns the
library's errors into an HTML page with the right status (unknown id 404, bad input 400,
refused write 403/409/413) and adds the headers that keep article text inert even if a
bug ever let markup through: a Content-Security-Policy that allows scripts only from this
server (``static/htmx.min.js``), no framing, no MIME sniffing, no referrer to elsewhere.
"""
from __future__ import annotations

from collections.abc import Callable, Coroutine
from typing import Any

from fastapi import Request, Response
from fastapi.routing import APIRoute

from newsledger.errors import InputError, LedgerError, NewsledgerError, NotFound, Refused

CSP = ("default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
       "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'")
HEADERS = {"Content-Security-Policy": CSP, "X-Content-Type-Options": "nosniff", "X-Frame-Options": "DENY",
           "Referrer-Policy": "same-origin"}


def status_of(error: NewsledgerError) -> tuple[int, str]:
    from newsledger.web.writing import WriteRefused

    if isinstance(error, WriteRefused):
        return error.status, "Not allowed" if error.status == 403 else "Too large"
    if isinstance(error, NotFound):
        return 404, "Not found"
    if isinstance(error, InputError):
        return 400, "Bad request"
    if isinstance(error, (Refused, LedgerError)):
        return 409, "Refused"
    return 500, "Error"


class PageRoute(APIRoute):
    """A route whose library errors become HTML pages, with security headers on every answer."""

    def get_route_handler(self) -> Callable[[Request], Coroutine[Any, Any, Response]]:
        handler = super().get_route_handler()

        async def answer(request: Request) -> Response:
            from newsledger.web.templating import render

            try:
                response = await handler(request)
            except NewsledgerError as error:
                status, title = status_of(error)
                response = render(request, "error.html", status_code=status, title=title, detail=str(error))
            response.headers.update(HEADERS)
            return response

        return answer
