"""The web pages through FastAPI's TestClient: statuses, headers, and who may write.

The browser tests (tests/browser) show the pages as a user meets them; these check the
rules behind them quickly and without a browser: every page answers, errors are pages
with the right status, writes need the token's session and the same origin, bodies are
limited, and the sign-in never redirects off the server.
"""
from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest
from fastapi.testclient import TestClient

from newsledger.read import EventFilter, Reader
from newsledger.server import create_app
from newsledger.store import Store
from newsledger.web.context import safe_url

SAME = {"Origin": "http://testserver"}
TOKEN = "page-test-token"

MakeClient = Callable[..., TestClient]


@pytest.fixture()
def make_client(samples_db_copy: str) -> Iterator[MakeClient]:
    """``make_client(token=…, max_upload=…)``: the whole app (JSON API and pages) on a copy of the samples."""
    clients: list[TestClient] = []

    def make(token: str | None = TOKEN, **options: Any) -> TestClient:
        client = TestClient(create_app(samples_db_copy, token=token, **options))
        client.__enter__()  # runs the app's lifespan, which closes its store at the end
        clients.append(client)
        return client

    yield make
    for client in clients:
        client.__exit__(None, None, None)


def _ids(db: str) -> dict[str, str]:
    with Store(db) as store:
        reader = Reader(store)
        transfer = next(e for e in reader.events(EventFilter(type="transfer")).items if e.count == 29)
        single = next(e for e in reader.events().items if e.sources == 1)
        return {"event": transfer.id, "single": single.id, "entity": reader.entities().items[0].id,
                "document": reader.documents().items[0].id, "series": reader.series()[0].id}


def _sign_in(client: TestClient, token: str = TOKEN) -> Any:
    return client.post("/login", data={"token": token, "next": "/"}, headers=SAME, follow_redirects=False)


def test_every_page_answers_with_security_headers(make_client: MakeClient, samples_db_copy: str) -> None:
    ids = _ids(samples_db_copy)
    client = make_client()
    for path in ("/", "/?type=transfer&period=2025-02", f"/events/{ids['event']}", "/series",
                 f"/series/{ids['series']}", "/entities", f"/entities/{ids['entity']}", "/documents",
                 f"/documents/{ids['document']}", "/search?q=Caro", "/search", "/failures", "/upload", "/login"):
        response = client.get(path)
        assert response.status_code == 200, path
        assert response.headers["content-type"].startswith("text/html")
        assert "script-src 'self'" in response.headers["content-security-policy"]
        assert response.headers["x-frame-options"] == "DENY"


def test_htmx_and_stylesheet_are_served_by_the_app(make_client: MakeClient) -> None:
    client = make_client()
    htmx = client.get("/static/htmx.min.js")
    assert htmx.status_code == 200 and "javascript" in htmx.headers["content-type"]
    assert client.get("/static/newsledger.css").status_code == 200
    assert 'src="/static/htmx.min.js"' in client.get("/").text


def test_errors_are_pages_with_their_status(make_client: MakeClient) -> None:
    client = make_client()
    assert client.get("/events/ev-000000000000").status_code == 404
    assert client.get("/documents/sha256:nothing").status_code == 404
    assert client.get("/entities/person-nobody").status_code == 404
    assert client.get("/series/transfer").status_code == 404
    bad = client.get("/?since=yesterday")
    assert bad.status_code == 400 and "use YYYY-MM-DD" in bad.text
    assert client.get("/?period=20255").status_code == 400
    assert client.get("/?offset=many").status_code == 400


def test_entity_name_links_resolve(make_client: MakeClient) -> None:
    response = make_client().get("/entity?name=Caro Quintero", follow_redirects=False)
    assert response.status_code == 303 and response.headers["location"].startswith("/entities/person-")


def test_read_only_server_refuses_every_write(make_client: MakeClient, samples_db_copy: str) -> None:
    ids = _ids(samples_db_copy)
    client = make_client(token=None)
    assert "started without" in client.get("/upload").text
    assert "read-only" in client.get(f"/events/{ids['event']}").text
    for path in (f"/events/{ids['event']}/merge", f"/events/{ids['event']}/split", "/upload", "/login"):
        response = client.post(path, data={"other": ids["single"], "token": "x"}, headers=SAME)
        assert response.status_code == 403 and "read-only" in response.text, path


