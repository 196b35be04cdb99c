"""Extraction on a Dask cluster (``newsledger.parallel``, ``ingest --workers/--scheduler``).

One two-worker ``LocalCluster`` on 127.0.0.1 serves the module (starting one costs
seconds); the library and ``--scheduler`` use it as a running cluster. One subprocess
test starts ``ingest --workers 2`` itself and interrupts it, as Ctrl-C would. The tests
that store run on each back end (``db_url``): the writer is the same code on both.
"""
from __future__ import annotations

import json
import os
import pickle
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from newsledger import ingestion
from newsledger.errors import ExtractionError, InputError, ModelNotAvailable
from newsledger.model import content_hash
from newsledger.read import Reader
from newsledger.store import Store

distributed = pytest.importorskip("distributed")

from newsledger import parallel  # noqa: E402  (after the import check)

ROOT = Path(__file__).resolve().parent.parent
MARKER = "EXPLODE-ON-PURPOSE"  # a document holding it fails extraction, on the workers and here

ARTICLES = {
    "transfer-en.txt": ("2025-08-14", "en",
                        "MEXICO CITY — Mexico sent 26 detained members of criminal groups to the United States on "
                        "Tuesday, Security Minister Omar García Harfuch said. It was the third transfer of its kind."),
    "arrest-en.txt": ("2025-03-10", "en",
                      "Soldiers arrested five suspects in Culiacán, Sinaloa, on Sunday and seized 300 kilograms "
                      "of methamphetamine, the security ministry said."),
    "charge-en.txt": ("2025-05-02", "en",
                      "On April 29, prosecutors charged Luis Herrera Ortega with drug trafficking in a federal "
                      "court in Texas, the Justice Department said."),
    "traslado-es.txt": ("2025-08-13", "es",
                        "CIUDAD DE MÉXICO.— México envió este martes a 26 integrantes de grupos criminales a "
                        "Estados Unidos, informó el secretario de Seguridad, Omar García Harfuch."),
    "detenidos-es.txt": ("2025-06-20", "es",
                         "Elementos del Ejército detuvieron a siete personas en Reynosa, Tamaulipas, y aseguraron "
                         "120 kilos de cocaína, según la Secretaría de Seguridad."),
}
RECORDS = [
    {"text": "Marines arrested three men in Acapulco, Guerrero, on Friday and seized 40 kilograms of "
             "cocaine, the navy said.", "published": "2025-02-08", "language": "en"},
    {"text": "La Marina detuvo a dos personas en Morelia, Michoacán, el jueves, informó la fiscalía.",
     "published": "2025-04-11", "language": "es"},
    {"text": "Police in Hermosillo, Sonora, arrested a suspected cartel accountant on Wednesday.",
     "published": "2025-07-17", "language": "en"},
]


def _article(published: str, language: str, text: str) -> str:
    return f"---\npublished: {published}\nlanguage: {language}\n---\n{text}\n"


def _corpus(folder: Path, failing: bool = True) -> Path:
    folder.mkdir(parents=True)
    for name, (published, language, text) in ARTICLES.items():
        (folder / name).write_text(_article(published, language, text), encoding="utf-8")
    (folder / "feed.jsonl").write_text("".join(json.dumps(r) + "\n" for r in RECORDS), encoding="utf-8")
    (folder / "broken.jsonl").write_text("{not json\n", encoding="utf-8")  # a reading failure
    if failing:
        (folder / "explode.txt").write_text(_article("2025-01-05", "en", f"Troops arrested {MARKER} two men."),
                                            encoding="utf-8")
    return folder


def _arm_failure() -> None:
    """Makes the marked document fail inside extraction (run here and on each worker)."""
    from newsledger import extract

    real = getattr(extract.to_extraction, "real", extract.to_extraction)

    def explode(doc: Any, raw: Any, language: str) -> Any:
        if MARKER in raw.text:
            raise ValueError("a planted pipeline error")
        return real(doc, raw, language)

    explode.real = real  # type: ignore[attr-defined]
    extract.to_extraction = explode


@pytest.fixture(scope="module")
def scheduler() -> Iterator[str]:
    """The address of a running two-worker cluster on 127.0.0.1, armed with the planted failure."""
    from distributed import Client, LocalCluster

    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1",
                      dashboard_address=None, scheduler_kwargs=parallel.LOCAL_SCHEDULER,
                      memory_limit="2GiB", silence_logs=50) as cluster:
        with Client(cluster, set_as_default=False) as client:
            client.run(_arm_failure)
        yield cluster.scheduler_address


@pytest.fixture
def armed(monkeypatch: pytest.MonkeyPatch) -> None:
    """The planted failure in this process too, for the in-process ingest."""
    from newsledger import extract

    monkeypatch.setattr(extract, "to_extraction", extract.to_extraction)  # restored afterwards
    _arm_failure()


