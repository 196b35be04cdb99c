"""A report: one event as one document states it, prepared for merging.

The ledger never edits what a document said. It keeps each report whole (document, event,
the document's knowledge of the names it uses) and precomputes only what comparisons need
often (date range and publication as day numbers, precision rank, the slots compared first
copied out of the event, names by slot and folded into sets), so that scoring a pair is a
few set and integer operations, cheap enough for 100,000 reports.
"""
from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from newsledger.ledger.names import Name
from newsledger.model import PRECISION_RANK, DocumentInfo, Entity, Event
from newsledger.ontology import event_type

# Reports with no publication date sort after dated ones when choosing a record's anchor.
_UNDATED = date.max

# How much a shared participant says that two reports are of one event, by entity type.
# A named person is specific (one is rarely arrested twice in a year); a group or a country
# takes part in many events.
NAME_WEIGHT = {"person": 3.5, "organization": 0.75, "place": 0.3, None: 0.5}
MAX_NAME_BONUS = 5.0  # shared names add at most this much

_SLOT_TYPES = {"persons": "person", "organizations": "organization", "agents": None}



def count_weight(count: int) -> float:
    """Evidence of an equal count: small counts are common (one extradition is like many
    others), large ones distinctive (29 prisoners on one day)."""
    return min(3.0, 1.5 + 1.5 * math.log10(max(abs(count), 1)))


def report_key(document_id: str, event_id: str) -> str:
    """The stable key of a report: its document and the event's local id."""
    return f"{document_id}#{event_id}"


@dataclass(eq=False, slots=True)
class Report:
    """One event of one document, with the names resolved against that document."""

    key: str
    document: DocumentInfo
    event: Event
    names: dict[str, tuple[Name, ...]] = field(default_factory=dict)
    location: Name | None = None
    entities: tuple[Entity, ...] = ()
    start: int | None = None  # date range as proleptic ordinals, None when unknown
    end: int | None = None
    rank: int = PRECISION_RANK["unknown"]
    participants: tuple[Name, ...] = ()  # agents, organizations and persons, in that order
    folded: frozenset[str] = frozenset()  # their folded names, for the exact-match fast path
    persons_folded: frozenset[str] = frozenset()
    evidence: frozenset[str] = frozenset()  # names that can justify a link on their own
    weights: dict[str, float] = field(default_factory=dict)  # folded name -> weight as evidence
    unique: tuple[Name, ...] = ()  # participants, one per folded name
    # Copied out of the event so that the hot comparison path reads plain attributes.
    kind: tuple[str, bool, bool] = ("", False, False)  # type, negated, hypothetical
    count: int | None = None
    origin: str | None = None
    destination: str | None = None
    count_weight: float = 0.0
    published_day: int | None = None  # publication date as an ordinal
    actors: frozenset[str] = frozenset()  # folded people and groups: a shared one is evidence
    anchors: frozenset[str] = frozenset()  # folded people and "@place": what links an undated report
    people_limit: int | None = None  # the count, when it counts people
    # What a person named here could share with a differently spelt name elsewhere: words,
    # spellings (aliases), and whether one could match without either (see ``names``).
    person_words: frozenset[str] = frozenset()
    person_spellings: frozenset[str] = frozenset()
    person_apart: bool = False
    names_total: float = 0.0  # the most that shared names could add (capped as in scoring)

    @classmethod
    def build(cls, document: DocumentInfo, event: Event, entities: list[Entity] | tuple[Entity, ...] = ()) -> "Report":
        """Prepare one event; ``entities`` are its document's entities (for types and aliases)."""
        by_name: dict[str, Entity] = {}
        for entity in entities:
            by_name.setdefault(entity.name, entity)
        used: dict[str, Entity] = {}
        names: dict[str, tuple[Name, ...]] = {}
        for slot, default_type in _SLOT_TYPES.items():
            values = []
            for text in dict.fromkeys(getattr(event, slot)):
                entity = by_name.get(text)
                if entity is not None:
                    used[text] = entity
                values.append(Name.make(text, entity, default_type))
            names[slot] = tuple(values)
        location = None
        if event.location:
            entity = by_name.get(event.location)
            if entity is not None:
                used[event.location] = entity
            location = Name.make(event.location, entity, "place")
        start = event.date.start.toordinal() if event.date.start else None
        end = event.date.end.toordinal() if event.date.end else start
        participants = tuple(name for slot in ("agents", "organizations", "persons") for name in names[slot])
        evidence = {name.folded for name in participants if name.type in ("person", "organization")}
        if location is not None:
            evidence.add("@" + location.folded)
        weights: dict[str, float] = {}
        unique = []
        for name in participants:
            if name.folded not in weights:
                weights[name.folded] = NAME_WEIGHT.get(name.type, 0.5)
                unique.append(name)
        persons = frozenset(name.folded for name in names["persons"])
        actors = frozenset(name.folded for name in participants if name.type in ("person", "organization"))
        anchors = {name.folded for name in participants if name.type == "person"}
        if location is not None:
            anchors.add("@" + location.folded)
        count = event.count
        person_names = names["persons"]
        return cls(
            key=report_key(document.id, event.id), document=document, event=event, names=names,
            location=location, entities=tuple(used.values()), start=start, end=end,
            rank=PRECISION_RANK.get(event.date.precision, 6), participants=participants,
            folded=frozenset(name.folded for name in participants), persons_folded=persons,
            evidence=frozenset(evidence), weights=weights, unique=tuple(unique),
            kind=(event.type, event.negated, event.hypothetical), count=count, origin=event.origin,
            destination=event.destination, count_weight=count_weight(count) if count is not None else 0.0,
            published_day=document.published.toordinal() if document.published else None,
            actors=actors, anchors=frozenset(anchors),
            # more people named than counted (those handed over, arrested or killed) is no one event
            people_limit=count if event_type(event.type).counts_people else None,
            person_words=frozenset(word for name in person_names for word in name.words),
            person_spellings=frozenset(alias for name in person_names for alias in name.aliases),
            person_apart=any(name.kb_id or len(name.words) <= 1 for name in person_names),
            names_total=min(sum(weights.values()), MAX_NAME_BONUS),
        )

    @property
    def flags(self) -> tuple[str, bool, bool]:
        """What must be equal for two reports to be of one event at all."""
        return self.kind

    @property
    def factual(self) -> bool:
        return not (self.kind[1] or self.kind[2])

    @property
    def published(self) -> date:
        return self.document.published or _UNDATED

    def anchor_key(self) -> tuple[date, str, str]:
        """Order for picking a record's anchor: the earliest report names the record."""
        return (self.published, self.document.id, self.event.id)

    def all_names(self) -> tuple[Name, ...]:
        return self.participants

    def to_json(self) -> dict[str, Any]:
        """Everything needed to rebuild this report without the store's extraction."""
        return {
            "document": {**self.document.to_json(), "url": self.document.url, "outlet": self.document.outlet},
            "event": self.event.to_record(),
            "entities": [entity.to_json() for entity in self.entities],
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> "Report":
        doc = data["document"]
        published = date.fromisoformat(doc["published"]) if doc.get("published") else None
        document = DocumentInfo(doc["id"], doc.get("source") or "", published, doc.get("language") or "",
                                doc.get("title"), doc.get("url"), doc.get("outlet"))
        entities = [Entity.from_json(e) for e in data.get("entities") or []]
        return cls.build(document, Event.from_json(data["event"]), entities)
