"""The ledger's own tables, declared on the store's ``Base`` (created by migration 0002).

They hold the merge state so that ingesting one more document does not redo the rest:
each merged report (with the entity knowledge its names need), the component it belongs
to, the candidate links found when it was added, a person's decisions, each record with
its members and its exported form, and the claims to check. Reports are kept as JSON
snapshots rather than joined from the store's event rows, so that loading the ledger is
one query per table.
"""
from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import JSON, Boolean, Date, DateTime, Float, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from newsledger.store.schema import Base, utcnow


class LedgerDocumentRow(Base):
    """A document whose events and claims are in the ledger (also when it has none)."""

    __tablename__ = "ledger_documents"

    document_id: Mapped[str] = mapped_column(String(80), primary_key=True)
    merged: Mapped[datetime] = mapped_column(DateTime, default=utcnow)


class LedgerReportRow(Base):
    """One merged report; ``component`` is the smallest report key of its sure-link component."""

    __tablename__ = "ledger_reports"

    key: Mapped[str] = mapped_column(String(255), primary_key=True)
    document_id: Mapped[str] = mapped_column(String(80), index=True)
    component: Mapped[str] = mapped_column(String(255), index=True)
    payload: Mapped[dict[str, Any]] = mapped_column(JSON)


class LedgerLinkRow(Base):
    """A candidate link (score between the unsure and sure thresholds) between two reports."""

    __tablename__ = "ledger_links"

    a: Mapped[str] = mapped_column(String(255), primary_key=True)
    b: Mapped[str] = mapped_column(String(255), primary_key=True)
    score: Mapped[float] = mapped_column(Float)


class LedgerDecisionRow(Base):
    """A person's merge or split, as report-key pairs, re-applied after every re-merge."""

    __tablename__ = "ledger_decisions"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    kind: Mapped[str] = mapped_column(String(16))
    pairs: Mapped[list[list[str]]] = mapped_column(JSON)
    created: Mapped[datetime] = mapped_column(DateTime, default=utcnow)


class LedgerRecordRow(Base):
    """A merged event: its members and its "Ledger export" object, for reading without merging."""

    __tablename__ = "ledger_records"

    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    type: Mapped[str] = mapped_column(String(64), index=True)
    date_start: Mapped[date | None] = mapped_column(Date, index=True)
    members: Mapped[list[str]] = mapped_column(JSON)
    payload: Mapped[dict[str, Any]] = mapped_column(JSON)


class LedgerClaimRow(Base):
    """A cumulative or ordinal claim to check, with its document's event-to-report map."""

    __tablename__ = "ledger_claims"

    document_id: Mapped[str] = mapped_column(String(80), primary_key=True)
    position: Mapped[int] = mapped_column(Integer, primary_key=True)
    payload: Mapped[dict[str, Any]] = mapped_column(JSON)


class LedgerShownRow(Base):
    """An event (or a pending record) as the ledger shows it, in flat columns and whole.

    Written at every save (``ledger.published``) so that readers who open the database
    with SQL (the ``events_flat`` view, Datasette, sqlite-utils) see the ledger as placed
    without rebuilding it. Lists are joined with ``export.flat.SEPARATOR``.
    """

    __tablename__ = "ledger_shown"

    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    status: Mapped[str] = mapped_column(String(16))  # event | pending
    type: Mapped[str] = mapped_column(String(64), index=True)
    date_value: Mapped[str | None] = mapped_column(String(32))
    date_precision: Mapped[str | None] = mapped_column(String(16))
    date_start: Mapped[date | None] = mapped_column(Date, index=True)
    date_end: Mapped[date | None] = mapped_column(Date)
    count: Mapped[int | None] = mapped_column(Integer)
    origin: Mapped[str | None] = mapped_column(String(8))
    destination: Mapped[str | None] = mapped_column(String(8))
    location: Mapped[str | None] = mapped_column(Text)
    agents: Mapped[str] = mapped_column(Text)
    persons: Mapped[str] = mapped_column(Text)
    organizations: Mapped[str] = mapped_column(Text)
    negated: Mapped[bool] = mapped_column(Boolean)
    hypothetical: Mapped[bool] = mapped_column(Boolean)
    sources: Mapped[int] = mapped_column(Integer)
    conflicts: Mapped[bool] = mapped_column(Boolean)
    conflicted_fields: Mapped[str] = mapped_column(Text)
    first_source_url: Mapped[str | None] = mapped_column(Text)
    digest: Mapped[str] = mapped_column(String(64))
    members: Mapped[list[str]] = mapped_column(JSON)  # its reports, supporting ones included
    payload: Mapped[dict[str, Any]] = mapped_column(JSON)


class LedgerStatementRow(Base):
    """One value of a shown event as one document states it, with its span (``statements_flat``)."""

    __tablename__ = "ledger_statements"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    event_id: Mapped[str] = mapped_column(String(32), index=True)
    seq: Mapped[int] = mapped_column(Integer)
    field: Mapped[str] = mapped_column(String(32))
    value: Mapped[str | None] = mapped_column(Text)
    document_id: Mapped[str] = mapped_column(String(80), index=True)
    report: Mapped[str] = mapped_column(String(255))
    start: Mapped[int | None] = mapped_column(Integer)
    end: Mapped[int | None] = mapped_column(Integer)
    text: Mapped[str | None] = mapped_column(Text)
    rule: Mapped[str | None] = mapped_column(String(64))
    cue: Mapped[str | None] = mapped_column(Text)


class LedgerCheckRow(Base):
    """A claim as checked against the ledger's tallies (``claims_flat``)."""

    __tablename__ = "ledger_checks"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    document_id: Mapped[str] = mapped_column(String(80), index=True)
    kind: Mapped[str] = mapped_column(String(16))
    stated: Mapped[float | None] = mapped_column(Float)
    event_type: Mapped[str | None] = mapped_column(String(64))
    origin: Mapped[str | None] = mapped_column(String(8))
    destination: Mapped[str | None] = mapped_column(String(8))
    speaker: Mapped[str | None] = mapped_column(Text)
    start: Mapped[int | None] = mapped_column(Integer)
    end: Mapped[int | None] = mapped_column(Integer)
    text: Mapped[str | None] = mapped_column(Text)
    verdict: Mapped[str] = mapped_column(String(32), index=True)
    expected: Mapped[float | None] = mapped_column(Float)
    confidence: Mapped[float | None] = mapped_column(Float)
    series: Mapped[str | None] = mapped_column(Text)
    explanation: Mapped[str | None] = mapped_column(Text)
    payload: Mapped[dict[str, Any]] = mapped_column(JSON)