def _ledger(url: str) -> dict[str, Any]:
    """What a reader sees: documents with their extractions, failures, and the ledger."""
    with Store(url, read_only=True) as store:
        documents = {info.id: store.extraction(info.id).to_json() for info in store.documents()}
        failures = sorted((f.source, f.line, f.reason) for f in store.failures())
        ledger = Reader(store).export()
    return {"documents": documents, "failures": failures, "ledger": ledger}


def test_a_cluster_stores_what_in_process_ingest_stores(scheduler: str, armed: None, tmp_path: Path,
                                                        db_url: str) -> None:
    """The cluster's writer on each back end stores what in-process ingest stores in SQLite."""
    folder = _corpus(tmp_path / "in")
    here, there = f"sqlite:///{tmp_path / 'here.db'}", db_url
    with Store(here) as store:
        expected = ingestion.ingest_paths(store, [folder])
    with Store(there) as store, parallel.Cluster(scheduler=scheduler) as cluster:
        result = ingestion.ingest_paths(store, [folder], cluster=cluster)
    assert result.summary() == expected.summary()
    assert sorted(result.stored) == sorted(expected.stored) and len(result.stored) == 8
    assert result.events == expected.events > 0
    assert [f.where for f in result.failures] == [f.where for f in expected.failures]
    assert _ledger(there) == _ledger(here)


def test_a_failing_document_is_recorded_and_the_others_stored(scheduler: str, tmp_path: Path, db_url: str) -> None:
    folder = _corpus(tmp_path / "in")
    url = db_url
    with Store(url) as store, parallel.Cluster(scheduler=scheduler) as cluster:
        result = ingestion.ingest_paths(store, [folder], cluster=cluster)
        assert result.summary().startswith("stored 8, duplicates 0, failed 2")
        failures = {f.source: f.reason for f in store.failures()}
        assert "planted pipeline error" in failures[str(folder / "explode.txt")]
        assert "ValueError" in failures[str(folder / "explode.txt")]
        assert str(folder / "broken.jsonl") in failures
        assert store.count_documents() == 8

        again = ingestion.ingest_paths(store, [folder], cluster=cluster)  # the rerun stores nothing twice
        assert again.summary().startswith("stored 0, duplicates 8, failed 2")
        assert store.count_documents() == 8


def test_the_workers_read_the_files_themselves(scheduler: str, tmp_path: Path, db_url: str) -> None:
    """A task holds a path and positions, never a text; a file changed meanwhile is a
    failure of its documents, not a wrong extraction."""
    folder = _corpus(tmp_path / "in", failing=False)
    items = list(ingestion.collect([folder]))
    documents = [item for item in items if not isinstance(item, InputError)]
    feed = [raw for raw in documents if raw.source.endswith("feed.jsonl")]
    [(part, raws)] = list(parallel._parts(feed, parallel._places(items)))
    assert [place.position for place in part] == [0, 1, 2]
    assert {place.path for place in part} == {str((folder / "feed.jsonl").resolve())}
    assert all(raw.text not in repr(part) for raw in raws)

    (folder / "feed.jsonl").write_text(json.dumps(RECORDS[1]) + "\n", encoding="utf-8")
    url = db_url
    with Store(url) as store, parallel.Cluster(scheduler=scheduler) as cluster:
        result = ingestion.ingest(store, items, extract=cluster.extractor(items))
    changed = {f.line: f.reason for f in result.failures if f.source.endswith("feed.jsonl")}
    assert set(changed) == {1, 2, 3} and all("file changed" in reason for reason in changed.values())
    assert len(result.stored) == len(ARTICLES)


def test_ingest_scheduler_uses_a_running_cluster(scheduler: str, cli: Any, tmp_path: Path, db_url: str) -> None:
    folder = _corpus(tmp_path / "in", failing=False)
    (folder / "broken.jsonl").unlink()
    url = db_url
    result = cli("ingest", folder, "--scheduler", scheduler, db=url)
    assert result.exit_code == 0, result.stderr
    assert f"extracting on the Dask cluster at {scheduler}" in result.stderr
    assert result.stdout.startswith("stored 8, duplicates 0, failed 0, events ")
    again = cli("ingest", folder, "--scheduler", scheduler, db=url)
    assert again.stdout.startswith("stored 0, duplicates 8, failed 0, events 0")


