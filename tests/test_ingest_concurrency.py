"""Two writers and a polling reader on one database: nothing is lost, nothing crashes.

Two ``newsledger ingest`` processes take overlapping halves of a small corpus (so both
try to store, and to merge, the same documents) while a third process runs
``newsledger timeline`` in a loop until they are done. Each must exit cleanly, every
document must be stored once and merged, and the ledger must equal a clean run's.
SQLite always; PostgreSQL when NEWSLEDGER_TEST_PG is set.
"""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import create_engine, text

from tests.postgres import PG_URL, empty_postgres
import newsledger
from newsledger.store.repository import engine_url

ROOT = Path(__file__).resolve().parent.parent
ARTICLES = ("03_2025-02-27_first-transfer.txt", "05_2025-08-12_second-transfer.txt",
            "08_2026-01-20_third-transfer.txt", "09_2025-08-12_segundo-traslado-es.txt")
SRC = str(Path(newsledger.__file__).resolve().parents[1])

_READER = r"""
import sys, time
from pathlib import Path
from newsledger.cli import app
db, stop = sys.argv[1], Path(sys.argv[2])
polls = 0
deadline = time.monotonic() + 240
while not stop.exists() and time.monotonic() < deadline:
    try:
        app(["--db", db, "timeline"], standalone_mode=False)
    except SystemExit as done:
        if done.code not in (0, None):
            sys.exit(f"timeline exited {done.code}")
    polls += 1
print("polls", polls, file=sys.stderr)
"""


def _run(args: list[str]) -> subprocess.Popen[str]:
    env = {**os.environ, "PYTHONPATH": SRC}
    return subprocess.Popen([sys.executable, *args], env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True)


def _export(db: str) -> Any:
    """The ledger export, with each source reduced to its file name (the writers read
    the same files from different folders)."""
    from newsledger.ledger import service
    from newsledger.store import Store

    def names(value: Any) -> Any:
        if isinstance(value, dict):
            return {k: Path(v).name if k == "source" and isinstance(v, str) else names(v) for k, v in value.items()}
        if isinstance(value, list):
            return [names(v) for v in value]
        return value

    with Store(db) as store:
        return names(json.loads(json.dumps(service.export(store), default=str, sort_keys=True)))


@pytest.fixture(scope="module")
def halves(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, Path]:
    base = tmp_path_factory.mktemp("concurrency")
    every, first, second = base / "all", base / "first", base / "second"
    for folder, names in ((every, ARTICLES), (first, ARTICLES[:3]), (second, ARTICLES[1:])):
        folder.mkdir()
        for name in names:
            shutil.copy(ROOT / "samples" / name, folder / name)
    return every, first, second


def _writers_and_a_reader(db: str, halves: tuple[Path, Path, Path], tmp_path: Path, cli: Any) -> None:
    every, first, second = halves
    clean_db = f"sqlite:///{tmp_path / 'clean.db'}"
    assert cli("ingest", every, db=clean_db).exit_code == 0
    stop = tmp_path / "stop"
    if db.startswith("sqlite"):
        from newsledger.store import Store
        Store(db).close()  # the reader polls an existing (empty) database from the start
    reader = _run(["-c", _READER, db, str(stop)])
    writers = [_run(["-m", "newsledger.cli", "--db", db, "ingest", str(folder)]) for folder in (first, second)]
    outputs = [writer.communicate(timeout=400) for writer in writers]
    stop.touch()
    _, reader_err = reader.communicate(timeout=400)
    for writer, (out, err) in zip(writers, outputs):
        assert writer.returncode == 0, err
        assert "Traceback" not in err, err
    assert reader.returncode == 0, reader_err
    assert "Traceback" not in reader_err, reader_err
    engine = create_engine(engine_url(db))
    with engine.connect() as connection:
        documents = connection.execute(text("SELECT id FROM documents")).scalars().all()
        merged = connection.execute(text("SELECT document_id FROM ledger_documents")).scalars().all()
        failures = connection.execute(text("SELECT reason FROM failures")).scalars().all()
    engine.dispose()
    assert len(documents) == len(ARTICLES) == len(set(documents))
    assert sorted(merged) == sorted(documents)
    assert failures == []
    assert _export(db) == _export(clean_db)


def test_two_writers_and_a_reader_on_sqlite(halves: tuple[Path, Path, Path], tmp_path: Path, cli: Any) -> None:
    _writers_and_a_reader(f"sqlite:///{tmp_path / 'shared.db'}", halves, tmp_path, cli)


@pytest.mark.skipif(not PG_URL, reason="set NEWSLEDGER_TEST_PG to a scratch PostgreSQL URL")
def test_two_writers_and_a_reader_on_postgres(halves: tuple[Path, Path, Path], tmp_path: Path, cli: Any) -> None:
    assert PG_URL
    empty_postgres(PG_URL)
    from newsledger.store import Store
    Store(PG_URL).close()
    _writers_and_a_reader(PG_URL, halves, tmp_path, cli)
