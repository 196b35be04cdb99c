"""What a watched source is and how one fetch of it goes: feeds by URL, feed files, folders.

A fetch returns the source's items, each with what identifies it across fetches (``key``)
and, for files, what tells a changed file from the one read before (``version``). It is
told the validators of the last complete fetch and answers "not modified" when they
still hold: an HTTP feed sends them as ``If-None-Match``/``If-Modified-Since`` (and a 304
costs the server nothing), a feed file compares its size and modification time. A
source that cannot be fetched this time raises ``SourceError``; the poller backs off.

Feed entries are read by the same code as ``newsledger ingest feed.xml`` (their content,
else their summary); the entry's page is not fetched. Folder files are read by the same
readers as ``newsledger ingest FOLDER``.
"""
from __future__ import annotations

import email.utils
import hashlib
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Protocol

import httpx

from newsledger.errors import InputError, SourceError
from newsledger.ingest import DEFAULT_MAX_BYTES, find_files, read_file
from newsledger.ingest.document import normalise_language
from newsledger.ingest.feeds import check_feed, feed_entries, looks_like_feed
from newsledger.ingest.reader import apply_overrides
from newsledger.model import RawDocument

USER_AGENT = "newsledger-watch/0.1 (+https://github.com/newsledger)"
TIMEOUT_S = 30.0
# Files modified more recently than this are left for the next poll: they may still be
# being written, and a half-written article would be stored as it is.
SETTLE_S = 1.0

Document = RawDocument | InputError
IsNew = Callable[[str, "str | None"], bool]


@dataclass(frozen=True)
class Validators:
    """What the last complete fetch of a source answered, to be sent back next time."""

    etag: str | None = None
    last_modified: str | None = None


@dataclass(frozen=True)
class Item:
    """One thing a source holds: a feed entry (one document) or a file (one or more)."""

    key: str
    version: str | None
    documents: list[Document]


@dataclass
class Fetched:
    """The outcome of one fetch: the items (none when not modified) and the new validators."""

    items: list[Item] = field(default_factory=list)
    validators: Validators = Validators()
    not_modified: bool = False


@dataclass(frozen=True)
class ReadOptions:
    """What the caller states about every document of the watched sources."""

    language: str | None = None
    max_bytes: int = DEFAULT_MAX_BYTES
    settle_s: float = SETTLE_S


class Source(Protocol):
    """A watched source; ``name`` is how logs and failures name it, ``identity`` what the
    database remembers it by (a URL, or a folder's or file's absolute path)."""

    name: str
    identity: str

    def fetch(self, validators: Validators, is_new: IsNew) -> Fetched: ...


def open_source(name: str, client: httpx.Client, options: ReadOptions = ReadOptions()) -> Source:
    """The source ``name`` stands for: an http(s) URL is a feed (fetched with ``client``,
    which the caller closes), a folder is a folder, a file is a feed file (or, if it is
    no feed, a file read whenever it changes)."""
    if name.startswith(("http://", "https://")):
        return FeedURL(name, options, client)
    path = Path(name)
    if path.is_dir():
        return Folder(name, options)
    if path.is_file():
        return FeedFile(name, options)
    raise InputError(name, "no such file or folder, and not an http(s) URL",
                     hint="give a feed URL (http://… or https://…), a feed file or a folder")


def new_client() -> httpx.Client:
    """The HTTP client a watch shares between its feeds (connections are kept alive)."""
    return httpx.Client(timeout=TIMEOUT_S, follow_redirects=True, headers={"User-Agent": USER_AGENT})


# ----------------------------------------------------------------------------- feeds

