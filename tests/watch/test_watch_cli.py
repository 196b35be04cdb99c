"""``newsledger watch`` from the command line: one line per poll, a summary at the end,
and a clean exit on SIGTERM and SIGINT."""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from feed_server import ARTICLES, serve_feed

import newsledger
from newsledger.store import Store

SRC = str(Path(newsledger.__file__).resolve().parents[1])


def test_watch_polls_a_feed_and_a_folder(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    (inbox / "note.txt").write_text(ARTICLES[2]["text"], encoding="utf-8")
    past = time.time() - 60
    os.utime(inbox / "note.txt", (past, past))
    url = f"sqlite:///{tmp_path / 'cli.db'}"
    with serve_feed() as feed:
        feed.items = ARTICLES[:2]
        result = cli("watch", feed.url, str(inbox), "--interval", "0.2", "--max-polls", "2", db=url)
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0] == "watching 2 source(s) every 0.2 s; Ctrl-C stops"
    assert lines[1].endswith(f"{feed.url}: new 2, duplicate 0, failed 0")
    assert lines[2].endswith(f"{inbox}: new 1, duplicate 0, failed 0")
    assert lines[3].endswith(f"{feed.url}: new 0, duplicate 0, failed 0 (not modified)")
    assert lines[4].endswith(f"{inbox}: new 0, duplicate 0, failed 0")
    assert lines[-1] == "watch stopped after 4 poll(s) of 2 source(s): new 3, duplicate 0, failed 0, errors 0"
    with Store(url) as store:
        assert len(store.documents()) == 3


def test_watch_refuses_an_unknown_source(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    result = cli("watch", str(tmp_path / "missing"), db=f"sqlite:///{tmp_path / 'x.db'}")
    assert result.exit_code == 1
    assert "no such file or folder, and not an http(s) URL" in result.stderr


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGINT])
def test_a_signal_stops_watch_cleanly_with_a_summary(tmp_path: Path, signum: int) -> None:
    env = {**os.environ, "PYTHONPATH": SRC}
    with serve_feed() as feed:
        feed.items = ARTICLES[:1]
        process = subprocess.Popen(
            [sys.executable, "-m", "newsledger.cli", "--db", f"sqlite:///{tmp_path / 's.db'}", "watch", feed.url,
             "--interval", "0.5"], env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        with process:
            lines, stderr = _signal_once_idle(process, signum)
    assert any(line.endswith(f"{feed.url}: new 1, duplicate 0, failed 0") for line in lines)
    assert lines[-1].startswith("watch stopped after ") and "new 1, duplicate 0, failed 0, errors 0" in lines[-1]
    assert f"{signal.Signals(signum).name}: stopping" in stderr
    assert "Traceback" not in stderr


def _signal_once_idle(process: subprocess.Popen[str], signum: int) -> tuple[list[str], str]:
    """Reads the output until a poll finds nothing new, then sends ``signum`` and waits for
    the exit (status 0); the stdout lines and stderr."""
    lines: list[str] = []
    idle = threading.Event()

    def read() -> None:
        assert process.stdout is not None
        for line in process.stdout:
            lines.append(line.rstrip("\n"))
            if "not modified" in line:
                idle.set()

    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    try:
        assert idle.wait(120), lines
        process.send_signal(signum)
        assert process.wait(60) == 0
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
    reader.join(10)
    assert process.stderr is not None
    return lines, process.stderr.read()


def test_a_second_signal_interrupts_a_poll_at_once(tmp_path: Path) -> None:
    env = {**os.environ, "PYTHONPATH": SRC}
    with serve_feed() as feed:
        feed.items = ARTICLES[:1]
        process = subprocess.Popen(
            [sys.executable, "-m", "newsledger.cli", "--db", f"sqlite:///{tmp_path / 's.db'}", "watch", feed.url,
             "--interval", "0.5"], env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        with process:
            assert process.stdout is not None and process.stderr is not None
            first = process.stdout.readline() + process.stdout.readline()
            assert "new 1, duplicate 0, failed 0" in first, first
            feed.delay = 60  # the next poll hangs on a slow server
            asked = len(feed.requests)
            deadline = time.monotonic() + 30
            while len(feed.requests) == asked and time.monotonic() < deadline:
                time.sleep(0.05)
            process.send_signal(signal.SIGTERM)
            time.sleep(0.3)
            process.send_signal(signal.SIGTERM)
            try:
                assert process.wait(30) == 130
            finally:
                if process.poll() is None:
                    process.kill()
            rest, stderr = process.stdout.read(), process.stderr.read()
    assert rest.splitlines()[-1] == ("watch stopped after 1 poll(s) of 1 source(s): new 1, duplicate 0, failed 0, "
                                     "errors 0")
    assert "interrupted during a poll" in stderr and "Traceback" not in stderr
