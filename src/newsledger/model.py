"""The records that flow between extraction, storage and the ledger.

They are plain dataclasses so that every stage can be tested without a model or a
database, and so that the JSON contract of ``shared/spec/ledger-json.md`` is produced
in exactly one place (the ``to_json`` methods here).
"""
from __future__ import annotations

import calendar
import hashlib
import unicodedata
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from newsledger.ontology import event_types

PRECISIONS = ("day", "week", "month", "quarter", "year", "decade", "unknown")
# Finer first: used to pick the most precise statement of a date.
PRECISION_RANK = {name: rank for rank, name in enumerate(PRECISIONS)}

# The event types, in the order of the type table (``newsledger/ontology.yaml``).
EVENT_TYPES = tuple(event_types())
# Event slots that hold several names; their provenance keys are "slot:name".
LIST_SLOTS = ("agents", "organizations", "persons")
CLAIM_KINDS = ("count", "cumulative_total", "ordinal", "percentage")


@dataclass(frozen=True)
class Span:
    """A stretch of the stored document text: ``text == doc_text[start:end]``."""

    start: int
    end: int
    text: str

    def to_json(self) -> dict[str, Any]:
        return {"start": self.start, "end": self.end, "text": self.text}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> "Span":
        if "rule" in data and cls is Span:
            return Evidence.from_json(data)
        return cls(int(data["start"]), int(data["end"]), data["text"])


@dataclass(frozen=True)
class Evidence(Span):
    """Why a value was chosen: the words that state it, the rule that read them
    (an id of ``newsledger.why.RULES``) and the cue word the rule fired on, if any.

    A ``Span`` itself, so that everything that cites where a value was read (the
    ledger, the store, claims) keeps working on an ``Event.provenance`` that holds
    evidence: an analyst asks "why this value?", not only "where?"."""

    rule: str = "unannotated"
    cue: str | None = None

    def to_json(self) -> dict[str, Any]:
        return {"start": self.start, "end": self.end, "text": self.text, "rule": self.rule, "cue": self.cue}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> "Evidence":
        return cls(int(data["start"]), int(data["end"]), data["text"], str(data.get("rule") or "unannotated"),
                   data.get("cue"))

    @classmethod
    def of(cls, span: Span, rule: str, cue: str | None = None) -> "Evidence":
        return cls(span.start, span.end, span.text, rule, cue)


@dataclass(frozen=True)
class DateValue:
    """A calendar reference at a stated precision, with the days it covers.

    Keeping the range next to the TIMEX value lets merging compare a month-precision
    background mention with a day-precision report without re-parsing values.
    """

    value: str | None
    precision: str
    start: date | None
    end: date | None

    @classmethod
    def unknown(cls) -> "DateValue":
        return cls(None, "unknown", None, None)

    @classmethod
    def of_day(cls, day: date) -> "DateValue":
        return cls(day.isoformat(), "day", day, day)

    @classmethod
    def of_week(cls, year: int, week: int) -> "DateValue":
        monday = date.fromisocalendar(year, week, 1)
        return cls(f"{year:04d}-W{week:02d}", "week", monday, monday + timedelta(days=6))

    @classmethod
    def of_month(cls, year: int, month: int) -> "DateValue":
        last = calendar.monthrange(year, month)[1]
        return cls(f"{year:04d}-{month:02d}", "month", date(year, month, 1), date(year, month, last))

    @classmethod
    def of_quarter(cls, year: int, quarter: int) -> "DateValue":
        first = 3 * (quarter - 1) + 1
        last = calendar.monthrange(year, first + 2)[1]
        return cls(f"{year:04d}-Q{quarter}", "quarter", date(year, first, 1), date(year, first + 2, last))

    @classmethod
    def of_year(cls, year: int) -> "DateValue":
        return cls(f"{year:04d}", "year", date(year, 1, 1), date(year, 12, 31))

    @classmethod
    def of_decade(cls, year: int) -> "DateValue":
        first = year - year % 10
        return cls(f"{first // 10:03d}", "decade", date(first, 1, 1), date(first + 9, 12, 31))

    @property
    def known(self) -> bool:
        return self.start is not None

    def overlaps(self, other: "DateValue") -> bool:
        if not self.known or not other.known:
            return True
        assert self.start and self.end and other.start and other.end
        return self.start <= other.end and other.start <= self.end

    def contains(self, other: "DateValue") -> bool:
        if not self.known or not other.known:
            return False
        assert self.start and self.end and other.start and other.end
        return self.start <= other.start and other.end <= self.end

    def to_json(self) -> dict[str, Any]:
        return {
            "value": self.value,
            "precision": self.precision,
            "start": self.start.isoformat() if self.start else None,
            "end": self.end.isoformat() if self.end else None,
        }

    @classmethod
    def from_json(cls, data: dict[str, Any] | None) -> "DateValue":
        if not data or not data.get("start"):
            return cls.unknown()
        return cls(data.get("value"), data.get("precision", "unknown"),
                   date.fromisoformat(data["start"]), date.fromisoformat(data.get("end") or data["start"]))


