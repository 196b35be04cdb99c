"""``newsledger serve`` as a user starts it: a real uvicorn on 127.0.0.1, stopped by the test."""
from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def get(url: str, headers: dict[str, str] | None = None, data: bytes | None = None) -> tuple[int, dict]:
    request = urllib.request.Request(url, data=data, headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=5) as answer:
            return answer.status, json.loads(answer.read())
    except urllib.error.HTTPError as error:
        return error.code, json.loads(error.read())


def test_serve_binds_loopback_and_needs_the_token(db_copy: str) -> None:
    port = free_port()
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src"), "NEWSLEDGER_TOKEN": "t0ken"}
    command = [sys.executable, "-m", "newsledger.cli", "--db", db_copy, "serve", "--port", str(port)]
    server = subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        base = f"http://127.0.0.1:{port}/api/v1"
        deadline = time.monotonic() + 60
        while True:
            try:
                status, body = get(f"{base}/status")
                break
            except OSError:
                assert server.poll() is None, server.stderr.read() if server.stderr else ""
                assert time.monotonic() < deadline, "the server did not start"
                time.sleep(0.2)
        assert status == 200 and body["documents"] == 9
        merge = json.dumps({"a": "ev-x", "b": "ev-y"}).encode()
        headers = {"Content-Type": "application/json"}
        assert get(f"{base}/events/merge", headers, merge)[0] == 403
        assert get(f"{base}/events/merge", {**headers, "Authorization": "Bearer t0ken"}, merge)[0] == 404
    finally:
        server.terminate()
        try:
            _, errors = server.communicate(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()
            _, errors = server.communicate()
    assert f"http://127.0.0.1:{port}/" in errors and "changes need the token" in errors
