"""The ``Store``: documents and their extractions in a database, one transaction each.

Opening a store brings its schema up to date, so no separate setup step exists to be
forgotten. Every write of a document is a single transaction: it is stored whole or
not at all, and a failure is recorded with its reason so a batch can report it later.
"""
from __future__ import annotations

import fcntl
import hashlib
import logging
import re
import sqlite3
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import Any

from alembic.util.exc import CommandError
from sqlalchemy import Select, column, create_engine, delete, event, func, or_, select, table
from sqlalchemy.engine import URL, Engine, make_url
from sqlalchemy.exc import ArgumentError, IntegrityError, NoSuchModuleError, SQLAlchemyError
from sqlalchemy.orm import Session, contains_eager, selectinload, sessionmaker

from newsledger.errors import NotFound, StorageError
from newsledger.model import DocumentInfo, Entity, Extraction, Quote, RawDocument, content_hash
from newsledger.store import search
from newsledger.store.bulk import chunks
from newsledger.store.migrate import upgrade
from newsledger.store.records import (Failure, StoredEvent, document_info, entity_of, event_of, failure_of,
                                      load_extractions)
from newsledger.store.schema import DocumentRow, EntityRow, EventRow, FailureRow, QuoteRow, utcnow
from newsledger.store.writing import document_rows, write_documents

DEFAULT_URL = "sqlite:///newsledger.db"
log = logging.getLogger(__name__)

_EVENT = (selectinload(EventRow.roles), selectinload(EventRow.evidence), selectinload(EventRow.provenance))


