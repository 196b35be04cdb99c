"""The database tables, as SQLAlchemy 2 declarative models.

Every extracted value keeps its document and the span of text it was read from, so the
ledger can always cite the words behind a fact. Only portable types are used (no
dialect-specific ones), so SQLite and PostgreSQL hold the same schema. ``Base`` is
shared: the ledger module declares its own tables on it, in a later migration.

The migrations in ``migrations/versions`` create these tables; a test checks that
they and this module agree, so change both together.
"""
from __future__ import annotations

from datetime import date, datetime, timezone

from sqlalchemy import (JSON, Boolean, Date, DateTime, Float, ForeignKey, Integer, MetaData,
                        String, Text, UniqueConstraint)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

# Named constraints, so that later migrations can alter them on every backend.
NAMING_CONVENTION = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def utcnow() -> datetime:
    """Naive UTC: SQLite keeps no time zone, so both backends store UTC without one."""
    return datetime.now(timezone.utc).replace(tzinfo=None)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


class DocumentRow(Base):
    """One stored article; its id is the content hash of its text."""

    __tablename__ = "documents"

    id: Mapped[str] = mapped_column(String(80), primary_key=True)
    source: Mapped[str] = mapped_column(Text)
    url: Mapped[str | None] = mapped_column(Text)
    title: Mapped[str | None] = mapped_column(Text)
    outlet: Mapped[str | None] = mapped_column(Text)
    published: Mapped[date | None] = mapped_column(Date, index=True)
    language: Mapped[str] = mapped_column(String(16))
    # Deferred: listings and event queries should not drag every article's text along.
    text: Mapped[str] = mapped_column(Text, deferred=True)
    warnings: Mapped[list[str]] = mapped_column(JSON, default=list)
    created: Mapped[datetime] = mapped_column(DateTime, default=utcnow)

    entities: Mapped[list[EntityRow]] = relationship(
        back_populates="document", cascade="all, delete-orphan", order_by="EntityRow.position")
    events: Mapped[list[EventRow]] = relationship(
        back_populates="document", cascade="all, delete-orphan", order_by="EventRow.position")
    quotes: Mapped[list[QuoteRow]] = relationship(back_populates="document", cascade="all, delete-orphan",
                                                  order_by="QuoteRow.position")
    claims: Mapped[list[ClaimRow]] = relationship(cascade="all, delete-orphan", order_by="ClaimRow.position")


