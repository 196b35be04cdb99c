"""The exceptions newsledger raises on purpose.

A small hierarchy, in the manner of httpx: callers catch ``NewsledgerError`` for
anything the library reports deliberately, or a subclass to handle one kind. Every
message names what failed, where (file and line when known) and what to do about it,
because the CLI prints it as the whole explanation.
"""
from __future__ import annotations


class NewsledgerError(Exception):
    """Base class of every error newsledger raises deliberately."""


class InputError(NewsledgerError):
    """A document could not be read: empty, binary, malformed, too large, bad date…

    ``source`` is the file (or URL) and ``line`` the line number for line-oriented
    formats, so that a batch can report the failure and go on with the rest.
    """

    def __init__(self, source: str, reason: str, line: int | None = None, hint: str | None = None):
        self.source = source
        self.reason = reason
        self.line = line
        self.hint = hint
        where = f"{source}:{line}" if line is not None else source
        message = f"{where}: {reason}"
        if hint:
            message += f" ({hint})"
        super().__init__(message)

    def __reduce__(self) -> tuple[type, tuple[object, ...]]:
        # Rebuilt from its parts: a Dask worker's error is unpickled in the writer.
        return type(self), (self.source, self.reason, self.line, self.hint)


class ExtractionError(NewsledgerError):
    """Extracting one document failed (a model or rule error): that document's failure.

    Raised in place of whatever went wrong inside the pipeline, with the file (and line)
    of the document, so that a batch records it and goes on with the others.
    """

    def __init__(self, source: str, reason: str, line: int | None = None):
        self.source = source
        self.reason = reason
        self.line = line
        where = f"{source}:{line}" if line is not None else source
        super().__init__(f"{where}: {reason}")

    def __reduce__(self) -> tuple[type, tuple[object, ...]]:
        # Rebuilt from its parts: a Dask worker's error is unpickled in the writer.
        return type(self), (self.source, self.reason, self.line)


class SourceError(NewsledgerError):
    """A watched source could not be fetched or read this time: an HTTP error status, a
    network error, a body that is no feed, a folder that went away.

    ``newsledger watch`` logs it, backs off on that source and tries again later;
    ``retry_after`` is the wait in seconds the server asked for (HTTP 429/503), if any.
    """

    def __init__(self, source: str, reason: str, retry_after: float | None = None):
        self.source = source
        self.reason = reason
        self.retry_after = retry_after
        super().__init__(f"{source}: {reason}")


class KnowledgeBaseError(NewsledgerError):
    """A knowledge-base or language data file is malformed; names the file and entry."""


class ModelNotAvailable(NewsledgerError):
    """No spaCy pipeline for a language is installed (nothing is downloaded at run time)."""


class StorageError(NewsledgerError):
    """The database could not be opened, migrated or written."""


class ClusterError(NewsledgerError):
    """The Dask cluster for ``ingest --workers/--scheduler`` could not be started or reached."""


class LedgerError(NewsledgerError):
    """A ledger operation was refused: unknown record id, merging incompatible records…"""


class NotFound(NewsledgerError):
    """What was asked for does not exist: an unknown event, entity, document or series id.

    The message names the id and where to find valid ones; the API answers 404.
    """


class Refused(NewsledgerError):
    """A request was understood but refused: merging a claimed event into a real one,
    splitting a single report, or a write without the token. The API answers 409 (or 403
    for a missing or wrong token, which ``newsledger.api`` decides itself)."""