class Store:
    """A newsledger database (SQLite or PostgreSQL) at ``url``."""

    def __init__(self, url: str = DEFAULT_URL, read_only: bool = False) -> None:
        """Open (and migrate) the database at ``url``; ``read_only`` opens it for reading only.

        A read-only store never writes, not even a migration: SQLite is opened with
        ``mode=ro`` and PostgreSQL sessions are read-only transactions. A database that is
        missing or at an older schema is then an error that says which command to run.
        """
        self.url = url
        self.read_only = read_only
        shown = _safe(url)
        try:
            if read_only:
                self.engine: Engine = _read_only_engine(url, shown)
            else:
                self.engine = create_engine(engine_url(url))
        except (ArgumentError, NoSuchModuleError, ValueError) as error:
            raise StorageError(f"invalid database URL {shown!r}: {error}") from error
        except ImportError as error:
            raise StorageError(f"no database driver for {shown!r}: {error}"
                               " (install the driver package, e.g. psycopg for PostgreSQL)") from error
        if self.engine.dialect.name == "sqlite":
            event.listen(self.engine, "connect", _sqlite_pragmas)
        if read_only:
            self._check_current(shown)
            self._sessions = sessionmaker(self.engine, expire_on_commit=False)
            return
        try:
            upgrade(self.engine)
        except SQLAlchemyError as error:
            self.engine.dispose()
            reason = getattr(error, "orig", None) or error
            raise StorageError(f"cannot open database {shown!r}: {reason}") from error
        except StorageError:  # a migration's own message, e.g. an extension it may not create
            self.engine.dispose()
            raise
        except CommandError as error:  # e.g. a database migrated by a newer newsledger
            self.engine.dispose()
            raise StorageError(f"cannot migrate database {shown!r}: {error}"
                               " (was it written by a newer version of newsledger?)") from error
        self._sessions = sessionmaker(self.engine, expire_on_commit=False)

    def _check_current(self, shown: str) -> None:
        """A read-only store cannot migrate: its schema must already be the current one."""
        from newsledger.store.migrate import current_revision, head_revision

        try:
            revision = current_revision(self.engine)
        except SQLAlchemyError as error:
            self.engine.dispose()
            raise StorageError(f"cannot open database {shown!r} for reading: "
                               f"{getattr(error, 'orig', None) or error}") from error
        if revision != head_revision():
            self.engine.dispose()
            what = "holds no newsledger data" if revision is None else f"is at schema {revision}"
            raise StorageError(f"database {shown!r} {what}, not {head_revision()}: run `newsledger --db URL sync`"
                               " (or ingest documents) once to bring it up to date")

    def close(self) -> None:
        """Releases the database connections."""
        self.engine.dispose()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextmanager
    def exclusive(self, name: str = "ledger") -> Iterator[None]:
        """Holds a lock that other processes on the same database wait for.

        For a read-modify-write that spans transactions, such as the ledger update
        (load the merge state, add reports, save the changes): two writers doing it at
        once would each save a state computed without the other's documents. PostgreSQL
        takes a session advisory lock on a connection of its own; SQLite, whose write
        lock cannot be held across this process's own connections, an OS lock on a file
        beside the database (``<file>-<name>.lock``). An in-memory database needs none.
        """
        if self.engine.dialect.name == "postgresql":
            key = int.from_bytes(hashlib.sha256(f"newsledger:{name}".encode()).digest()[:4], "big")
            with self.engine.connect() as connection:
                connection.exec_driver_sql(f"SELECT pg_advisory_lock({key})")
                connection.commit()
                try:
                    yield
                finally:
                    connection.exec_driver_sql(f"SELECT pg_advisory_unlock({key})")
                    connection.commit()
            return
        path = _sqlite_file(self.engine)
        if path is None:
            yield
            return
        with open(f"{path}-{name}.lock", "a", encoding="utf-8") as handle:
            fcntl.flock(handle, fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(handle, fcntl.LOCK_UN)

    @contextmanager
    def snapshot(self) -> Iterator[Session]:
        """A session for reading only, whose every query sees the database as of its first.

        A read of several tables (the saved ledger: reports, links, records) must not
        see a writer's commit land between two of its queries, or it holds records whose
        reports it never read. PostgreSQL's READ COMMITTED and Python's sqlite3 (which
        opens no transaction before a SELECT) give each statement its own snapshot;
        here PostgreSQL runs REPEATABLE READ and SQLite an explicit deferred ``BEGIN``.
        Nothing is committed: the transaction is rolled back at the end.
        """
        with self.engine.connect() as connection:
            if connection.dialect.name == "sqlite":
                driver = connection.connection.driver_connection
                previous = driver.isolation_level  # type: ignore[union-attr]
                driver.isolation_level = None  # type: ignore[union-attr]
                try:
                    connection.exec_driver_sql("BEGIN")
                    with Session(bind=connection) as session:
                        yield session
                finally:
                    if driver.in_transaction:  # type: ignore[union-attr]
                        connection.exec_driver_sql("ROLLBACK")
                    connection.rollback()
                    driver.isolation_level = previous  # type: ignore[union-attr]
                return
            if connection.dialect.name == "postgresql":
                connection.execution_options(isolation_level="REPEATABLE READ")
            with connection.begin() as transaction, Session(bind=connection) as session:
                yield session
                transaction.rollback()

    @contextmanager
    def session(self) -> Iterator[Session]:
        """A session in a transaction: committed on success, rolled back on an exception."""
        with self._sessions.begin() as session:
            yield session

    # ------------------------------------------------------------ writing

    def add(self, raw: RawDocument, extraction: Extraction) -> tuple[str, bool]:
        """Stores a document and its extraction; ``(id, False)`` if the text is already stored.

        The id is the content hash of ``raw.text`` (whose offsets the extraction uses).
        On any failure nothing of the document is kept, the failure is recorded (so the
        caller need not record it again) and ``StorageError`` is raised.
        """
        doc_id = content_hash(raw.text)
        given = extraction.document.id
        if given and given != doc_id:
            self._fail(raw, f"extraction is of document {given}, but the text hashes to {doc_id}")
        try:
            with self.session() as session:
                if session.scalar(select(DocumentRow.id).where(DocumentRow.id == doc_id)) is not None:
                    return doc_id, False
                write_documents(session, [document_rows(doc_id, raw, extraction)])
        except IntegrityError as error:
            if self.has(doc_id):  # stored meanwhile by another writer
                return doc_id, False
            self._fail(raw, f"could not store the document: {getattr(error, 'orig', error)}", error)
        except Exception as error:  # noqa: BLE001 - whatever it was, nothing may be left half-written
            self._fail(raw, f"could not store the document: {type(error).__name__}: {error}", error)
        return doc_id, True

    def add_many(self, pairs: Sequence[tuple[RawDocument, Extraction]]) -> list[tuple[str, bool]]:
        """Stores several documents and their extractions in one transaction, all or none.

        What ``add`` does for one, with one commit for the batch: a writer storing the
        results of many workers spends less time committing. ``(id, False)`` for a text
        already stored (or twice in the batch). On any failure nothing of the batch is
        kept and ``StorageError`` is raised without recording a failure: the caller stores
        the documents one by one with ``add``, which pins the failure on its document.
        """
        ids = [content_hash(raw.text) for raw, _ in pairs]
        for (raw, extraction), doc_id in zip(pairs, ids):
            if extraction.document.id and extraction.document.id != doc_id:
                raise StorageError(f"{raw.source}: extraction is of document {extraction.document.id}, "
                                   f"but the text hashes to {doc_id}")
        done: list[tuple[str, bool]] = []
        try:
            with self.session() as session:
                seen = set(session.scalars(select(DocumentRow.id).where(DocumentRow.id.in_(set(ids)))))
                rows = []
                for (raw, extraction), doc_id in zip(pairs, ids):
                    done.append((doc_id, doc_id not in seen))
                    if doc_id not in seen:
                        seen.add(doc_id)
                        rows.append(document_rows(doc_id, raw, extraction))
                write_documents(session, rows)
        except Exception as error:  # noqa: BLE001 - the caller stores them one by one
            raise StorageError(f"could not store a batch of {len(pairs)} documents: "
                               f"{type(error).__name__}: {error}") from error
        return done

    def _fail(self, raw: RawDocument, reason: str, cause: BaseException | None = None) -> None:
        try:
            self.record_failure(raw.source, reason, raw.line)
        except StorageError:
            log.exception("could not record the failure of %s", raw.source)
        where = f"{raw.source}:{raw.line}" if raw.line is not None else raw.source
        raise StorageError(f"{where}: {reason}") from cause

    def check_writable(self) -> None:
        """``StorageError`` in one line unless the database accepts writes.

        Called before a batch loads the model: a read-only file (its permissions, a
        read-only mount, ``?mode=ro``) or a read-only PostgreSQL role would otherwise
        fail every document, one by one, after seconds of extraction. A row is written
        and rolled back, which is the one test every backend answers truthfully.
        """
        try:
            with self.engine.connect() as connection:
                with connection.begin() as transaction:
                    connection.execute(FailureRow.__table__.insert().values(
                        source="<write check>", reason="rolled back", created=utcnow()))
                    transaction.rollback()
        except SQLAlchemyError as error:
            reason = str(getattr(error, "orig", None) or error).strip().splitlines()[0]
            hint = ("grant the role INSERT, UPDATE and DELETE on newsledger's tables"
                    if self.engine.dialect.name == "postgresql" else "check that the file and its folder are writable")
            raise StorageError(f"cannot write to database {_safe(self.url)!r}: {reason} ({hint},"
                               " or choose another --db)") from error

    def record_failure(self, source: str, reason: str, line: int | None = None) -> None:
        """Notes that ``source`` (and ``line``) could not be ingested, and why.

        One row per source (file, file and line, or a feed's entry, which its reason names
        first: "entry 2 (…): …"): a later attempt that fails again replaces the row, so
        ``failures`` lists what is failing now, not every attempt.
        """
        entry = _entry_label(reason)
        same = FailureRow.reason.like(f"{entry}:%") | FailureRow.reason.like(f"{entry} (%") if entry \
            else FailureRow.reason.not_like("entry %")
        try:
            with self.session() as session:
                session.execute(delete(FailureRow).where(FailureRow.source == source, _same_line(line), same))
                session.add(FailureRow(source=source, line=line, reason=reason))
        except SQLAlchemyError as error:
            raise StorageError(f"could not record the failure of {source}: {error}") from error

    def clear_failure(self, source: str, line: int | None = None) -> None:
        """Forgets the failure of ``source`` (and ``line``) once it has been ingested; the
        whole file's failure (no line) goes too when any of its records goes in. A feed
        entry's failure stays: a document does not know which entry it was."""
        with self.session() as session:
            session.execute(delete(FailureRow).where(
                FailureRow.source == source, or_(FailureRow.line.is_(None), _same_line(line)),
                FailureRow.reason.not_like("entry %")))

    def replace(self, raw: RawDocument, extraction: Extraction) -> str:
        """Stores a new extraction (and metadata) of an already stored text in place of the
        old one, in one transaction; the document keeps its id and first-stored time.

        The document is marked as not merged in the same transaction (its ledger row
        goes), so that the next ledger update replaces its old reports with the new ones
        even if this process is killed before making it.
        """
        doc_id = content_hash(raw.text)
        merged = table("ledger_documents", column("document_id"))  # created by the ledger's migration
        try:
            with self.session() as session:
                session.execute(merged.delete().where(merged.c.document_id == doc_id))
                old = session.get(DocumentRow, doc_id)
                created = old.created if old is not None else None
                if old is not None:
                    session.delete(old)
                    session.flush()
                write_documents(session, [document_rows(doc_id, raw, extraction, created=created)])
        except SQLAlchemyError as error:
            raise StorageError(f"{raw.source}: could not store the new extraction: "
                               f"{getattr(error, 'orig', error)}") from error
        return doc_id

    def delete(self, doc_id: str) -> DocumentInfo:
        """Removes a document with everything extracted from it; returns what it was."""
        with self.session() as session:
            row = self._row(session, doc_id)
            info = document_info(row)
            session.delete(row)
        return info

    # ------------------------------------------------------------ reading

    def has(self, doc_id: str) -> bool:
        with self.session() as session:
            return session.scalar(select(DocumentRow.id).where(DocumentRow.id == doc_id)) is not None

    def failures(self) -> list[Failure]:
        """Recorded failures, oldest first, one per source (file, file and line, or feed
        entry): the latest, also in a database written before they were kept one per source."""
        with self.session() as session:
            rows = list(session.scalars(select(FailureRow).order_by(FailureRow.created, FailureRow.id)))
        def unit(row: FailureRow) -> tuple[str, int | None, str | None]:
            return row.source, row.line, _entry_label(row.reason)

        latest = {unit(row): row for row in rows}
        return [failure_of(row) for row in rows if latest[unit(row)] is row]

    def documents(self, offset: int = 0, limit: int | None = None) -> list[DocumentInfo]:
        """Stored documents by publication date (undated last), then id; all, or one page."""
        query = _by_publication(select(DocumentRow)).offset(offset)
        if limit is not None:
            query = query.limit(limit)
        with self.session() as session:
            return [document_info(row) for row in session.scalars(query)]

    def find_documents(self, source: str | None = None, language: str | None = None, since: date | None = None,
                       until: date | None = None, undated: bool | None = None) -> list[DocumentInfo]:
        """Stored documents, in ``documents()`` order, narrowed by: ``source`` (words found,
        case aside, in the file, URL or title), ``language``, publication date in
        ``[since, until]``, and ``undated`` (True: only those without a date)."""
        query = _by_publication(select(DocumentRow))
        if source:
            for word in source.lower().split():
                pattern = f"%{word}%"
                query = query.where(or_(func.lower(DocumentRow.source).like(pattern),
                                        func.lower(func.coalesce(DocumentRow.url, "")).like(pattern),
                                        func.lower(func.coalesce(DocumentRow.title, "")).like(pattern)))
        if language:
            query = query.where(DocumentRow.language == language)
        if since is not None:
            query = query.where(DocumentRow.published >= since)
        if until is not None:
            query = query.where(DocumentRow.published <= until)
        if undated is not None:
            query = query.where(DocumentRow.published.is_(None) if undated else DocumentRow.published.is_not(None))
        with self.session() as session:
            return [document_info(row) for row in session.scalars(query)]

    def event_counts(self) -> dict[str, int]:
        """How many event reports each stored document has (documents with none left out)."""
        with self.session() as session:
            rows = session.execute(select(EventRow.document_id, func.count()).group_by(EventRow.document_id))
            return {doc_id: int(count) for doc_id, count in rows}

    def document_id(self, ref: str) -> str:
        """The id of the one stored document ``ref`` names: its id, or the start of its
        hash (``sha256:`` may be left out, as listings shorten it)."""
        ref = ref.strip()
        prefix = ref if ref.startswith("sha256:") else f"sha256:{ref}"
        if len(prefix) < len("sha256:") + 4:
            raise StorageError(f"document reference {ref!r} is too short: give at least 4 digits of its id")
        with self.session() as session:
            found = list(session.scalars(select(DocumentRow.id).where(DocumentRow.id.like(f"{prefix}%"))
                                         .order_by(DocumentRow.id).limit(2)))
        if not found:
            raise NotFound(f"no stored document {ref!r} (see `newsledger documents`)")
        if len(found) > 1:
            raise StorageError(f"{ref!r} names several documents: give more digits of the id")
        return found[0]

    def count_documents(self) -> int:
        with self.session() as session:
            return int(session.scalar(select(func.count()).select_from(DocumentRow)) or 0)

    def texts(self, doc_ids: Iterable[str]) -> dict[str, str]:
        """The stored texts of several documents in one query; unknown ids are left out."""
        wanted = sorted(set(doc_ids))
        if not wanted:
            return {}
        with self.session() as session:
            rows = session.execute(select(DocumentRow.id, DocumentRow.text).where(DocumentRow.id.in_(wanted)))
            return {doc_id: text for doc_id, text in rows}

    def document(self, doc_id: str) -> DocumentInfo:
        with self.session() as session:
            return document_info(self._row(session, doc_id))

    def text(self, doc_id: str) -> str:
        """The document text as stored: the text every offset refers to."""
        with self.session() as session:
            return self._row(session, doc_id).text

    def warnings(self, doc_id: str) -> list[str]:
        """Problems noted when the document was read (e.g. invalid UTF-8 replaced)."""
        with self.session() as session:
            return list(self._row(session, doc_id).warnings or [])

    def extraction(self, doc_id: str) -> Extraction:
        """The document's extraction, rebuilt exactly as it was stored."""
        return self.extractions([doc_id])[0]

    def extractions(self, doc_ids: Iterable[str] | None = None) -> list[Extraction]:
        """Every document's extraction, in the order of ``documents()``; or those of
        ``doc_ids``, in that order. A thousand documents take a handful of queries
        (``records.load_extractions``), so merging 100,000 is not 700,000 round trips."""
        with self.session() as session:
            wanted = (list(session.scalars(_by_publication(select(DocumentRow.id)))) if doc_ids is None
                      else list(dict.fromkeys(doc_ids)))
            found: dict[str, Extraction] = {}
            for part in chunks(wanted):
                found.update(load_extractions(session, part))
        missing = [doc_id for doc_id in wanted if doc_id not in found]
        if missing:
            raise StorageError(f"no document {missing[0]!r} in the store")
        return [found[doc_id] for doc_id in wanted]

    def quotes(self, outlet: str | None = None, since: date | None = None,
               until: date | None = None) -> list[tuple[Quote, DocumentInfo]]:
        """Every stored quote with its document, by publication date; ``outlet`` (any case)
        and the publication window narrow them in the query, a speaker is matched by name
        by the caller (``newsledger.read.quotes``), since names need folding and aliases."""
        query = select(QuoteRow).join(QuoteRow.document).options(contains_eager(QuoteRow.document))
        if outlet is not None:
            query = query.where(func.lower(DocumentRow.outlet) == outlet.strip().lower())
        if since is not None:
            query = query.where(DocumentRow.published >= since)
        if until is not None:
            query = query.where(DocumentRow.published <= until)
        query = query.order_by(DocumentRow.published.is_(None), DocumentRow.published, DocumentRow.id,
                               QuoteRow.position)
        with self.session() as session:
            return [(Quote(q.speaker, q.text, q.channel, q.start, q.end), document_info(q.document))
                    for q in session.scalars(query)]

    def entities(self) -> list[tuple[Entity, DocumentInfo]]:
        """Every entity each document names, with its mentions: the people and groups a
        report mentions or quotes whether or not they take part in an event."""
        query = (select(EntityRow).join(EntityRow.document)
                 .options(contains_eager(EntityRow.document), selectinload(EntityRow.mentions)))
        query = query.order_by(DocumentRow.published.is_(None), DocumentRow.published, DocumentRow.id,
                               EntityRow.position)
        with self.session() as session:
            return [(entity_of(row), document_info(row.document)) for row in session.scalars(query)]

    def events(self, type: str | None = None, since: date | None = None,
               until: date | None = None) -> list[StoredEvent]:
        """Stored event reports, by date (undated last), then publication and id.

        ``since``/``until`` keep events whose date range overlaps ``[since, until]``;
        an event with an unknown date overlaps nothing, so a date filter leaves it out.
        """
        query = select(EventRow).join(EventRow.document).options(*_EVENT, contains_eager(EventRow.document))
        if type is not None:
            query = query.where(EventRow.type == type)
        if since is not None:
            query = query.where(EventRow.date_end >= since)
        if until is not None:
            query = query.where(EventRow.date_start <= until)
        query = query.order_by(EventRow.date_start.is_(None), EventRow.date_start, EventRow.date_end,
                               DocumentRow.published.is_(None), DocumentRow.published, EventRow.id)
        with self.session() as session:
            return [_stored(row) for row in session.scalars(query)]

    def search_documents(self, query: str, limit: int = 20) -> list[DocumentInfo]:
        """Documents holding every word of ``query`` (full-text index, ``store.search``),
        by publication date (undated last), then id."""
        with self.session() as session:
            ids = search.document_ids(session, query, limit)
            rows = {row.id: row for row in session.scalars(select(DocumentRow).where(DocumentRow.id.in_(ids)))}
            return [document_info(rows[doc_id]) for doc_id in ids]

    def entity_names(self, query: str, limit: int = 50) -> list[str]:
        """Stored entity names ``query`` names (trigram similarity on PostgreSQL), best first."""
        with self.session() as session:
            return search.entity_names(session, query, limit)

    def event(self, event_id: int) -> StoredEvent | None:
        with self.session() as session:
            query = select(EventRow).join(EventRow.document).options(*_EVENT, contains_eager(EventRow.document))
            row = session.scalars(query.where(EventRow.id == event_id)).first()
            return _stored(row) if row is not None else None

    @staticmethod
    def _row(session: Session, doc_id: str, *options: Any) -> DocumentRow:
        row = session.scalars(select(DocumentRow).options(*options).where(DocumentRow.id == doc_id)).first()
        if row is None:
            raise StorageError(f"no document {doc_id!r} in the store")
        return row


_ENTRY = re.compile(r"^entry \d+\b")


def _entry_label(reason: str) -> str | None:
    """"entry 2" when a failure is a feed entry's (``ingest.feeds`` names it first)."""
    found = _ENTRY.match(reason)
    return found.group(0) if found else None


def _same_line(line: int | None) -> Any:
    return FailureRow.line.is_(None) if line is None else FailureRow.line == line


def _stored(row: EventRow) -> StoredEvent:
    return StoredEvent(row.id, document_info(row.document), event_of(row))


def _by_publication(query: Select[Any]) -> Select[Any]:
    """Orders documents by publication date, undated last on every backend."""
    return query.order_by(DocumentRow.published.is_(None), DocumentRow.published, DocumentRow.id)


def _sqlite_pragmas(connection: Any, _record: Any) -> None:
    """SQLite enforces foreign keys (and so cascades) only when asked, per connection."""
    cursor = connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.close()


def _sqlite_file(engine: Engine) -> str | None:
    """The file of a SQLite database (``file:`` URIs included), None when in memory."""
    if engine.dialect.name != "sqlite":
        return None
    database = engine.url.database or ""
    if database.startswith("file:"):
        database = database[len("file:"):].split("?", 1)[0]
    return database if database and database != ":memory:" and "mode=memory" not in str(engine.url) else None


def engine_url(url: str) -> URL | str:
    """``url`` with PostgreSQL's driver spelled out when it is not.

    SQLAlchemy reads a bare ``postgresql://`` as psycopg2, which newsledger does not
    install; the driver it ships with is psycopg 3, so that URL means it here.
    """
    try:
        parsed = make_url(url)
    except (ArgumentError, ValueError):
        return url  # create_engine reports it
    return parsed.set(drivername="postgresql+psycopg") if parsed.drivername == "postgresql" else parsed


def _read_only_engine(url: str, shown: str) -> Engine:
    """An engine that cannot write: SQLite opened ``mode=ro``, PostgreSQL read-only sessions."""
    parsed = engine_url(url)
    if isinstance(parsed, str):
        return create_engine(parsed)  # create_engine reports the bad URL
    if parsed.get_backend_name() == "sqlite":
        path = parsed.database
        if not path or path == ":memory:":
            return create_engine(parsed)  # nothing on disk to protect
        if not Path(path).exists():
            raise StorageError(f"no database at {path!r} ({shown}): ingest documents first,"
                               " e.g. `newsledger --db URL ingest FILE`")
        uri = f"file:{Path(path).resolve().as_posix()}?mode=ro"
        return create_engine("sqlite://", creator=lambda: sqlite3.connect(uri, uri=True, check_same_thread=False))
    if parsed.get_backend_name() == "postgresql":
        return create_engine(parsed, connect_args={"options": "-c default_transaction_read_only=on"})
    return create_engine(parsed)


def _safe(url: str) -> str:
    """The URL with any password hidden, for messages."""
    try:
        return make_url(url).render_as_string(hide_password=True)
    except (ArgumentError, ValueError):
        return url