class EntityRow(Base):
    """A canonical entity as one document mentions it (``id`` local to the document: "e1")."""

    __tablename__ = "entities"
    __table_args__ = (UniqueConstraint("document_id", "local_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    document_id: Mapped[str] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    local_id: Mapped[str] = mapped_column(String(64))
    name: Mapped[str] = mapped_column(Text)
    type: Mapped[str] = mapped_column(String(32))
    category: Mapped[str | None] = mapped_column(String(64))
    country: Mapped[str | None] = mapped_column(String(16))
    titles: Mapped[list[str]] = mapped_column(JSON, default=list)
    kb_id: Mapped[str | None] = mapped_column(String(255), index=True)
    wikidata: Mapped[str | None] = mapped_column(String(64))

    document: Mapped[DocumentRow] = relationship(back_populates="entities")
    mentions: Mapped[list[MentionRow]] = relationship(cascade="all, delete-orphan", order_by="MentionRow.position")


class MentionRow(Base):
    """Where the text names an entity."""

    __tablename__ = "mentions"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    entity_id: Mapped[int] = mapped_column(ForeignKey("entities.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    start: Mapped[int] = mapped_column(Integer)
    end: Mapped[int] = mapped_column(Integer)
    text: Mapped[str] = mapped_column(Text)


class EventRow(Base):
    """One event as one document reports it; ``id`` is global, ``local_id`` ("v1") per document."""

    __tablename__ = "events"
    __table_args__ = (UniqueConstraint("document_id", "local_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    document_id: Mapped[str] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    local_id: Mapped[str] = mapped_column(String(64))
    type: Mapped[str] = mapped_column(String(64), index=True)
    date_value: Mapped[str | None] = mapped_column(String(32))
    date_precision: Mapped[str] = mapped_column(String(16))
    date_start: Mapped[date | None] = mapped_column(Date, index=True)
    date_end: Mapped[date | None] = mapped_column(Date)
    count: Mapped[int | None] = mapped_column(Integer)
    origin: Mapped[str | None] = mapped_column(String(64))
    destination: Mapped[str | None] = mapped_column(String(64))
    location: Mapped[str | None] = mapped_column(Text)
    negated: Mapped[bool] = mapped_column(Boolean, default=False)
    hypothetical: Mapped[bool] = mapped_column(Boolean, default=False)

    document: Mapped[DocumentRow] = relationship(back_populates="events")
    roles: Mapped[list[EventRoleRow]] = relationship(
        cascade="all, delete-orphan", order_by="EventRoleRow.position")
    evidence: Mapped[list[EvidenceRow]] = relationship(cascade="all, delete-orphan", order_by="EvidenceRow.position")
    provenance: Mapped[list[ProvenanceRow]] = relationship(cascade="all, delete-orphan", order_by="ProvenanceRow.seq")


class EventRoleRow(Base):
    """A participant: ``role`` is agents, organizations or persons; ``name`` the canonical name.

    ``start``/``end``/``text`` locate the words it was read from (``Event.provenance``
    key ``"role:name"``) when known; ``entity_id`` points at the document's entity of
    that name, if there is one. ``provenance_seq`` keeps the span's place among the
    event's other provenance entries, so the mapping is rebuilt in its original order.
    """

    __tablename__ = "event_roles"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"), index=True)
    role: Mapped[str] = mapped_column(String(32))
    position: Mapped[int] = mapped_column(Integer)
    name: Mapped[str] = mapped_column(Text)
    entity_id: Mapped[int | None] = mapped_column(ForeignKey("entities.id", ondelete="SET NULL"), index=True)
    start: Mapped[int | None] = mapped_column(Integer)
    end: Mapped[int | None] = mapped_column(Integer)
    text: Mapped[str | None] = mapped_column(Text)
    provenance_seq: Mapped[int | None] = mapped_column(Integer)
    # Why the name was chosen (``model.Evidence``): a ``newsledger.why`` rule id and its cue.
    rule: Mapped[str | None] = mapped_column(String(64))
    cue: Mapped[str | None] = mapped_column(Text)

    entity: Mapped[EntityRow | None] = relationship()


class EvidenceRow(Base):
    """A stretch of text that states the event."""

    __tablename__ = "event_evidence"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    start: Mapped[int] = mapped_column(Integer)
    end: Mapped[int] = mapped_column(Integer)
    text: Mapped[str] = mapped_column(Text)


class ProvenanceRow(Base):
    """Where a slot value other than a participant was read ("count", "date", "origin:MX"),
    and why: the ``newsledger.why`` rule id and cue of its ``model.Evidence``, if any."""

    __tablename__ = "event_provenance"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"), index=True)
    seq: Mapped[int] = mapped_column(Integer)
    key: Mapped[str] = mapped_column(Text)
    start: Mapped[int] = mapped_column(Integer)
    end: Mapped[int] = mapped_column(Integer)
    text: Mapped[str] = mapped_column(Text)
    rule: Mapped[str | None] = mapped_column(String(64))
    cue: Mapped[str | None] = mapped_column(Text)


class QuoteRow(Base):
    """Quoted words (without the quotation marks) and who said them where."""

    __tablename__ = "quotes"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    document_id: Mapped[str] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    speaker: Mapped[str | None] = mapped_column(Text)
    text: Mapped[str] = mapped_column(Text)
    channel: Mapped[str | None] = mapped_column(String(255))
    start: Mapped[int] = mapped_column(Integer)
    end: Mapped[int] = mapped_column(Integer)

    document: Mapped[DocumentRow] = relationship(back_populates="quotes")


class ClaimRow(Base):
    """A figure the text states.

    ``value``/``low``/``high`` are floats for querying; ``integral`` lists which of them
    were integers, so that 92 comes back as 92 and not 92.0. ``event_ref`` is the
    claim's event as the extraction names it ("v2"), ``event_id`` the stored row.
    """

    __tablename__ = "claims"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    document_id: Mapped[str] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    kind: Mapped[str] = mapped_column(String(32))
    value: Mapped[float] = mapped_column(Float)
    low: Mapped[float | None] = mapped_column(Float)
    high: Mapped[float | None] = mapped_column(Float)
    integral: Mapped[list[str]] = mapped_column(JSON, default=list)
    event_type: Mapped[str | None] = mapped_column(String(64), index=True)
    origin: Mapped[str | None] = mapped_column(String(64))
    destination: Mapped[str | None] = mapped_column(String(64))
    speaker: Mapped[str | None] = mapped_column(Text)
    start: Mapped[int] = mapped_column(Integer)
    end: Mapped[int] = mapped_column(Integer)
    text: Mapped[str | None] = mapped_column(Text)
    event_ref: Mapped[str | None] = mapped_column(String(64))
    event_id: Mapped[int | None] = mapped_column(ForeignKey("events.id", ondelete="SET NULL"), index=True)
    period_value: Mapped[str | None] = mapped_column(String(32))
    period_precision: Mapped[str | None] = mapped_column(String(16))
    period_start: Mapped[date | None] = mapped_column(Date)
    period_end: Mapped[date | None] = mapped_column(Date)

    event: Mapped[EventRow | None] = relationship()


class FailureRow(Base):
    """A document that could not be read or stored, and why."""

    __tablename__ = "failures"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    source: Mapped[str] = mapped_column(Text)
    line: Mapped[int | None] = mapped_column(Integer)
    reason: Mapped[str] = mapped_column(Text)
    created: Mapped[datetime] = mapped_column(DateTime, default=utcnow, index=True)


# The tables this module declares (the ledger adds its own to ``Base.metadata`` later).
TABLES: tuple[str, ...] = tuple(Base.metadata.tables)
