"""Who said what, and who is named: quotes and mentions, whether or not an event holds them.

The ledger knows the people who take part in events; a report also quotes officials and
names people in passing (a lawyer, a governor who comments). An analyst asking "what did
Sheinbaum say, and where?" or "which reports mention this lawyer?" needs those too, so
these answers come from every stored document, with names matched the way the ledger
matches them (folded spelling, aliases, a surname alone for a full name).
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

from newsledger.ledger.entities import EntityView
from newsledger.ledger.names import Name, choose_display, fold, same_entity
from newsledger.model import DocumentInfo, Quote

if TYPE_CHECKING:
    from newsledger.store import Store


@dataclass(frozen=True)
class QuoteView:
    """One quote, with the document and the offsets of its words in the stored text."""

    quote: Quote
    document: DocumentInfo

    def to_json(self) -> dict[str, Any]:
        return {**self.quote.to_json(), "document": {**self.document.to_json(), "outlet": self.document.outlet}}


def _answers(wanted: Name, name: Name, person: bool) -> bool:
    """Whether a user's query names this entity: the same folded spelling or an alias,
    the ledger's own judgement, or, for a person, some of their names ("Harfuch",
    "trump"): people are asked for by surname; a place's or a group's part ("Sinaloa" of
    "Sinaloa Cartel") names something else."""
    if wanted.folded == name.folded or wanted.folded in name.aliases or same_entity(wanted, name):
        return True
    return person and bool(wanted.words) and wanted.words <= name.words


def _speaks(wanted: Name, speaker: str | None) -> bool:
    return bool(speaker) and _answers(wanted, Name.make(speaker or "", default_type="person"), True)


def find_quotes(store: "Store", speaker: str | None = None, outlet: str | None = None,
                since: date | None = None, until: date | None = None) -> list[QuoteView]:
    """Quotes by publication date, narrowed by speaker (any spelling), outlet and dates."""
    wanted = Name.make(speaker, default_type="person") if speaker else None
    return [QuoteView(quote, info) for quote, info in store.quotes(outlet, since, until)
            if wanted is None or _speaks(wanted, quote.speaker)]


def mentioned(store: "Store", query: str) -> EntityView | None:
    """The entity ``query`` names as the stored documents mention or quote it: its
    spellings and titles, and the documents that name it (no events: the ledger's own
    ``describe`` answers for actors of events). None when no document names it."""
    wanted = Name.make(query)
    aliases: set[str] = set()
    titles: set[str] = set()
    types: list[str] = []
    names: list[Name] = []
    sources: dict[str, DocumentInfo] = {}
    for entity, info in store.entities():
        name = Name.make(entity.name, entity)
        spellings = {entity.name, *(m.text for m in entity.mentions)}
        if not (any(fold(s) == wanted.folded for s in spellings)
                or _answers(wanted, name, entity.type == "person")):
            continue
        names.append(name)
        aliases.update(spellings)
        titles.update(entity.titles)
        types.append(entity.type)
        sources[info.id] = info
    for view in find_quotes(store, query):
        if view.quote.speaker:
            aliases.add(view.quote.speaker)
            names.append(Name.make(view.quote.speaker, default_type="person"))
        sources[view.document.id] = view.document
    if not names:
        return None
    display = choose_display(names)
    aliases.discard(display)
    ordered = sorted(sources.values(), key=lambda d: (d.published is None, d.published, d.id))
    kind = max(sorted(set(types)), key=types.count) if types else "person"
    return EntityView(display, kind, sorted(aliases, key=fold), sorted(titles), [], ordered)
