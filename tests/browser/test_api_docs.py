"""The API docs at /docs in a real browser, with every request off the machine blocked:
Swagger UI comes from files the server ships, so the page renders the API offline."""
from __future__ import annotations

from typing import Any
from urllib.parse import urlparse

import pytest

pytestmark = pytest.mark.browser


def test_docs_render_without_the_network(page: Any, server: Any) -> None:
    outside: list[str] = []

    def only_local(route: Any) -> None:
        if urlparse(route.request.url).hostname in ("127.0.0.1", "localhost"):
            route.continue_()
        else:
            outside.append(route.request.url)
            route.abort()

    page.route("**/*", only_local)
    page.goto(server("/docs"))
    page.wait_for_selector(".swagger-ui .info .title", timeout=20_000)
    assert "newsledger" in page.inner_text(".swagger-ui .info .title")
    page.wait_for_selector(".opblock-summary-path[data-path=\"/api/v1/events/{event_id}\"]")
    assert page.locator(".opblock").count() >= 18
    assert outside == []
