"""Ingestion as a library: collect → extract → store → merge, with progress and failures.

The CLI (``newsledger ingest``), the JSON API (``POST /api/v1/documents``) and the web
upload form all call these functions, so a document goes into the ledger the same way
whichever door it came through. Nothing here prints: what happens is told to an optional
``progress`` callback as ``Progress`` events, and summed up in the returned
``IngestResult``. Every document that could not be read, extracted or stored is recorded
in the store's failures (``newsledger failures``, ``GET /api/v1/failures``) with the file,
line and reason, and the batch goes on with the rest.

Entry points (stable; the web layer builds on them):

* ``collect(paths, options)``: the documents (or ``InputError``s) under files and folders;
* ``read_upload(name, data, options)``: the same for bytes received over HTTP;
* ``ingest(store, items, progress=…, merge=True)``: extract, store and merge them;
* ``ingest_paths(store, paths, options, progress=…, cluster=…)``: ``collect`` then ``ingest``.

Extraction runs in this process, or on a Dask cluster (``newsledger.parallel``) whose
workers read and extract while this process alone stores: ``ingest`` takes the
``extract`` step as an argument and does everything else the same way either way.
"""
from __future__ import annotations

import signal
import tempfile
import threading
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path, PurePath
from typing import TYPE_CHECKING, Literal

from newsledger.errors import InputError, NewsledgerError, StorageError
from newsledger.model import DocumentInfo, Extraction, RawDocument, content_hash

if TYPE_CHECKING:
    from newsledger.parallel import Cluster
    from newsledger.store import Store

# Documents extracted per model batch.
BATCH = 8

Stage = Literal["read", "warning", "duplicate", "stored", "updated", "failed", "merged"]


@dataclass(frozen=True)
class Options:
    """What the caller states about the documents; ``None`` leaves it to the files.

    ``published`` and ``language`` override front matter and feed metadata; ``url`` is
    recorded for a single document; ``max_bytes`` refuses larger files (None: the
    reader's default limit, 5 MB).
    """

    published: date | None = None
    language: str | None = None
    url: str | None = None
    max_bytes: int | None = None


@dataclass(frozen=True)
class Progress:
    """One step of a batch, for a progress bar or a log line.

    ``stage`` is what happened to the document at ``where`` (``file`` or ``file:line``):
    ``read`` once the batch is collected (``done`` 0 of ``total``), then ``warning``
    (read with a problem, still ingested), ``duplicate``, ``stored``, ``updated`` (a
    stored text extracted again with corrected metadata, ``message`` naming what
    changed) or ``failed`` (with ``message`` the reason) per document, and ``merged``
    once the ledger is updated.
    ``done`` counts the documents finished so far out of ``total``.
    """

    stage: Stage
    done: int
    total: int
    where: str = ""
    message: str = ""
    document: str | None = None


@dataclass(frozen=True)
class Failed:
    """A document that did not go in: where it was and why (as also recorded in the store)."""

    source: str
    line: int | None
    reason: str

    @property
    def where(self) -> str:
        return where(self.source, self.line)


@dataclass
class IngestResult:
    """What became of a batch: ids stored now, ids already stored, and the failures."""

    stored: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)  # stored texts re-extracted with new metadata
    duplicates: list[str] = field(default_factory=list)
    failures: list[Failed] = field(default_factory=list)
    warnings: list[tuple[str, str]] = field(default_factory=list)  # (where, warning)
    merged: bool = False
    events: int = 0  # event reports found in the documents stored now

    @property
    def failed(self) -> int:
        return len(self.failures)

    def summary(self) -> str:
        """The one-line summary ``newsledger ingest`` prints."""
        updated = f"updated {len(self.updated)}, " if self.updated else ""
        return (f"stored {len(self.stored)}, {updated}duplicates {len(self.duplicates)}, failed {self.failed}, "
                f"events {self.events}")


ProgressCallback = Callable[[Progress], None]
Item = RawDocument | InputError
Outcome = Extraction | NewsledgerError
# The extraction step of ``ingest``: the documents to extract in, batches of documents
# with their outcomes out, in any order (a cluster yields its parts as they finish).
Extractor = Callable[[list[RawDocument]], Iterable[list[tuple[RawDocument, Outcome]]]]


def where(source: str, line: int | None) -> str:
    """``source:line`` for line-oriented inputs, else ``source``: how errors name a document."""
    return f"{source}:{line}" if line is not None else source


# ------------------------------------------------------------------------- collecting