@dataclass
class DocumentInfo:
    """What is known of a document apart from its text."""

    id: str
    source: str
    published: date | None
    language: str
    title: str | None = None
    url: str | None = None
    outlet: str | None = None

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "source": self.source,
            "title": self.title,
            "published": self.published.isoformat() if self.published else None,
            "language": self.language,
        }


@dataclass
class Entity:
    """A canonical entity as one document mentions it."""

    id: str
    name: str
    type: str  # person | organization | place
    category: str | None = None
    country: str | None = None
    titles: list[str] = field(default_factory=list)
    kb_id: str | None = None
    wikidata: str | None = None
    mentions: list[Span] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id, "name": self.name, "type": self.type, "category": self.category,
            "country": self.country, "titles": list(self.titles), "kb_id": self.kb_id,
            "wikidata": self.wikidata, "mentions": [m.to_json() for m in self.mentions],
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> "Entity":
        return cls(data["id"], data["name"], data["type"], data.get("category"), data.get("country"),
                   list(data.get("titles") or []), data.get("kb_id"), data.get("wikidata"),
                   [Span.from_json(m) for m in data.get("mentions") or []])


@dataclass
class Event:
    """One event as one document states it (a report, not yet a ledger record)."""

    id: str
    type: str
    date: DateValue = field(default_factory=DateValue.unknown)
    count: int | None = None
    origin: str | None = None
    destination: str | None = None
    agents: list[str] = field(default_factory=list)
    organizations: list[str] = field(default_factory=list)
    persons: list[str] = field(default_factory=list)
    location: str | None = None
    negated: bool = False
    hypothetical: bool = False
    evidence: list[Span] = field(default_factory=list)
    # Where each value was read and why, keyed "slot" or "slot:value" ("type" for the
    # trigger, "empty:slot" for why a slot was left empty); the ledger cites the spans,
    # the contract JSON carries it as the added "why" object.
    provenance: dict[str, Span] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id, "type": self.type, "date": self.date.to_json(), "count": self.count,
            "origin": self.origin, "destination": self.destination, "agents": list(self.agents),
            "organizations": list(self.organizations), "persons": list(self.persons),
            "location": self.location, "negated": self.negated, "hypothetical": self.hypothetical,
            "evidence": [s.to_json() for s in self.evidence],
            "why": self.why_json(),
        }

    def why_json(self) -> dict[str, Any]:
        """``provenance`` as the contract's added ``why`` object: one reason per scalar
        slot ("type", "date", "count", …), a name → reason map per list slot, and under
        "empty" the reasons recorded for slots deliberately left empty."""
        why: dict[str, Any] = {}
        for key, span in self.provenance.items():
            reason = span.to_json() if isinstance(span, Evidence) else {**span.to_json(), "rule": None, "cue": None}
            slot, _, value = key.partition(":")
            if slot == "empty":
                why.setdefault("empty", {})[value] = reason
            elif slot in LIST_SLOTS and value:
                why.setdefault(slot, {})[value] = reason
            else:
                why[key] = reason
        return why

    def to_record(self) -> dict[str, Any]:
        """The contract object plus provenance, for storage."""
        record = self.to_json()
        record["provenance"] = {key: span.to_json() for key, span in self.provenance.items()}
        return record

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> "Event":
        return cls(
            data["id"], data["type"], DateValue.from_json(data.get("date")), data.get("count"),
            data.get("origin"), data.get("destination"), list(data.get("agents") or []),
            list(data.get("organizations") or []), list(data.get("persons") or []),
            data.get("location"), bool(data.get("negated")), bool(data.get("hypothetical")),
            [Span.from_json(s) for s in data.get("evidence") or []],
            {k: Span.from_json(v) for k, v in (data.get("provenance") or {}).items()},
        )


