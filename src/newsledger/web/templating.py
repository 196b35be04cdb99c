"""The Jinja2 environment of the web pages: package templates, autoescape on everywhere.

Autoescaping is switched on for every template, whatever its file name, so a value that
comes from an article (a title, an outlet, a name) can never be read as markup. The only
HTML that reaches a page unescaped is ``markupsafe.Markup`` built by our own code
(``highlight``, ``chart``), which escapes each piece of article text it inserts.
"""
from __future__ import annotations

from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

from jinja2 import Environment, PackageLoader, StrictUndefined
from starlette.requests import Request
from starlette.responses import HTMLResponse

STATIC_DIR = Path(str(resources.files("newsledger.web") / "static"))


@lru_cache(maxsize=1)
def environment() -> Environment:
    env = Environment(loader=PackageLoader("newsledger.web", "templates"), autoescape=True,
                      undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True)
    from newsledger.web import context, dates

    env.globals.update(static=lambda name: f"/static/{name}", shown=dates.shown, covered=dates.covered, bar=dates.bar,
                       month_name=context.month_name, safe_url=context.safe_url, excerpt=context.excerpt,
                       evidence=context.evidence, claim_excerpt=context.claim_excerpt, snippet=context.snippet,
                       language_name=context.language_name)
    return env


def render(request: Request, name: str, status_code: int = 200, **context: Any) -> HTMLResponse:
    """A page: ``context`` plus the request and the server's write mode, which every page shows."""
    from newsledger.web.session import signed_in

    web = getattr(request.app.state, "web", None)
    token = web.token if web is not None else None
    context.setdefault("writable", bool(token))
    context.setdefault("signed_in", signed_in(request, token))
    context.setdefault("message", None)
    context.setdefault("query", None)
    html = environment().get_template(name).render(request=request, **context)
    return HTMLResponse(html, status_code=status_code)
