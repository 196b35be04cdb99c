"""A new database survives a kill during its creation and concurrent first use.

Each case runs in a subprocess, because a kill (SIGKILL, nothing cleaned up) and two
processes racing on one file are the situations being tested. The kill is placed
deterministically: the child kills itself right after the Nth schema statement, which
is the "first 0.2 s of the first command" a user's Ctrl-\\ or OOM kill would hit.
"""
from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from tests.postgres import PG_URL, empty_postgres
from newsledger.store import Store
from newsledger.store.migrate import current_revision, head_revision

import newsledger

# The children import the same newsledger as the test run (a worktree's or main's).
SRC = str(Path(newsledger.__file__).resolve().parents[1])

# Opens a Store at argv[1]; with argv[2] = N > 0 it SIGKILLs itself after N DDL statements.
_CHILD = """
import os, signal, sys
from sqlalchemy import event
from sqlalchemy.engine import Engine
limit = int(sys.argv[2])
seen = [0]
@event.listens_for(Engine, "after_cursor_execute")
def _count(conn, cursor, statement, *args):
    if statement.lstrip().upper().startswith(("CREATE", "ALTER", "DROP", "INSERT INTO ALEMBIC")):
        seen[0] += 1
        if seen[0] == limit:
            os.kill(os.getpid(), signal.SIGKILL)
from newsledger.store import Store
Store(sys.argv[1]).close()
print("opened")
"""


def _open_in_child(url: str, kill_after: int = 0) -> subprocess.Popen[str]:
    env = {**os.environ, "PYTHONPATH": SRC}
    return subprocess.Popen([sys.executable, "-c", _CHILD, url, str(kill_after)], env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


@pytest.mark.parametrize("kill_after", [1, 3, 8])
def test_a_kill_while_creating_the_schema_leaves_a_usable_database(tmp_path: Path, kill_after: int) -> None:
    url = f"sqlite:///{tmp_path / 'new.db'}"
    child = _open_in_child(url, kill_after)
    child.communicate(timeout=120)
    assert child.returncode == -signal.SIGKILL
    with Store(url) as store:  # before the fix: "table documents already exists", forever
        assert current_revision(store.engine) == head_revision()
        store.record_failure("a.txt", "empty file")
        with store.engine.connect() as connection:
            assert connection.exec_driver_sql("PRAGMA integrity_check").scalar() == "ok"


def test_three_processes_opening_one_new_database_all_succeed(tmp_path: Path) -> None:
    for attempt in range(3):
        url = f"sqlite:///{tmp_path / f'race{attempt}.db'}"
        children = [_open_in_child(url) for _ in range(3)]
        results = [child.communicate(timeout=120) for child in children]
        for child, (stdout, stderr) in zip(children, results):
            assert child.returncode == 0, stderr
            assert stdout.strip() == "opened"


@pytest.mark.skipif(not PG_URL, reason="set NEWSLEDGER_TEST_PG to a scratch PostgreSQL URL")
def test_postgres_kill_and_race_on_first_use() -> None:
    assert PG_URL
    empty_postgres(PG_URL)
    child = _open_in_child(PG_URL, 4)
    child.communicate(timeout=120)
    assert child.returncode == -signal.SIGKILL
    empty_postgres(PG_URL)
    children = [_open_in_child(PG_URL) for _ in range(3)]
    for child in children:
        _, stderr = child.communicate(timeout=120)
        assert child.returncode == 0, stderr
    with Store(PG_URL) as store:
        assert current_revision(store.engine) == head_revision()
