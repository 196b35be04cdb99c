"""``ftm``: FollowTheMoney entities, one JSON object per line, for OCCRP Aleph and the
``ftm`` tools.

Per event an ``Event`` (name, date or start and end dates, location, countries,
``involved`` people and organizations, ``organizer`` the acting ones, ``proof`` the
articles); per source document an ``Article`` (title, URL, publication date,
publisher, language); per named person or organization a ``Person`` or ``Organization``.
A country acting (``Mexico`` sent …) is the event's ``country``, not an entity. Ids are
``followthemoney``'s hashed ids of our own (event id, document id, type and name), so
the same entity has the same id in every export; each entity is written once. Every
entity is made with ``followthemoney.model`` and validated against its schema before it
is written.
"""
from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from typing import Any, TextIO

from newsledger.export.source import DocumentRef, ExportEvent

PREFIX = "newsledger"


def entities(events: Iterable[ExportEvent]) -> Iterator[Any]:
    """FtM entity proxies for the events, each entity once."""
    from followthemoney import model

    seen: set[str] = set()

    def once(proxy: Any) -> Iterator[Any]:
        if proxy.id not in seen:
            seen.add(proxy.id)
            proxy.schema.validate(proxy.to_dict())
            yield proxy

    for event in events:
        data = event.data
        proxy = model.make_entity("Event")
        proxy.make_id(PREFIX, "event", event.id)
        when = data.get("date") or {}
        proxy.add("name", f"{data['type'].replace('_', ' ')} {when.get('value') or ''}".strip())
        proxy.add("keywords", data["type"])
        if when.get("precision") in ("day", "month", "year"):
            proxy.add("date", when.get("value"))
        elif when.get("start"):
            proxy.add("startDate", when["start"])
            proxy.add("endDate", when.get("end"))
        proxy.add("location", data.get("location"))
        proxy.add("country", [c.lower() for c in (data.get("origin"), data.get("destination")) if c])
        proxy.add("notes", _notes(data))
        for slot in ("agents", "persons", "organizations"):
            for name in data.get(slot) or []:
                ref = event.entity(name, slot)
                if ref.type == "place":
                    if ref.country:
                        proxy.add("country", ref.country.lower())
                    continue
                party = model.make_entity("Person" if ref.type == "person" else "Organization")
                party.make_id(PREFIX, party.schema.name, name)
                party.add("name", name)
                if ref.country:
                    party.add("country", ref.country.lower())
                party.add("wikidataId", ref.wikidata)
                yield from once(party)
                proxy.add("involved", party.id)
                if slot == "agents":
                    proxy.add("organizer", party.id)
        for doc in event.sources():
            article = _article(doc)
            yield from once(article)
            proxy.add("proof", article.id)
            proxy.add("sourceUrl", doc.link)
        yield from once(proxy)


def _article(doc: DocumentRef) -> Any:
    from followthemoney import model

    article = model.make_entity("Article")
    article.make_id(PREFIX, "document", doc.id)
    article.add("title", doc.title or doc.source)
    article.add("fileName", doc.source)
    article.add("sourceUrl", doc.link)
    article.add("publishedAt", doc.published)
    article.add("publisher", doc.outlet)
    article.add("language", doc.language)
    return article


def _notes(data: dict[str, Any]) -> str:
    facts = [f"newsledger event {data['id']}"]
    if data.get("count") is not None:
        facts.append(f"count {data['count']}")
    if data.get("hypothetical"):
        facts.append("hypothetical")
    if data.get("negated"):
        facts.append("negated")
    return "; ".join(facts)


def write(events: Iterable[ExportEvent], out: TextIO) -> int:
    written = 0
    for proxy in entities(events):
        out.write(json.dumps(proxy.to_dict(), ensure_ascii=False, separators=(",", ":")))
        out.write("\n")
        written += proxy.schema.name == "Event"
    return written
