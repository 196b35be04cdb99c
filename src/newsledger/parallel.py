"""Extraction on a Dask cluster: the workers read and extract, this process stores.

``newsledger ingest --workers N`` (a ``LocalCluster`` of N processes) and
``--scheduler tcp://HOST:PORT`` (a running cluster) come here. The shape is chosen so
that the cluster scales the one expensive step, the model, and nothing else changes:

* **Tasks say where documents are, not what they say.** A ``Part`` is up to
  ``ingestion.BATCH`` places: a file path and a document's position among those reading
  the file yields (with the reader options); the worker reads the files itself (a JSON
  Lines file or a feed of many documents is read once per worker and kept while its
  parts are extracted) and checks each text against the hash this process expects. Neither
  texts nor models travel in the task graph; only extractions come back.
* **spaCy loads once per worker process.** ``pipeline.nlp_for`` keeps the pipeline per
  process, and the ``Models`` worker plugin loads the batch's languages when a worker
  starts or joins, before its first task.
* **One writer.** Results come back to this process, which stores them as parts finish
  (``as_completed``) through ``ingestion.ingest``: deduplication by content hash (so a
  rerun resumes), failure records, progress and the ledger update are the in-process
  ones. A part extracts its documents with ``extract.extract_each``, so one failing
  document is that document's recorded failure; a part whose worker died (over its
  memory limit, say) fails its own documents, with the reason, not the batch.
* **Ctrl-C** cancels the parts not yet done; what was stored stays stored and merged,
  and the same command resumes. Local workers ignore SIGINT (the terminal sends it to
  the whole process group) so that they are shut down in order by this process.
"""
from __future__ import annotations

import functools
import logging
import os
import signal
import threading
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from distributed import Client, LocalCluster, as_completed
from distributed.diagnostics.plugin import WorkerPlugin
from distributed.scheduler import KilledWorker
from distributed.system import MEMORY_LIMIT

from newsledger.errors import ClusterError, ExtractionError, InputError, ModelNotAvailable, NewsledgerError
from newsledger.ingestion import BATCH, Extractor, Item, Options, Outcome
from newsledger.model import RawDocument, content_hash

# Memory limit of a local worker unless told: the models of both languages and a long
# text's parse fit well within it (a worker peaks near 500 MB on news articles).
DEFAULT_MEMORY_LIMIT = 2 * 1024**3
# The local scheduler's HTTP server (which it starts even without a dashboard) on a free
# port of 127.0.0.1, not on 8787 of every interface, where another cluster may already be.
LOCAL_SCHEDULER = {"dashboard": False, "dashboard_address": "127.0.0.1:0"}
# How long to wait for a scheduler given with --scheduler.
CONNECT_TIMEOUT_S = 10


@dataclass(frozen=True)
class Place:
    """Where a worker finds a document again, and what it must find there.

    ``path`` is absolute (a worker's working folder may differ); ``source`` is the name
    this process gave the file, which errors and extractions carry; ``position`` indexes
    the documents reading the file yields; ``id`` is the content hash expected there.
    """

    path: str
    source: str
    position: int
    id: str
    line: int | None
    metadata: tuple[object, ...] = ()  # published, language, title, url, outlet


# One task: up to ``BATCH`` consecutive documents (of one file or several small ones),
# extracted together in one model batch.
Part = tuple[Place, ...]


class Models(WorkerPlugin):
    """Loads the spaCy pipelines of the batch's languages once, as a worker starts."""

    name = "newsledger-models"

    def __init__(self, languages: Iterable[str]) -> None:
        self.languages = tuple(sorted(set(languages)))

    def setup(self, worker: Any) -> None:
        from newsledger.pipeline import nlp_for

        for language in self.languages:
            try:
                nlp_for(language)
            except NewsledgerError:
                # A missing model is reported by the first task that needs it, as the
                # ingest's one error (ModelNotAvailable), not as a plugin failure.
                return