def test_writes_need_the_session_and_the_same_origin(make_client: MakeClient, samples_db_copy: str) -> None:
    ids = _ids(samples_db_copy)
    client = make_client()
    merge = f"/events/{ids['event']}/merge"
    refused = client.post(merge, data={"other": ids["single"]}, headers=SAME)
    assert refused.status_code == 403 and "sign in" in refused.text

    assert _sign_in(client, "wrong").status_code == 403
    signed = _sign_in(client)
    assert signed.status_code == 303
    cookie = signed.headers["set-cookie"].lower()
    assert "httponly" in cookie and "samesite=strict" in cookie and TOKEN not in cookie

    for headers in ({"Origin": "http://evil.example"}, {"Sec-Fetch-Site": "cross-site"}, {}):
        response = client.post(merge, data={"other": ids["single"]}, headers=headers)
        assert response.status_code == 403 and "same-origin" in response.text, headers
    # Signed in and same origin: the ledger refuses a split of a single report (409), not the server.
    split = client.post(f"/events/{ids['single']}/split", headers={"Sec-Fetch-Site": "same-origin"})
    assert split.status_code == 409


def test_sign_in_redirects_only_within_the_server(make_client: MakeClient) -> None:
    client = make_client()
    for target, expected in (("/events/x", "/events/x"), ("//evil.example/", "/"), ("https://evil.example", "/")):
        response = client.post("/login", data={"token": TOKEN, "next": target}, headers=SAME, follow_redirects=False)
        assert response.headers["location"] == expected


def test_request_bodies_are_limited(make_client: MakeClient) -> None:
    client = make_client(max_upload=1000)
    _sign_in(client)
    # A file over the upload limit is refused and listed; a body far over it is not even read.
    listed = client.post("/upload", files={"files": ("big.txt", b"x" * 5000, "text/plain")}, headers=SAME)
    assert listed.status_code == 200 and "over the 1000-byte limit" in listed.text
    assert "stored 0" in listed.text
    huge = client.post("/upload", files={"files": ("huge.txt", b"x" * 200_000, "text/plain")}, headers=SAME)
    assert huge.status_code == 413
    too_long = client.post("/login", data={"token": "x" * 20_000}, headers=SAME)
    assert too_long.status_code == 413


def test_article_links_are_http_only() -> None:
    assert safe_url("https://example.org/a?b=1") == "https://example.org/a?b=1"
    for bad in ("javascript:alert(1)", "data:text/html,x", "//example.org", "", None, "ftp://example.org"):
        assert safe_url(bad) is None


def test_link_decisions_from_the_page(make_client: MakeClient, samples_db_copy: str) -> None:
    with Store(samples_db_copy) as store:
        link = Reader(store).links()[0]
    client = make_client()
    _sign_in(client)
    apart = client.post(f"/events/{link.event}/link", data={"other": link.other, "same": "no"}, headers=SAME,
                        follow_redirects=False)
    assert apart.status_code == 303 and apart.headers["location"].endswith("done=apart")
    page = client.get(f"/events/{link.event}").text
    assert f'name="other" value="{link.other}"' not in page
    assert client.post(f"/events/{link.event}/link", data={"other": link.other, "same": "maybe"},
                       headers=SAME).status_code == 400


def test_signed_in_browser_may_use_the_json_api_from_the_same_origin(make_client: MakeClient) -> None:
    client = make_client()
    assert client.post("/api/v1/events/ev-000000000000/split", headers=SAME).status_code == 403
    _sign_in(client)
    assert client.post("/api/v1/events/ev-000000000000/split", headers=SAME).status_code == 404


def test_timeline_export_links_keep_the_filters(make_client: MakeClient) -> None:
    import html
    import re

    client = make_client()
    page = client.get("/?type=transfer&period=2025").text
    links = [html.unescape(link) for link in re.findall(r'href="(/api/v1/export\?[^"]+)"', page)]
    assert {link.rsplit("format=", 1)[1] for link in links} == {"json", "csv"}
    exported = client.get(next(link for link in links if link.endswith("json"))).json()["events"]
    assert exported and all(e["type"] == "transfer" and e["date"]["start"].startswith("2025") for e in exported)
    rows = client.get(next(link for link in links if link.endswith("csv"))).text.strip().splitlines()
    assert len(rows) == len(exported) + 1
