"""The watch mode's own tables, declared on the store's ``Base`` (created by migration 0004).

They are what lets ``newsledger watch`` be stopped and started again without fetching and
extracting everything anew: per source, the validators of its last complete fetch (sent
back as ``If-None-Match``/``If-Modified-Since``) and its run of errors; per source and
item, that the item was taken in, and as what. Keys are SHA-256 digests of the source
and of the item's identity (a feed entry's id or link, a file's path), so that the
primary keys stay short whatever URLs look like.
"""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import DateTime, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from newsledger.store.schema import Base, utcnow


class WatchSourceRow(Base):
    """A watched source: the validators of its last complete fetch and its errors since."""

    __tablename__ = "watch_sources"

    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    source: Mapped[str] = mapped_column(Text)
    etag: Mapped[str | None] = mapped_column(Text)
    last_modified: Mapped[str | None] = mapped_column(Text)
    errors: Mapped[int] = mapped_column(Integer, default=0)
    last_error: Mapped[str | None] = mapped_column(Text)
    polled: Mapped[datetime | None] = mapped_column(DateTime)


class WatchItemRow(Base):
    """An item of a source that was taken in: ``status`` new, duplicate or failed.

    ``version`` tells a changed file from the one already read (size and modification
    time); feed entries have none, since an entry is taken in once.
    """

    __tablename__ = "watch_items"

    source_key: Mapped[str] = mapped_column(String(64), primary_key=True)
    item_key: Mapped[str] = mapped_column(String(64), primary_key=True)
    version: Mapped[str | None] = mapped_column(String(64))
    status: Mapped[str] = mapped_column(String(16))
    document_id: Mapped[str | None] = mapped_column(String(80))
    seen: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