def test_cluster_options_are_checked_before_anything_starts(cli: Any, tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'x.db'}"
    both = cli("ingest", tmp_path, "--workers", "2", "--scheduler", "tcp://127.0.0.1:1", db=url)
    assert both.exit_code == 1 and "--scheduler: cannot be combined with --workers" in both.stderr
    size = cli("ingest", tmp_path, "--workers", "2", "--memory-limit", "lots", db=url)
    assert size.exit_code == 1 and "--memory-limit: 'lots' is not a size" in size.stderr
    alone = cli("ingest", tmp_path, "--memory-limit", "1GiB", db=url)
    assert alone.exit_code == 1 and "applies to the workers --workers starts" in alone.stderr
    assert parallel.parse_memory_limit("1.5GiB") == 1610612736


def test_an_unreachable_scheduler_is_one_error(cli: Any, tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(_article(*ARTICLES["arrest-en.txt"]), encoding="utf-8")
    result = cli("ingest", tmp_path / "a.txt", "--scheduler", "tcp://127.0.0.1:9", db=f"sqlite:///{tmp_path / 'x.db'}")
    assert result.exit_code == 1 and "Traceback" not in result.stderr
    assert "\nerror: cannot reach the Dask scheduler at tcp://127.0.0.1:9: " in result.stderr


class _Done:
    """A finished future whose result is an exception."""

    def __init__(self, error: BaseException) -> None:
        self.error = error

    def result(self) -> Any:
        raise self.error


def test_a_part_lost_on_the_cluster_fails_its_documents_only() -> None:
    from distributed.scheduler import KilledWorker

    part = (parallel.Place("/x/feed.jsonl", "feed.jsonl", 0, "a", 1), parallel.Place("/x/feed.jsonl", "feed.jsonl", 1, "b", 2))
    died = parallel._outcomes(_Done(KilledWorker("t", "w", 3)), part)
    assert [(e.source, e.line) for e in died] == [("feed.jsonl", 1), ("feed.jsonl", 2)]
    assert all(isinstance(e, ExtractionError) and "memory limit" in e.reason for e in died)
    with pytest.raises(ModelNotAvailable):
        parallel._outcomes(_Done(ModelNotAvailable("no model")), part)


def test_errors_cross_process_boundaries_whole() -> None:
    for error in (ExtractionError("a.txt", "went wrong", 3), InputError("b.txt", "bad", 2, "fix it")):
        copy = pickle.loads(pickle.dumps(error))
        assert type(copy) is type(error) and str(copy) == str(error) and copy.line == error.line


COUNT = 40


def _stored(path: Path) -> int:
    try:
        with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as connection:
            return connection.execute("SELECT count(*) FROM documents").fetchone()[0]
    except sqlite3.Error:
        return 0


def test_ctrl_c_stops_workers_cleanly_and_the_rerun_resumes(scheduler: str, tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    articles = list(ARTICLES.values())
    for n in range(COUNT):  # long enough that the batch is still running when interrupted
        published, language, _ = articles[n % len(articles)]
        text = " ".join(body for _, lang, body in articles for _ in range(2) if lang == language)
        (folder / f"a{n:02}.txt").write_text(_article(published, language, f"{text} Report {n}."), encoding="utf-8")
    path = tmp_path / "x.db"
    # SIGINT as a terminal sends it: to the whole process group; the default handler
    # is set explicitly, since a background job of a shell may have inherited SIG_IGN.
    program = ("import signal, sys\nif __name__ == '__main__':\n"
               "    signal.signal(signal.SIGINT, signal.default_int_handler)\n"
               "    from newsledger.cli import main\n    sys.argv[0] = 'newsledger'\n    main()\n")
    script = tmp_path / "run.py"
    script.write_text(program, encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    process = subprocess.Popen([sys.executable, str(script), "--db", f"sqlite:///{path}", "ingest", str(folder),
                                "--workers", "2"], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                               env=env, start_new_session=True)
    try:
        deadline = time.monotonic() + 240
        while _stored(path) < 2 and process.poll() is None and time.monotonic() < deadline:
            time.sleep(0.2)
        assert process.poll() is None, "the ingest ended before it could be interrupted"
        os.killpg(process.pid, signal.SIGINT)
        out, err = process.communicate(timeout=60)
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()
    assert process.returncode == 130, err
    assert "interrupted: stored " in err and "run the same command again to resume" in err
    assert "Traceback" not in err
    before = _stored(path)
    assert 2 <= before < COUNT
    with Store(f"sqlite:///{path}") as store, parallel.Cluster(scheduler=scheduler) as cluster:
        result = ingestion.ingest_paths(store, [folder], cluster=cluster)
        assert len(result.stored) == COUNT - before and len(result.duplicates) == before
        assert store.count_documents() == COUNT
        assert {info.id for info in store.documents()} == {
            content_hash(raw.text) for raw in ingestion.collect([folder]) if not isinstance(raw, InputError)}
