"""Polling watched sources on a schedule: what ``newsledger watch`` runs.

Each source is polled every ``interval`` seconds. A poll fetches the source (conditional
GET for feeds), keeps the items not taken in before, and ingests their documents through
``newsledger.ingestion`` in model batches, so a watched item goes into the ledger exactly
as an ingested file would. After an error (HTTP error status, network error, malformed
feed, database unavailable) the source waits ``interval * 2**errors`` seconds, at most
``max_delay`` (or longer if the server asked so with ``Retry-After``); the first
successful poll resets it. Other sources go on as usual.

A stop request (``Watcher.stop``, set by the CLI on SIGINT/SIGTERM) is honoured between
model batches: the batch being extracted is finished and stored, the rest of the items
stay new, and the source's validators are then not saved, so that the next start fetches
the feed in full and takes in what was left.
"""
from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timezone

import httpx
from sqlalchemy.exc import SQLAlchemyError

from newsledger.errors import SourceError, StorageError
from newsledger.ingestion import BATCH, ingest
from newsledger.model import RawDocument, content_hash
from newsledger.store import Store
from newsledger.watch import state as remembered
from newsledger.watch.sources import Item, ReadOptions, Source, new_client, open_source

DEFAULT_INTERVAL_S = 60.0
MAX_DELAY_S = 3600.0


@dataclass
class Poll:
    """What one poll of one source found: documents stored now (``new``), already stored
    (``duplicate``) and not ingested (``failed``); or that nothing changed; or the error."""

    source: str
    at: datetime
    new: int = 0
    duplicate: int = 0
    failed: int = 0
    events: int = 0
    not_modified: bool = False
    error: str | None = None
    retry_in: float | None = None
    interrupted: bool = False

    def line(self) -> str:
        """The one log line ``newsledger watch`` prints per poll."""
        stamp = self.at.strftime("%Y-%m-%d %H:%M:%S UTC")
        if self.error is not None:
            done = f" (before it: new {self.new}, duplicate {self.duplicate}, failed {self.failed})" \
                if self.new or self.duplicate or self.failed else ""
            return f"{stamp} {self.source}: error: {self.error}{done}; next try in {self.retry_in:.0f} s"
        text = f"{stamp} {self.source}: new {self.new}, duplicate {self.duplicate}, failed {self.failed}"
        if self.not_modified:
            text += " (not modified)"
        if self.interrupted:
            text += " (stopped before the last items; they are taken in on the next start)"
        return text


@dataclass
class Totals:
    """What a watch did from its start to its stop."""

    polls: int = 0
    new: int = 0
    duplicate: int = 0
    failed: int = 0
    errors: int = 0
    sources: int = 0

    def add(self, poll: Poll) -> None:
        self.polls += 1
        self.new += poll.new
        self.duplicate += poll.duplicate
        self.failed += poll.failed
        self.errors += poll.error is not None

    def summary(self) -> str:
        """The line ``newsledger watch`` prints when it stops."""
        return (f"watch stopped after {self.polls} poll(s) of {self.sources} source(s): new {self.new}, "
                f"duplicate {self.duplicate}, failed {self.failed}, errors {self.errors}")


@dataclass
class _Scheduled:
    source: Source
    due: float = 0.0
    polls: int = 0