def collect(paths: Iterable[Path | str], options: Options = Options()) -> Iterator[Item]:
    """Every document under ``paths`` (files or folders), or the error that stopped it."""
    from newsledger.ingest import read_path

    for path in paths:
        yield from read_path(Path(path), **_reader_options(options))


def read_upload(name: str, data: bytes, options: Options = Options()) -> list[Item]:
    """The documents of one uploaded file, read by the same readers as a file on disk.

    The format is told by the name's suffix (``.txt``, ``.html``, ``.jsonl``, ``.xml``…)
    or by the content. Only the name's last component is used, so an uploaded name can
    never point into the file system; errors and stored documents name ``upload:NAME``.
    """
    from newsledger.ingest import read_file

    safe = PurePath(name.replace("\\", "/")).name or "upload.txt"
    source = f"upload:{safe}"
    limit = options.max_bytes
    if limit is not None and len(data) > limit:
        return [InputError(source, f"upload is {len(data)} bytes, over the {limit}-byte limit")]
    with tempfile.TemporaryDirectory(prefix="newsledger-upload-") as folder:
        path = Path(folder) / safe
        path.write_bytes(data)
        items = list(read_file(path, **_reader_options(options)))
    named: list[Item] = []
    for item in items:
        if isinstance(item, InputError):
            named.append(InputError(source, item.reason, item.line, item.hint))
        else:
            item.source = source
            named.append(item)
    return named


def _reader_options(options: Options) -> dict[str, object]:
    found: dict[str, object] = {"published": options.published, "language": options.language, "url": options.url}
    if options.max_bytes is not None:
        found["max_bytes"] = options.max_bytes
    return found


# ------------------------------------------------------------------------- ingesting

def ingest_paths(store: "Store", paths: Iterable[Path | str], options: Options = Options(),
                 progress: ProgressCallback | None = None, merge: bool = True,
                 cluster: "Cluster | None" = None) -> IngestResult:
    """``collect`` then ``ingest``: what ``newsledger ingest PATH…`` does; with a
    ``cluster`` (``newsledger.parallel.Cluster``) its workers extract."""
    if cluster is None:
        return ingest(store, collect(paths, options), progress=progress, merge=merge)
    items = list(collect(paths, options))
    return ingest(store, items, progress=progress, merge=merge, extract=cluster.extractor(items, options))


def ingest(store: "Store", items: Iterable[Item], progress: ProgressCallback | None = None,
           merge: bool = True, extract: Extractor | None = None) -> IngestResult:
    """Extract, store and (with ``merge``) merge into the ledger every readable document.

    ``items`` are documents or reading errors (as ``collect`` yields them); errors are
    recorded as failures. Text already stored is recognised by its hash and costs no
    model time. Documents are extracted in model batches; a batch that fails is retried
    one document at a time so that the error is pinned on the document that caused it.
    The ledger is updated even when the batch is interrupted (KeyboardInterrupt), so
    that what was stored is merged, and it takes in any document an earlier, killed
    ingest stored without merging. ``extract`` replaces the in-process extraction
    (``Cluster.extractor``): outcomes are stored as they arrive, in any order.
    """
    tell = progress or (lambda _event: None)
    store.check_writable()  # one clear error now, not one per document after the model loads
    result = IngestResult()
    documents: list[RawDocument] = []
    for item in items:
        if isinstance(item, InputError):
            _fail(store, result, item.source, item.line, item, tell, 0, 0)
        else:
            documents.append(item)
    total = len(documents)
    state = {"done": 0}

    def finish(stage: Stage, raw: RawDocument, message: str = "", document: str | None = None) -> None:
        state["done"] += 1
        tell(Progress(stage, state["done"], total, where(raw.source, raw.line), message, document))

    tell(Progress("read", 0, total))
    corrected: dict[int, list[str]] = {}  # id(raw) -> the metadata it corrects
    try:
        pending = []
        for raw in documents:
            for warning in raw.warnings:
                result.warnings.append((where(raw.source, raw.line), warning))
                tell(Progress("warning", state["done"], total, where(raw.source, raw.line), warning))
            doc_id = content_hash(raw.text)
            if store.has(doc_id):
                changed = raw.corrections(store.document(doc_id))
                if changed:  # the same text with corrected metadata: extracted again
                    pending.append(_completed(raw, store.document(doc_id)))
                    corrected[id(pending[-1])] = changed
                    continue
                store.clear_failure(raw.source, raw.line)
                result.duplicates.append(doc_id)
                finish("duplicate", raw, document=doc_id)
            else:
                pending.append(raw)
        for batch in (extract or _in_process)(pending):
            with _interrupt_deferred():
                _store_batch(store, result, batch, finish, tell, corrected)
    finally:
        if merge:
            _merge_unmerged(store, result, tell, state["done"], total)
    return result


