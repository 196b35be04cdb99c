"""Entities across documents: one actor under all the spellings reports give it.

Merging compares names pairwise (``names.same_entity``); this module answers the reader's
question "who is this, and where does the ledger mention them?". It gathers every name the
merged reports use (with each document's own mention spellings and titles as its alias
table), finds the spellings that denote the asked-for actor, and lists the records and
documents that name it. Being computed from the whole set of names each time, the answer
does not depend on the order documents were ingested.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from rapidfuzz import fuzz, process

from newsledger.ledger.fields import Record
from newsledger.ledger.names import Name, choose_display, fold, group_names, same_entity
from newsledger.model import DocumentInfo

if TYPE_CHECKING:
    from newsledger.ledger.merging import Ledger

_SUGGEST_RATIO = 85.0


@dataclass
class EntityView:
    """One actor across documents: its spellings, titles, events and sources."""

    name: str
    type: str | None
    aliases: list[str]
    titles: list[str]
    events: list[Record] = field(default_factory=list)
    sources: list[DocumentInfo] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return {"name": self.name, "type": self.type, "aliases": self.aliases, "titles": self.titles,
                "events": [r.id for r in self.events], "sources": [d.id for d in self.sources]}


def _names_in(record: Record) -> list[Name]:
    found = []
    for report in record.reports:
        found.extend(report.all_names())
        if report.location is not None:
            found.append(report.location)
    return found


def describe(ledger: "Ledger", query: str) -> EntityView | None:
    """The actor ``query`` names (any spelling, alias or acronym), or None if none matches."""
    wanted = Name.make(query)
    names: dict[str, Name] = {}
    where: dict[str, dict[str, Record]] = {}
    for record in ledger.timeline():
        for name in _names_in(record):
            names.setdefault(name.key, name)
            where.setdefault(name.key, {})[record.id] = record
    direct = [n for n in names.values() if wanted.folded == n.folded or wanted.folded in n.aliases]
    if not direct:
        direct = [n for n in names.values() if same_entity(wanted, n)]
    if not direct:
        choices = {key: name.folded for key, name in names.items()}
        best = process.extractOne(wanted.folded, choices, scorer=fuzz.token_set_ratio, score_cutoff=_SUGGEST_RATIO)
        if best is None:
            return None
        direct = [names[best[2]]]
    # The actor is the group (without chaining through partial names) holding the best match.
    related = [n for n in names.values() if any(same_entity(n, d) for d in direct)]
    groups = group_names(related)
    group = max(groups, key=lambda g: (sum(1 for n in g if n in direct), len(g), -len(min(n.key for n in g))))
    keys = {n.key for n in group}
    records = sorted({r.id: r for key in keys for r in where.get(key, {}).values()}.values(),
                     key=lambda r: (r.date.start is None, r.date.start, r.id))
    aliases: set[str] = set()
    titles: set[str] = set()
    types = [n.type for n in group if n.type]
    for record in records:
        for report in record.reports:
            for entity in report.entities:
                if any(fold(entity.name) == n.folded or fold(entity.name) in n.aliases for n in group):
                    aliases.update(m.text for m in entity.mentions)
                    aliases.add(entity.name)
                    titles.update(entity.titles)
    aliases.update(n.text for n in group)
    display = choose_display(group)
    aliases.discard(display)
    sources = list({r.document.id: r.document for record in records for r in record.reports
                    if any(n.key in keys for n in r.all_names()) or (r.location is not None and r.location.key in keys)
                    }.values())
    sources.sort(key=lambda d: (d.published is None, d.published, d.id))
    return EntityView(display, max(sorted(set(types)), key=types.count) if types else None,
                      sorted(aliases, key=fold), sorted(titles), records, sources)