def default_memory_limit(workers: int) -> int:
    """``DEFAULT_MEMORY_LIMIT``, or a fair share of this machine's memory if that is less."""
    return min(DEFAULT_MEMORY_LIMIT, int(MEMORY_LIMIT * 0.9) // max(workers, 1))


def parse_memory_limit(value: str) -> int:
    """``2GiB``, ``1500MB``, ``800000000`` in bytes; an ``InputError`` names the option."""
    from dask.utils import parse_bytes

    try:
        size = int(parse_bytes(value))
    except (ValueError, TypeError):
        size = 0
    if size <= 0:
        raise InputError("--memory-limit", f"{value!r} is not a size", hint="write e.g. 2GiB or 1500MB")
    return size


class Cluster:
    """A Dask client on a ``LocalCluster`` of its own or on a running scheduler.

    ``Cluster(workers=2)`` starts two worker processes of one thread each, with
    ``memory_limit`` bytes each (``default_memory_limit``); ``Cluster(scheduler=
    "tcp://host:8786")`` connects to a running cluster, whose workers must have
    newsledger and its models installed and see the same file paths. Either happens
    when there is first something to extract (a rerun that finds every document stored
    starts nothing). Use it as a context manager: leaving it closes the client and any
    cluster it started. A script that starts local workers needs the usual
    ``if __name__ == "__main__":`` guard, since they are spawned processes.
    """

    def __init__(self, workers: int | None = None, scheduler: str | None = None,
                 memory_limit: int | None = None) -> None:
        if (workers is None) == (scheduler is None):
            raise ClusterError("give either a number of workers or a scheduler address, not both")
        if workers is not None and workers < 1:
            raise ClusterError(f"--workers must be at least 1, not {workers}")
        self.workers = workers
        self.scheduler = scheduler
        self.memory_limit = memory_limit or default_memory_limit(workers or 1)
        if scheduler is not None:
            self.description = f"extracting on the Dask cluster at {scheduler}"
        else:
            self.description = (f"extracting on {workers} local worker process(es), one thread and "
                                f"{self.memory_limit / 1024**3:.1f} GiB of memory each")
        self._client: Client | None = None
        self._local: LocalCluster | None = None

    @property
    def client(self) -> Client:
        """The Dask client, connected (and the local cluster started) on first use."""
        if self._client is None:
            self._client = self._connect()
        return self._client

    def _connect(self) -> Client:
        if self.scheduler is not None:
            try:
                return Client(self.scheduler, timeout=CONNECT_TIMEOUT_S, set_as_default=False)
            except (OSError, TimeoutError, ValueError) as error:
                raise ClusterError(f"cannot reach the Dask scheduler at {self.scheduler}: {error} (start one with "
                                   "`dask scheduler` and `dask worker ADDRESS`, or use --workers N)") from error
        with _sigint_ignored():  # inherited by the worker processes spawned now
            self._local = LocalCluster(n_workers=self.workers, threads_per_worker=1, processes=True,
                                       memory_limit=self.memory_limit, host="127.0.0.1",
                                       dashboard_address=None, scheduler_kwargs=LOCAL_SCHEDULER,
                                       silence_logs=logging.CRITICAL)
        try:
            return Client(self._local, set_as_default=False)
        except BaseException:
            self._local.close()
            self._local = None
            raise

    def __enter__(self) -> Cluster:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        """Closes the client and, if this started it, the local cluster."""
        if self._client is not None:
            self._client.close()
            self._client = None
        if self._local is not None:
            self._local.close()
            self._local = None

    def extractor(self, items: Sequence[Item], options: Options = Options()) -> Extractor:
        """The ``extract`` step of ``ingestion.ingest`` for ``items`` as ``collect`` read
        them with ``options``: the workers read each document again where it was found."""
        places = _places(items)

        def extract(pending: list[RawDocument]) -> Iterator[list[tuple[RawDocument, Outcome]]]:
            return self._extract(pending, places, options)

        return extract

    def _extract(self, pending: list[RawDocument], places: dict[tuple[str, str], int],
                 options: Options) -> Iterator[list[tuple[RawDocument, Outcome]]]:
        if not pending:
            return
        self.client.register_plugin(Models(raw.language for raw in pending if raw.language))
        futures = {}
        for part, raws in _parts(pending, places):
            future = self.client.submit(extract_part, part, options, pure=False)
            futures[future] = (part, raws)
        try:
            for future in as_completed(list(futures), loop=self.client.loop):
                part, raws = futures.pop(future)
                yield list(zip(raws, _outcomes(future, part)))
        finally:
            if futures:  # interrupted: the parts not yet done are dropped
                self.client.cancel(list(futures))


def _outcomes(future: Any, part: Part) -> list[Outcome]:
    """The outcomes of a finished part; a part that failed as a whole fails each document."""
    try:
        return list(future.result())
    except ModelNotAvailable:
        raise
    except KilledWorker:
        reason = ("the worker extracting it died, more than once (over its memory limit? "
                  "raise --memory-limit, or ingest this file alone)")
    except Exception as error:  # noqa: BLE001 - a lost part costs its documents, not the batch
        reason = f"extraction failed on the cluster ({type(error).__name__}: {_first_line(error)})"
    return [ExtractionError(place.source, reason, place.line) for place in part]


def _first_line(error: BaseException) -> str:
    text = str(error).strip().splitlines()
    return text[0][:300] if text else "no message"


def _places(items: Sequence[Item]) -> dict[tuple[str, str], int]:
    """Each document's position among the documents of its file (by file and content
    hash, so that a copy of it with corrected metadata is found too), as reading the
    file again yields them: ``collect`` yields a file's documents in order."""
    places: dict[tuple[str, str], int] = {}
    counts: dict[str, int] = {}
    for item in items:
        if isinstance(item, RawDocument):
            places.setdefault((item.source, content_hash(item.text)), counts.get(item.source, 0))
            counts[item.source] = counts.get(item.source, 0) + 1
    return places


def _parts(pending: list[RawDocument], places: dict[tuple[str, str], int]) -> Iterator[tuple[Part, list[RawDocument]]]:
    """The documents to extract in parts of at most ``BATCH``, in order."""
    for raw in pending:
        if (raw.source, content_hash(raw.text)) not in places:
            raise ClusterError(f"{raw.source}: not among the documents the extractor was made for "
                               "(make it with Cluster.extractor(items) from the same items)")
    for start in range(0, len(pending), BATCH):
        chunk = pending[start:start + BATCH]
        yield tuple(Place(os.path.abspath(raw.source), raw.source, places[(raw.source, content_hash(raw.text))],
                          content_hash(raw.text), raw.line, _metadata(raw)) for raw in chunk), chunk


def _metadata(raw: RawDocument) -> tuple[object, ...]:
    """What the writer knows of a document besides its text (a correction fills it in
    from the stored document), for the worker to extract it exactly as here."""
    return (raw.published, raw.language, raw.title, raw.url, raw.outlet)


# ------------------------------------------------------------------ on the workers

def extract_part(part: Part, options: Options) -> list[Outcome]:
    """Runs on a worker: read the part's documents from their files and extract them.

    A document that is no longer what the writer read (the file changed meanwhile) is
    that document's failure; a missing model is raised, as in-process.
    """
    from newsledger.extract import extract_each

    found: list[RawDocument] = []
    outcomes: list[Outcome | None] = []
    for place in part:
        try:
            documents = _file_documents(place.path, options)
        except OSError as error:
            outcomes.append(ExtractionError(place.source, "cannot read the file on the worker: "
                                            f"{error.strerror or error}", place.line))
            continue
        raw = documents[place.position] if place.position < len(documents) else None
        if raw is None or content_hash(raw.text) != place.id:
            outcomes.append(ExtractionError(place.source, "the file changed while it was being ingested "
                                            "(run the ingest again)", place.line))
            continue
        published, language, title, url, outlet = place.metadata or _metadata(raw)
        found.append(replace(raw, source=place.source, published=published, language=language, title=title,
                             url=url, outlet=outlet))
        outcomes.append(None)
    extracted = iter(extract_each(found, batch_size=BATCH) if found else [])
    return [outcome if outcome is not None else next(extracted) for outcome in outcomes]


def _file_documents(path: str, options: Options) -> tuple[RawDocument, ...]:
    stat = os.stat(path)
    return _read_documents(path, stat.st_mtime_ns, stat.st_size, options)


@functools.lru_cache(maxsize=2)
def _read_documents(path: str, _mtime_ns: int, _size: int, options: Options) -> tuple[RawDocument, ...]:
    """The documents of a file, kept for the next part of the same file (the modification
    time and size in the key make a changed file read again)."""
    from newsledger.ingestion import collect

    return tuple(item for item in collect([Path(path)], options) if isinstance(item, RawDocument))


@contextmanager
def _sigint_ignored() -> Iterator[None]:
    """SIGINT ignored while worker processes start (they inherit it), in the main thread."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)