def _merge_unmerged(store: "Store", result: IngestResult, tell: ProgressCallback, done: int, total: int) -> None:
    """Merge every stored document the ledger lacks, not only this batch's: an ingest
    killed during its ledger update left its documents stored but unmerged, and they
    are duplicates now, so the rerun must merge them (two queries when there is nothing
    to do). One writer at a time updates the ledger: two at once would each save a
    merge state computed without the other's documents."""
    from newsledger.ledger import service

    with store.exclusive("ledger"):
        left = service.unmerged(store)
        if left:
            service.update(store, left)
            result.merged = True
    if left:
        tell(Progress("merged", done, total, message=f"{len(left)} document(s) merged"))


def delete(store: "Store", doc_ids: Iterable[str]) -> list["DocumentInfo"]:
    """Delete stored documents and only what rests on them: their extraction, their
    reports and claims in the ledger, and the decisions about their reports. Events
    other documents report stay, with values and tallies recomputed without them."""
    from newsledger.ledger import service

    wanted = list(dict.fromkeys(doc_ids))
    infos = [store.document(doc_id) for doc_id in wanted]
    store.check_writable()
    with store.exclusive("ledger"):
        service.delete_documents(store, wanted)
    return infos


@contextmanager
def _interrupt_deferred() -> Iterator[None]:
    """Ctrl-C waits until the batch is written, then interrupts as usual.

    A KeyboardInterrupt raised inside the database driver can leave a connection checked
    out in an open transaction; on SQLite its lock then stops the ledger update that
    follows every interrupt ("database is locked"). Only where Python's own SIGINT
    handler is in place (a caller's handler is left alone) and in the main thread, the
    one that receives signals."""
    if threading.current_thread() is not threading.main_thread() \
            or signal.getsignal(signal.SIGINT) is not signal.default_int_handler:
        yield
        return
    caught: list[int] = []
    previous = signal.signal(signal.SIGINT, lambda number, _frame: caught.append(number))
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)
    if caught:
        raise KeyboardInterrupt


def _store_batch(store: "Store", result: IngestResult, batch: list[tuple[RawDocument, Outcome]],
                 finish: Callable[..., None], tell: ProgressCallback, corrected: dict[int, list[str]]) -> None:
    """A batch's new extractions in one transaction (``Store.add_many``); if that fails,
    each document on its own, so that the failure is pinned on the one that caused it.
    Corrections (``corrected``: the metadata each corrects) replace their document alone."""
    extracted = [(raw, outcome) for raw, outcome in batch
                 if isinstance(outcome, Extraction) and id(raw) not in corrected]
    try:
        stored = iter(store.add_many(extracted) if len(extracted) > 1 else [])
    except StorageError:
        extracted = []
    for raw, outcome in batch:
        if isinstance(outcome, Extraction) and id(raw) not in corrected and len(extracted) > 1:
            store.clear_failure(raw.source, raw.line)
            _stored(result, raw, outcome, *next(stored), finish)
        else:
            _store_one(store, result, raw, outcome, finish, tell, corrected.get(id(raw)))


def _stored(result: IngestResult, raw: RawDocument, extraction: Extraction, doc_id: str, stored_now: bool,
            finish: Callable[..., None]) -> None:
    (result.stored if stored_now else result.duplicates).append(doc_id)
    if stored_now:
        result.events += len(extraction.events)
    finish("stored" if stored_now else "duplicate", raw, document=doc_id)


def _store_one(store: "Store", result: IngestResult, raw: RawDocument, outcome: Outcome,
               finish: Callable[..., None], tell: ProgressCallback, corrects: list[str] | None = None) -> None:
    if isinstance(outcome, NewsledgerError):
        reason = _reason(outcome, raw.source, raw.line)
        _record(store, raw.source, raw.line, reason)
        result.failures.append(Failed(raw.source, raw.line, reason))
        finish("failed", raw, reason)
        return
    try:
        if corrects:
            doc_id, stored_now = store.replace(raw, outcome), True
        else:
            doc_id, stored_now = store.add(raw, outcome)
    except StorageError as error:  # the store has recorded the failure itself
        reason = _reason(error, raw.source, raw.line)
        if corrects:
            _record(store, raw.source, raw.line, reason)
        result.failures.append(Failed(raw.source, raw.line, reason))
        finish("failed", raw, reason)
        return
    store.clear_failure(raw.source, raw.line)
    if corrects:
        result.updated.append(doc_id)
        result.events += len(outcome.events)
        finish("updated", raw, f"corrected {', '.join(corrects)}", document=doc_id)
        return
    _stored(result, raw, outcome, doc_id, stored_now, finish)