class FeedURL:
    """An RSS or Atom feed over HTTP, fetched with conditional GET."""

    def __init__(self, url: str, options: ReadOptions, client: httpx.Client) -> None:
        self.name = self.identity = url
        self.options = options
        self.client = client

    def fetch(self, validators: Validators, is_new: IsNew) -> Fetched:
        headers = {}
        if validators.etag:
            headers["If-None-Match"] = validators.etag
        if validators.last_modified:
            headers["If-Modified-Since"] = validators.last_modified
        try:
            with self.client.stream("GET", self.name, headers=headers) as response:
                if response.status_code == 304:
                    return Fetched(validators=validators, not_modified=True)
                if response.status_code >= 400:
                    raise SourceError(self.name, f"HTTP {response.status_code} {response.reason_phrase}".strip(),
                                      retry_after=retry_after(response.headers.get("Retry-After")))
                body = self._body(response)
                answered = Validators(response.headers.get("ETag"), response.headers.get("Last-Modified"))
        except httpx.HTTPError as error:
            raise SourceError(self.name, f"network error ({type(error).__name__}: {error or 'no message'})") from None
        return Fetched(feed_items(body, self.name, self.options), answered)

    def _body(self, response: httpx.Response) -> bytes:
        limit = self.options.max_bytes
        chunks: list[bytes] = []
        size = 0
        for chunk in response.iter_bytes():
            size += len(chunk)
            if size > limit:
                raise SourceError(self.name, f"feed is over the {limit}-byte limit")
            chunks.append(chunk)
        return b"".join(chunks)


class FeedFile:
    """A feed on disk (or, if the file is no feed, any file newsledger reads), read again
    whenever its size or modification time changes."""

    def __init__(self, name: str, options: ReadOptions) -> None:
        self.name = name
        self.path = Path(name).resolve()
        self.identity = str(self.path)
        self.options = options

    def fetch(self, validators: Validators, is_new: IsNew) -> Fetched:
        try:
            stat = self.path.stat()
            version = _version(stat.st_size, stat.st_mtime_ns)
            if validators.etag == version:
                return Fetched(validators=validators, not_modified=True)
            if stat.st_size > self.options.max_bytes:
                raise SourceError(self.name, f"file is over the {self.options.max_bytes}-byte limit")
            data = self.path.read_bytes()
        except OSError as error:
            raise SourceError(self.name, f"cannot read file: {error.strerror or error}") from None
        if looks_like_feed(data):
            return Fetched(feed_items(data, self.name, self.options), Validators(etag=version))
        return Fetched([_file_item(Path(self.name), "file", version, self.options)], Validators(etag=version))


def feed_items(data: bytes, source: str, options: ReadOptions) -> list[Item]:
    """The entries of a fetched feed as items; ``SourceError`` when it is no readable feed."""
    try:
        check_feed(data, source)
        entries = feed_entries(data, source)
    except InputError as error:
        raise SourceError(source, f"malformed feed: {error.reason}") from None
    items = []
    for entry in entries:
        document = entry.item
        if isinstance(document, RawDocument):
            try:
                apply_overrides(document, None, _language(options, source), None)
            except InputError as error:
                document = error
        items.append(Item(entry.key, None, [document]))
    return items


def _language(options: ReadOptions, source: str) -> str | None:
    return normalise_language(options.language, source) if options.language else None


# ----------------------------------------------------------------------------- folders

class Folder:
    """A folder whose new and changed files are read (hidden files are skipped)."""

    def __init__(self, name: str, options: ReadOptions) -> None:
        self.name = name
        self.path = Path(name).resolve()
        self.identity = str(self.path)
        self.options = options

    def fetch(self, validators: Validators, is_new: IsNew) -> Fetched:
        if not self.path.is_dir():
            raise SourceError(self.name, "the folder is gone")
        settled = time.time() - self.options.settle_s
        items = []
        for path in find_files(self.path):
            try:
                stat = path.stat()
            except OSError:  # removed meanwhile
                continue
            if stat.st_mtime > settled:
                continue
            key = "file:" + path.relative_to(self.path).as_posix()
            version = _version(stat.st_size, stat.st_mtime_ns)
            if is_new(key, version):
                items.append(_file_item(Path(self.name) / path.relative_to(self.path), key, version,
                                        self.options))
        return Fetched(items, validators)


def _file_item(path: Path, key: str, version: str, options: ReadOptions) -> Item:
    """A file's documents (several for JSON Lines), read as ``newsledger ingest`` reads it."""
    language = _language(options, str(path))
    return Item(key, version, list(read_file(path, language=language, max_bytes=options.max_bytes)))


def _version(size: int, mtime_ns: int) -> str:
    return hashlib.sha256(f"{size}:{mtime_ns}".encode()).hexdigest()[:32]


def retry_after(value: str | None) -> float | None:
    """Seconds from a ``Retry-After`` header (a number of seconds or an HTTP date)."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=timezone.utc)
    return max((when - datetime.now(timezone.utc)).total_seconds(), 0.0)
