"""Changing the ledger from the browser: refused without the token, done with it; uploads.

Each test has its own server on a private copy of the samples ledger.
"""
from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

pytestmark = pytest.mark.browser


def _a_link(db: str) -> tuple[str, str]:
    """A candidate merge the ledger was unsure of (the page shows it as a link)."""
    from newsledger.read import Reader
    from newsledger.store import Store

    store = Store(db)
    try:
        links = Reader(store).links()
    finally:
        store.close()
    assert links, "the samples ledger should hold a candidate link"
    return links[0].event, links[0].other


def test_merge_is_refused_without_the_token_and_done_with_it(page: Any, private_server: Any, sign_in: Any,
                                                             screenshot: Any) -> None:
    event, other = _a_link(private_server.db)
    page.goto(private_server(f"/events/{event}"))
    sources = int(re.search(r"(\d+) sources?", page.locator("main > p.muted").first.inner_text()).group(1))

    # Not signed in: the form is there, the server refuses, nothing changes.
    page.fill("form.merge input[name=other]", other)
    page.click("form.merge button[type=submit]")
    assert "needs the server's token" in page.locator("#error").inner_text()
    page.goto(private_server(f"/events/{other}"))
    assert page.locator("h1").count() == 1 and "Not found" not in page.title()

    # With the token: the candidate link's button merges the two events.
    sign_in(page, private_server)
    page.goto(private_server(f"/events/{event}"))
    page.locator("#actions tr", has=page.locator(f"a:text-is('{other}')")).locator("button:text-is('same event')").click()
    page.wait_for_url(re.compile(r"done=merged"))
    assert page.locator("p.notice.ok").inner_text() == "Merged."
    merged = int(re.search(r"(\d+) sources?", page.locator("main > p.muted").first.inner_text()).group(1))
    assert merged > sources
    screenshot(page, "event-merged")


def test_cross_site_form_is_refused_even_when_signed_in(page: Any, private_server: Any, sign_in: Any) -> None:
    event, other = _a_link(private_server.db)
    sign_in(page, private_server)
    # A page of another origin (here: about:blank with a form) posting to the server.
    page.goto("about:blank")
    page.set_content(f'<form method="post" action="{private_server(f"/events/{event}/merge")}">'
                     f'<input name="other" value="{other}"><button>go</button></form>')
    page.click("button")
    page.wait_for_load_state()
    assert "merged" not in page.url
    assert "refused" in page.locator("#error").inner_text()


ARTICLE = """---
title: Inert <script>document.title = "pwned"</script> headline
outlet: <b>Bold Outlet</b>
published: 2026-01-21
---
MEXICO CITY — Mexico sent 12 <b>alleged</b> cartel members to the United States on Tuesday.
<script>window.__pwned = 1; alert("pwned")</script>
<img src="x" onerror="window.__pwned = 2"> The transfer was the fourth of its kind.
"""


def test_uploaded_article_with_html_and_script_is_shown_inert(page: Any, private_server: Any, sign_in: Any,
                                                              tmp_path: Path, screenshot: Any) -> None:
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    article = tmp_path / "inert.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    sign_in(page, private_server)
    page.goto(private_server("/upload"))
    screenshot(page, "upload")
    page.set_input_files("input[name=files]", str(article))
    page.click("form.upload button[type=submit]")
    page.wait_for_selector("#summary", timeout=60_000)
    assert "stored 1" in page.locator("#summary").inner_text()
    page.click("#summary a[href^='/documents/']")
    page.wait_for_url(re.compile(r"/documents/sha256:"))

    text = page.locator("#text")
    assert "<script>window.__pwned = 1" in text.inner_text()
    assert '<img src="x"' in text.inner_text()
    assert page.locator("#text script, #text img, #text b").count() == 0
    assert page.locator("h1").inner_text().startswith("Inert <script>")
    assert page.evaluate("window.__pwned") is None
    assert page.title() != "pwned" and not dialogs
    screenshot(page, "document-inert")


def test_failed_upload_is_listed_on_the_failures_page(page: Any, private_server: Any, sign_in: Any,
                                                      tmp_path: Path, screenshot: Any) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_text("", encoding="utf-8")
    sign_in(page, private_server)
    page.goto(private_server("/upload"))
    page.set_input_files("input[name=files]", str(empty))
    page.click("form.upload button[type=submit]")
    page.wait_for_selector("#summary")
    assert "failed 1" in page.locator("#summary").inner_text()
    page.click("nav a:text-is('Failures')")
    assert "upload:empty.txt" in page.locator("table").inner_text()
    screenshot(page, "failures")