@dataclass
class Watcher:
    """Polls ``sources`` into ``store``; ``clock`` is monotonic seconds (replaceable in tests)."""

    store: Store
    sources: Sequence[Source]
    interval: float = DEFAULT_INTERVAL_S
    max_delay: float = MAX_DELAY_S
    clock: Callable[[], float] = time.monotonic
    stop: threading.Event = field(default_factory=threading.Event)
    client: httpx.Client | None = None  # closed by ``close``: the feeds' shared HTTP client
    totals: Totals = field(init=False)

    def __post_init__(self) -> None:
        if self.interval <= 0:
            raise ValueError("interval must be positive")
        start = self.clock()
        self._schedule = [_Scheduled(source, start) for source in self.sources]
        self.totals = Totals(sources=len(self._schedule))

    def close(self) -> None:
        """Closes the HTTP connections the feeds kept open."""
        if self.client is not None:
            self.client.close()

    def __enter__(self) -> Watcher:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # ------------------------------------------------------------------ one poll

    def poll(self, source: Source) -> Poll:
        """Polls ``source`` now, whatever its schedule, and returns what it found."""
        at = datetime.now(timezone.utc)
        try:
            state = remembered.load(self.store, source.identity)
        except (StorageError, SQLAlchemyError) as error:
            return Poll(source.name, at, error=_database_error(error), retry_in=self._delay(1, None))
        try:
            fetched = source.fetch(state.validators, state.is_new)
        except SourceError as error:
            return self._failed(source, state, at, error.reason, error.retry_after)
        except Exception as error:  # noqa: BLE001 - a parser bug must not end the watch of every source
            return self._failed(source, state, at, f"could not be read ({type(error).__name__}: {error})", None)
        poll = Poll(source.name, at, not_modified=fetched.not_modified)
        items = [item for item in fetched.items if state.is_new(item.key, item.version)]
        try:
            done = self._take_in(items, state, poll)
            remembered.save_source(self.store, state, source.identity, fetched.validators if done else None, None)
        except (StorageError, SQLAlchemyError) as error:
            failed = self._failed(source, state, at, _database_error(error), None)
            failed.new, failed.duplicate, failed.failed, failed.events = poll.new, poll.duplicate, poll.failed, poll.events
            return failed
        poll.interrupted = not done
        return poll

    def _take_in(self, items: list[Item], state: remembered.SourceState, poll: Poll) -> bool:
        """Ingests the items' documents batch by batch; False if stopped before the end."""
        for start in range(0, len(items), BATCH):
            if self.stop.is_set():
                return False
            chunk = items[start:start + BATCH]
            result = ingest(self.store, [document for item in chunk for document in item.documents])
            # A stored text that came again with new metadata was corrected: new to the ledger.
            stored, duplicates = set(result.stored) | set(result.updated), set(result.duplicates)
            poll.events += result.events
            taken = []
            for item in chunk:
                statuses = [_status(document, stored, duplicates) for document in item.documents]
                poll.new += statuses.count("new")
                poll.duplicate += statuses.count("duplicate")
                poll.failed += statuses.count("failed")
                overall = next((s for s in ("new", "duplicate") if s in statuses), "failed")
                first = next((content_hash(d.text) for d in item.documents if isinstance(d, RawDocument)), None)
                taken.append((item.key, item.version, overall, first))
            remembered.remember_items(self.store, state, taken)
        return True

    def _failed(self, source: Source, state: remembered.SourceState, at: datetime, reason: str,
                retry_after: float | None) -> Poll:
        try:
            remembered.save_source(self.store, state, source.identity, None, reason)
        except (StorageError, SQLAlchemyError):
            state.errors += 1
        return Poll(source.name, at, error=reason, retry_in=self._delay(state.errors, retry_after))

    def _delay(self, errors: int, retry_after: float | None) -> float:
        """Seconds to wait after the ``errors``-th error in a row."""
        delay = min(self.interval * 2 ** errors, max(self.max_delay, self.interval))
        return max(delay, retry_after or 0.0)

    # ------------------------------------------------------------------ the schedule

    def poll_due(self) -> list[Poll]:
        """Polls every source whose time has come (stopping early if asked to stop)."""
        polls = []
        for scheduled in self._schedule:
            if self.stop.is_set():
                break
            if scheduled.due > self.clock():
                continue
            poll = self.poll(scheduled.source)
            scheduled.polls += 1
            scheduled.due = self.clock() + (poll.retry_in if poll.retry_in is not None else self.interval)
            self.totals.add(poll)
            polls.append(poll)
        return polls

    def next_due(self) -> float:
        """When (on ``clock``) the next source is due."""
        return min(scheduled.due for scheduled in self._schedule)

    def run(self, report: Callable[[Poll], None] = lambda _poll: None, max_polls: int | None = None) -> Totals:
        """Polls until ``stop`` is set (or every source was polled ``max_polls`` times);
        what was done is in ``totals``, also when a ``KeyboardInterrupt`` ends it."""
        while not self.stop.is_set():
            for poll in self.poll_due():
                report(poll)
            if max_polls is not None and all(s.polls >= max_polls for s in self._schedule):
                break
            self.stop.wait(max(self.next_due() - self.clock(), 0.0))
        return self.totals


def _database_error(error: Exception) -> str:
    """One line for a database that failed mid-poll (the poll is retried with backoff)."""
    if isinstance(error, StorageError):
        return str(error)
    reason = str(getattr(error, "orig", None) or error).strip().splitlines()
    return f"database error: {reason[0] if reason else type(error).__name__}"


def _status(document: object, stored: set[str], duplicates: set[str]) -> str:
    if not isinstance(document, RawDocument):
        return "failed"
    digest = content_hash(document.text)
    if digest in stored:
        return "new"
    return "duplicate" if digest in duplicates else "failed"


def open_watcher(store: Store, names: Iterable[str], interval: float = DEFAULT_INTERVAL_S,
                 options: ReadOptions = ReadOptions(), max_delay: float = MAX_DELAY_S,
                 clock: Callable[[], float] = time.monotonic) -> Watcher:
    """A watcher of the sources ``names`` (URLs, feed files, folders), to be closed (or
    used in a ``with``); a name that is none of them is an ``InputError`` now, before
    anything is polled."""
    client = new_client()
    try:
        sources = [open_source(name, client, options) for name in dict.fromkeys(names)]
        return Watcher(store, sources, interval, max_delay, clock, client=client)
    except BaseException:
        client.close()
        raise


def warm(languages: Iterable[str]) -> None:
    """Loads the models of ``languages`` now, once, so that the first item of a watch does
    not wait for them (the extraction keeps them loaded for the life of the process)."""
    from newsledger.pipeline import nlp_for

    for language in languages:
        nlp_for(language)
