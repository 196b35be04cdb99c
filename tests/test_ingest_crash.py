"""Crash tests: ``newsledger ingest`` killed with SIGKILL at chosen and at random points,
then run again, loses nothing and stores nothing twice.

Each crash run is a subprocess that kills itself (SIGKILL: no cleanup, no finally) when a
hook on SQLAlchemy sees the chosen statement: in the schema creation of a new database,
within 0.2 s of its first connection, in the middle of a document's transaction, and
during the ledger update, plus statements drawn at random from a clean run's. The rerun
(in-process) must then leave: every document stored once, ``PRAGMA integrity_check``
``ok``, the ledger holding every document, and the same ledger export as a clean run.
Set NEWSLEDGER_CRASH_SEED to replay the random points of a failed run.
"""
from __future__ import annotations

import json
import os
import random
import shutil
import signal
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from click.testing import Result
from sqlalchemy import create_engine, text

from tests.postgres import PG_URL, empty_postgres
import newsledger
from newsledger.store.repository import engine_url

Invoke = Callable[..., Result]
ROOT = Path(__file__).resolve().parent.parent
ARTICLES = ("03_2025-02-27_first-transfer.txt", "05_2025-08-12_second-transfer.txt",
            "08_2026-01-20_third-transfer.txt", "09_2025-08-12_segundo-traslado-es.txt")
SRC = str(Path(newsledger.__file__).resolve().parents[1])
SEED = int(os.environ.get("NEWSLEDGER_CRASH_SEED") or random.SystemRandom().randrange(1 << 30))

# argv: MODE ARG N DB FOLDER. Modes: "sql" kills after the Nth statement containing ARG
# ("" = any statement); "connect" kills ARG seconds after the first connection; "count"
# kills nothing and prints how many statements ran.
_CHILD = r"""
import os, signal, sys, threading
from sqlalchemy import event
from sqlalchemy.engine import Engine
mode, arg, limit, db, folder = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4], sys.argv[5]
seen = [0]
def die():
    os.kill(os.getpid(), signal.SIGKILL)
@event.listens_for(Engine, "after_cursor_execute")
def _after(conn, cursor, statement, *args):
    if mode == "sql" and arg.upper() in statement.upper():
        seen[0] += 1
        if seen[0] == limit:
            die()
    elif mode == "count":
        seen[0] += 1
@event.listens_for(Engine, "connect")
def _connect(*args):
    if mode == "connect" and not seen[0]:
        seen[0] = 1
        threading.Timer(float(arg), die).start()
from newsledger.cli import app
try:
    app(["--db", db, "ingest", folder], standalone_mode=False)
finally:
    if mode == "count":
        print("statements", seen[0])
"""


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("crash") / "in"
    folder.mkdir()
    for name in ARTICLES:
        shutil.copy(ROOT / "samples" / name, folder / name)
    return folder


@pytest.fixture(scope="module")
def clean(corpus: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """A clean run's ledger export and statement count (the range of random kill points)."""
    db = f"sqlite:///{tmp_path_factory.mktemp('clean') / 'clean.db'}"
    counted = _child(["count", "", "0", db, str(corpus)])
    assert counted.returncode == 0, counted.stderr
    statements = int(counted.stdout.split("statements")[-1])
    return {"export": _export(db), "statements": statements}


def _child(argv: list[str]) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": SRC}
    return subprocess.run([sys.executable, "-c", _CHILD, *argv], env=env, capture_output=True, text=True,
                          timeout=300)


def _export(db: str) -> Any:
    from newsledger.ledger import service
    from newsledger.store import Store

    with Store(db) as store:
        return json.loads(json.dumps(service.export(store), default=str, sort_keys=True))


def _crash_then_rerun(cli: Invoke, corpus: Path, db: str, clean: dict[str, Any], mode: str, arg: str,
                      n: int) -> None:
    crashed = _child([mode, arg, str(n), db, str(corpus)])
    context = f"kill point {mode} {arg!r} #{n} (NEWSLEDGER_CRASH_SEED={SEED})"
    assert crashed.returncode == -signal.SIGKILL, f"{context}: the child was not killed: {crashed.stderr[-2000:]}"
    rerun = cli("ingest", corpus, db=db)
    assert rerun.exit_code == 0, f"{context}: {rerun.stderr}"
    engine = create_engine(engine_url(db))
    with engine.connect() as connection:
        if engine.dialect.name == "sqlite":
            assert connection.exec_driver_sql("PRAGMA integrity_check").scalar() == "ok", context
        documents = connection.execute(text("SELECT id FROM documents")).scalars().all()
        merged = connection.execute(text("SELECT document_id FROM ledger_documents")).scalars().all()
        failures = connection.execute(text("SELECT count(*) FROM failures")).scalar()
    engine.dispose()
    assert len(documents) == len(ARTICLES) == len(set(documents)), context
    assert sorted(merged) == sorted(documents), f"{context}: the ledger misses documents after the rerun"
    assert failures == 0, context
    assert _export(db) == clean["export"], f"{context}: the ledger differs from a clean run's"


@pytest.mark.parametrize(("mode", "arg", "n"), [
    ("sql", "CREATE TABLE", 4),            # schema creation of the new database
    ("connect", "0.05", 0),                # within the first 0.2 s of the new database
    # Inside a batch's transaction, after its documents, entities and events: a batch's
    # rows of a table go in one statement (``store.writing``), so it is the first.
    ("sql", "INSERT INTO event_roles", 1),
    ("sql", "INSERT INTO ledger_reports", 1),  # during the ledger update
], ids=["schema", "first-0.2s", "document", "ledger"])
def test_kill_at_a_chosen_point_then_rerun(cli: Invoke, corpus: Path, tmp_path: Path, clean: dict[str, Any],
                                          mode: str, arg: str, n: int) -> None:
    _crash_then_rerun(cli, corpus, f"sqlite:///{tmp_path / 'crash.db'}", clean, mode, arg, n)


@pytest.mark.parametrize("draw", range(2))
def test_kill_at_a_random_point_then_rerun(cli: Invoke, corpus: Path, tmp_path: Path, clean: dict[str, Any],
                                          draw: int) -> None:
    chooser = random.Random(SEED + draw)
    db = f"sqlite:///{tmp_path / 'crash.db'}"
    if draw == 0:
        _crash_then_rerun(cli, corpus, db, clean, "connect", f"{chooser.uniform(0, 0.2):.3f}", 0)
    else:
        _crash_then_rerun(cli, corpus, db, clean, "sql", "", chooser.randrange(1, clean["statements"]))


@pytest.mark.skipif(not PG_URL, reason="set NEWSLEDGER_TEST_PG to a scratch PostgreSQL URL")
@pytest.mark.parametrize(("mode", "arg", "n"), [
    # As on SQLite, a batch's rows of a table go in one statement: the first is inside it.
    ("sql", "CREATE TABLE", 4), ("sql", "INSERT INTO event_roles", 1), ("sql", "INSERT INTO ledger_reports", 1),
], ids=["schema", "document", "ledger"])
def test_postgres_kill_then_rerun(cli: Invoke, corpus: Path, clean: dict[str, Any], mode: str, arg: str,
                                  n: int) -> None:
    assert PG_URL
    empty_postgres(PG_URL)
    _crash_then_rerun(cli, corpus, PG_URL, clean, mode, arg, n)
