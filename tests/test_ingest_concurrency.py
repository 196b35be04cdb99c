"""Three writers and a polling reader on one database: nothing is lost, nothing crashes.

Three ``newsledger ingest`` processes take overlapping thirds of a small corpus (each
document is in two or three of them, so they race to store, and to merge, the same
documents) while a fourth process runs ``newsledger timeline`` in a loop until they are
done. Each must exit cleanly, every document must be stored once, with its events once,
and merged, and the ledger must equal a clean serial run's. SQLite always; PostgreSQL
when NEWSLEDGER_TEST_PG is set (``db_url``).
"""
from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import create_engine, text

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


# Which articles each writer ingests: every article is in at least two of the thirds.
THIRDS = ((0, 1, 2), (1, 2, 3), (0, 2, 3))


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[Path]]:
    """The whole corpus in one folder, and the thirds in a folder each."""
    base = tmp_path_factory.mktemp("concurrency")
    every = base / "all"
    thirds = [base / f"third{n}" for n in range(len(THIRDS))]
    for folder, names in ((every, ARTICLES), *((t, [ARTICLES[i] for i in THIRDS[n]]) for n, t in enumerate(thirds))):
        folder.mkdir()
        for name in names:
            shutil.copy(ROOT / "samples" / name, folder / name)
    return every, thirds


@pytest.fixture(scope="module")
def clean_db(corpus: tuple[Path, list[Path]], tmp_path_factory: pytest.TempPathFactory, cli: Any) -> str:
    """The corpus ingested by one process, serially: the ledger the writers must reach."""
    url = f"sqlite:///{tmp_path_factory.mktemp('clean') / 'clean.db'}"
    assert cli("ingest", corpus[0], db=url).exit_code == 0
    return url


def test_three_writers_and_a_reader(db_url: str, corpus: tuple[Path, list[Path]], clean_db: str,
                                    tmp_path: Path) -> None:
    from newsledger.store import Store

    db = db_url
    stop = tmp_path / "stop"
    Store(db).close()  # the reader polls an existing (empty) database from the start
    reader = _run(["-c", _READER, db, str(stop)])
    writers = [_run(["-m", "newsledger.cli", "--db", db, "ingest", str(folder)]) for folder in corpus[1]]
    outputs = [writer.communicate(timeout=400) for writer in writers]
    stop.touch()
    _, reader_err = reader.communicate(timeout=400)
    counts = []
    for writer, (out, err) in zip(writers, outputs):
        assert writer.returncode == 0, err
        assert "Traceback" not in err, err
        summary = re.match(r"stored (\d+), duplicates (\d+), failed 0", out.strip().splitlines()[-1])
        assert summary, out
        counts.append((int(summary[1]), int(summary[2])))
    # Each document stored by exactly one writer; the others found it there.
    assert sum(stored for stored, _ in counts) == len(ARTICLES)
    assert sum(duplicates for _, duplicates in counts) == sum(map(len, THIRDS)) - len(ARTICLES)
    assert reader.returncode == 0, reader_err
    assert "Traceback" not in reader_err, reader_err
    engine = create_engine(engine_url(db))
    with engine.connect() as connection:
        documents = connection.execute(text("SELECT id FROM documents")).scalars().all()
        events = connection.execute(text("SELECT count(*) FROM events")).scalar()
        merged = connection.execute(text("SELECT document_id FROM ledger_documents")).scalars().all()
        failures = connection.execute(text("SELECT reason FROM failures")).scalars().all()
    engine.dispose()
    assert len(documents) == len(ARTICLES) == len(set(documents))
    with Store(clean_db) as clean:
        assert events == len(clean.events())
    assert sorted(merged) == sorted(documents)
    assert failures == []
    assert _export(db) == _export(clean_db)