def _completed(raw: RawDocument, stored: "DocumentInfo") -> RawDocument:
    """``raw`` with what it does not state taken from the stored document, so that a
    correction of one field keeps the others."""
    return replace(raw, published=raw.published or stored.published,
                   language=raw.language if not raw.language_detected else stored.language,
                   title=raw.title or stored.title, url=raw.url or stored.url, outlet=raw.outlet or stored.outlet,
                   language_detected=False)


# ------------------------------------------------------------------------- correcting

def reprocess(store: "Store", doc_ids: Iterable[str], options: Options = Options(),
              progress: ProgressCallback | None = None) -> IngestResult:
    """Extract stored documents again, with the current rules and any metadata
    ``options`` state (publication date, language, URL), and put the new extraction in
    place of the old; then update the ledger, whose decisions on the documents' reports
    hold again (they name reports by document and event, not by record).

    Each document is replaced in one transaction that also marks it unmerged, so a
    kill leaves either the old extraction or the new one, and the next ingest or
    ``sync`` merges what was replaced.
    """
    from newsledger.ingest.reader import NO_DATE_WARNING

    tell = progress or (lambda _event: None)
    store.check_writable()
    wanted = list(dict.fromkeys(doc_ids))
    result = IngestResult()
    raws: list[RawDocument] = []
    changed: dict[int, list[str]] = {}
    for doc_id in wanted:
        info = store.document(doc_id)
        stored = RawDocument(store.text(doc_id), info.source, info.published, info.language, info.title,
                             info.url, info.outlet, warnings=store.warnings(doc_id))
        published = options.published or info.published
        raw = replace(stored, published=published, language=options.language or info.language,
                      url=options.url or info.url,
                      warnings=[w for w in stored.warnings if not (published and w == NO_DATE_WARNING)])
        raws.append(raw)
        changed[id(raw)] = raw.corrections(info) or ["extraction"]
    total, state = len(raws), {"done": 0}

    def finish(stage: Stage, raw: RawDocument, message: str = "", document: str | None = None) -> None:
        state["done"] += 1
        tell(Progress(stage, state["done"], total, where(raw.source, raw.line), message, document))

    tell(Progress("read", 0, total))
    try:
        for start in range(0, len(raws), BATCH):
            chunk = raws[start:start + BATCH]
            for raw, outcome in zip(chunk, _extract(chunk)):
                _store_one(store, result, raw, outcome, finish, tell, changed[id(raw)])
    finally:
        _merge_unmerged(store, result, tell, state["done"], total)
    return result


def _in_process(pending: list[RawDocument]) -> Iterator[list[tuple[RawDocument, Outcome]]]:
    """Outcomes in order, extracted here one model batch at a time."""
    for start in range(0, len(pending), BATCH):
        chunk = pending[start:start + BATCH]
        yield list(zip(chunk, _extract(chunk)))


def _extract(chunk: list[RawDocument]) -> list[Outcome]:
    """Extractions of a chunk, batched through the model; a failing document is isolated
    (any error extracting it becomes its ``ExtractionError``, naming its file)."""
    from newsledger.extract import extract_each

    return extract_each(chunk, batch_size=BATCH)


def _reason(error: NewsledgerError, source: str, line: int | None) -> str:
    """The reason without the ``source:line:`` prefix the message already carries."""
    if isinstance(error, InputError):
        return error.reason + (f" ({error.hint})" if error.hint else "")
    return str(error).removeprefix(f"{where(source, line)}: ")


def _fail(store: "Store", result: IngestResult, source: str, line: int | None, error: NewsledgerError,
          tell: ProgressCallback, done: int, total: int) -> None:
    reason = _reason(error, source, line)
    _record(store, source, line, reason)
    result.failures.append(Failed(source, line, reason))
    tell(Progress("failed", done, total, where(source, line), reason))


def _record(store: "Store", source: str, line: int | None, reason: str) -> None:
    store.record_failure(source, reason, line=line)