@dataclass
class Quote:
    speaker: str | None
    text: str
    channel: str | None
    start: int
    end: int

    def to_json(self) -> dict[str, Any]:
        return {"speaker": self.speaker, "text": self.text, "channel": self.channel,
                "start": self.start, "end": self.end}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> "Quote":
        return cls(data.get("speaker"), data["text"], data.get("channel"), data["start"], data["end"])


@dataclass
class Claim:
    """A figure a text states. ``low``/``high`` bound approximate figures ("nearly 100")."""

    kind: str
    value: int | float
    event_type: str | None
    start: int
    end: int
    origin: str | None = None
    destination: str | None = None
    speaker: str | None = None
    low: int | float | None = None
    high: int | float | None = None
    text: str | None = None
    # The local id ("v2") of the event in the same extraction the figure is about, and
    # the period an ordinal counts within ("the first of 2026"): the claim checker needs
    # both, the contract does not carry them.
    event: str | None = None
    period: DateValue | None = None

    def to_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "kind": self.kind, "value": self.value, "event_type": self.event_type,
            "origin": self.origin, "destination": self.destination, "speaker": self.speaker,
            "start": self.start, "end": self.end,
        }
        if self.low is not None or self.high is not None:
            data["low"], data["high"] = self.low, self.high
        if self.text is not None:
            data["text"] = self.text
        if self.event is not None:
            data["event"] = self.event
        if self.period is not None:
            data["period"] = self.period.to_json()
        return data

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> "Claim":
        return cls(data["kind"], data["value"], data.get("event_type"), data["start"], data["end"],
                   data.get("origin"), data.get("destination"), data.get("speaker"),
                   data.get("low"), data.get("high"), data.get("text"), data.get("event"),
                   DateValue.from_json(data["period"]) if data.get("period") else None)


@dataclass
class RawDocument:
    """One article as read from a file (or uploaded), before any extraction.

    ``source`` is the file (or URL) it came from and ``line`` its line for JSON Lines,
    so that a later failure can still be reported where the user can find it.
    ``warnings`` carries problems that did not stop the document (e.g. invalid UTF-8):
    they are strings, not Python warnings, so that they can be stored and shown.
    It lives in the model, not in ``ingest/``, because the store and the ledger take it
    too and must not depend on the readers.
    """

    text: str
    source: str
    published: date | None = None
    language: str | None = None
    title: str | None = None
    url: str | None = None
    outlet: str | None = None
    line: int | None = None
    warnings: list[str] = field(default_factory=list)
    # The language was guessed from the text, not stated: a later ingest of the same text
    # then corrects the stored document's language only when one is stated.
    language_detected: bool = False

    def corrections(self, stored: DocumentInfo) -> list[str]:
        """The metadata this reading states differently from the stored document's
        (``published``, ``language``, ``url``, ``title``, ``outlet``): what re-ingesting
        the same text corrects. What it does not state is kept as stored."""
        fields = ["published", "url", "title", "outlet"] + ([] if self.language_detected else ["language"])
        return [name for name in fields
                if getattr(self, name) is not None and getattr(self, name) != getattr(stored, name)]


def normalise_text(text: str) -> str:
    """NFC, Unix line ends, no surrounding blank space: the form that is hashed and stored."""
    text = unicodedata.normalize("NFC", text)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text.strip()


def content_hash(text: str) -> str:
    """``sha256:<hex>`` of the normalised text: the document id, so duplicates collapse."""
    digest = hashlib.sha256(normalise_text(text).encode("utf-8")).hexdigest()
    return f"sha256:{digest}"


@dataclass
class Extraction:
    """Everything one document yields on its own: the "Document extraction" JSON."""

    document: DocumentInfo
    entities: list[Entity] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    claims: list[Claim] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return {
            "document": self.document.to_json(),
            "entities": [e.to_json() for e in self.entities],
            "events": [e.to_json() for e in self.events],
            "quotes": [q.to_json() for q in self.quotes],
            "claims": [c.to_json() for c in self.claims],
        }
