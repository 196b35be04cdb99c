"""Browser tests: Debian's chromium driven by Playwright against a real server on 127.0.0.1.

The browser is the system's ``chromium`` (``executable_path``); Playwright's own browser
downloads are never used. Without chromium the tests skip and say how to install it,
except in CI (``CI=true``), where a browser suite that did not run is a failure.

The server is uvicorn serving ``create_app`` in a thread of the test process, on a socket
bound to 127.0.0.1 at a free port; the fixture stops it when its tests end. Running it
in-process shares the loaded spaCy model with the rest of the suite (uploads extract).
They serve a copy of the SQLite samples ledger only: the pages' reads and writes run on
both back ends in tests/web and tests/server, and doubling the browser would double minutes.

Screenshots go to ``$NEWSLEDGER_SCREENSHOTS`` when set (``make screenshots`` sets it to
``docs/screenshots``), else to a temporary folder, so that a test run never changes the
committed images behind a developer's back.
"""
from __future__ import annotations

import os
import shutil
import socket
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

TOKEN = "browser-test-token"
INSTALL_HINT = ("chromium not found: install Debian's chromium to run the browser tests "
                "(`sudo apt-get install chromium`); Playwright's own browser downloads are not used")


def _in_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() in ("1", "true", "yes")


def _unavailable(reason: str) -> None:
    if _in_ci():
        pytest.fail(f"{reason} (CI=true: the browser tests must run)", pytrace=False)
    pytest.skip(reason)


@pytest.fixture(scope="session")
def chromium_path() -> str:
    found = os.environ.get("NEWSLEDGER_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
    if not Path(found).exists():
        _unavailable(INSTALL_HINT)
    return found


@pytest.fixture(scope="session")
def browser(chromium_path: str) -> Iterator[Any]:
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _unavailable("the Python package playwright is not installed (pip install -r requirements.lock)")
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=chromium_path)
        yield launched
        launched.close()


@pytest.fixture()
def page(browser: Any) -> Iterator[Any]:
    """A fresh browser context (no cookies) and page; fails the test on any page script error."""
    context = browser.new_context(viewport={"width": 1200, "height": 860}, device_scale_factor=1)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.set_default_timeout(15_000)
    yield page
    context.close()
    assert not errors, f"script errors on the page: {errors}"


class LiveServer:
    """A running server: its base URL and the database it serves."""

    def __init__(self, url: str, db: str, token: str | None):
        self.url, self.db, self.token = url, db, token

    def __call__(self, path: str = "/") -> str:
        return self.url + path


@contextmanager
def serve(db: str, token: str | None) -> Iterator[LiveServer]:
    """Run the app with uvicorn on 127.0.0.1 at a free port until the block ends."""
    import uvicorn

    from newsledger.server import create_app

    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    config = uvicorn.Config(create_app(db, token=token), log_level="warning", ws="none")
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            raise RuntimeError("the test server did not start")
        time.sleep(0.05)
    try:
        yield LiveServer(f"http://127.0.0.1:{port}", db, token)
    finally:
        server.should_exit = True
        thread.join(timeout=10)
        sock.close()


def _copy(samples_db: str, folder: Path) -> str:
    target = folder / "web.db"
    shutil.copy(samples_db.removeprefix("sqlite:///"), target)
    return f"sqlite:///{target}"


@pytest.fixture(scope="session")
def server(sqlite_samples_db: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    """The samples ledger served with a token, for tests that only read."""
    with serve(_copy(sqlite_samples_db, tmp_path_factory.mktemp("web")), TOKEN) as live:
        yield live


@pytest.fixture()
def private_server(sqlite_samples_db: str, tmp_path: Path) -> Iterator[LiveServer]:
    """A server with a token on a private copy of the samples ledger, for tests that write."""
    with serve(_copy(sqlite_samples_db, tmp_path), TOKEN) as live:
        yield live


@pytest.fixture(scope="session")
def screenshot_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    chosen = os.environ.get("NEWSLEDGER_SCREENSHOTS")
    folder = Path(chosen) if chosen else tmp_path_factory.mktemp("screenshots")
    folder.mkdir(parents=True, exist_ok=True)
    return folder


@pytest.fixture()
def screenshot(screenshot_dir: Path) -> Callable[[Any, str], Path]:
    """``screenshot(page, "timeline")`` saves what the window shows as ``timeline.png``."""

    def take(page: Any, name: str) -> Path:
        path = screenshot_dir / f"{name}.png"
        page.screenshot(path=str(path))
        return path

    return take


@pytest.fixture()
def sign_in() -> Callable[[Any, LiveServer], None]:
    """``sign_in(page, server)``: sign in through the form with the token, as a user would."""

    def go(page: Any, live: LiveServer, token: str = TOKEN) -> None:
        page.goto(live("/login"))
        page.fill("input[name=token]", token)
        page.click("form.login button[type=submit]")
        page.wait_for_load_state()

    return go
