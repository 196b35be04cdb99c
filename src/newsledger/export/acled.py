"""``acled``: ACLED-style CSV, with the column names of ACLED's published data.

ACLED codes political violence, demonstrations and strategic developments; the ontology
data (``ontology.yaml``, ``acled``) says which ACLED ``event_type``/``sub_event_type``
each of our types is, and leaves it empty where none fits (a transfer, a charge, a
designation are no ACLED category). Columns we have no value for (``inter1``, ``iso``,
``admin1``, coordinates, …) are kept, empty, so that ACLED tooling finds every column.
``event_date`` is ISO (``YYYY-MM-DD``, the first day of a coarser date) and
``time_precision`` ACLED's 1 (day), 2 (week) or 3 (month or coarser). ``notes`` carry the
sources: each source's outlet, publication date and URL (or file).
"""
from __future__ import annotations

import csv
from collections.abc import Iterable
from functools import cache
from typing import Any, TextIO

from newsledger.export.flat import SEPARATOR
from newsledger.export.source import ExportEvent
from newsledger.ontology import event_type

COLUMNS = ("event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type",
           "sub_event_type", "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2",
           "interaction", "civilian_targeting", "iso", "region", "country", "admin1", "admin2", "admin3",
           "location", "latitude", "longitude", "geo_precision", "source", "source_scale", "notes",
           "fatalities", "tags", "timestamp")
TIME_PRECISION = {"day": 1, "week": 2}


@cache
def country_names() -> dict[str, str]:
    """ISO code -> English country name, from the knowledge base."""
    from newsledger.kb import KnowledgeBase

    return {entry.iso: entry.name for entry in KnowledgeBase.default().entries if entry.iso}


def row(event: ExportEvent) -> dict[str, Any]:
    data = event.data
    kind = event_type(data["type"])
    category = kind.acled
    when = data.get("date") or {}
    agents = list(data.get("agents") or [])
    others = list(data.get("organizations") or []) + list(data.get("persons") or [])
    place = data.get("location")
    code = (event.entity(place, "location").country if place else None) or data.get("origin")
    count = data.get("count")
    sources = event.sources()
    notes = _describe(data) + " Sources: " + SEPARATOR.join(
        " ".join(part for part in (doc.outlet or "", doc.published or "", doc.link or doc.source) if part)
        for doc in sources)
    tags = [f"newsledger_type={data['type']}"] + [flag for flag in ("hypothetical", "negated") if data.get(flag)]
    return {
        "event_id_cnty": data["id"], "event_date": when.get("start") or "",
        "year": (when.get("start") or "")[:4], "time_precision": TIME_PRECISION.get(when.get("precision") or "", 3)
        if when.get("start") else "",
        "disorder_type": category.disorder_type if category else "",
        "event_type": category.event_type if category else "",
        "sub_event_type": category.sub_event_type if category else "",
        "actor1": agents[0] if agents else "", "assoc_actor_1": SEPARATOR.join(agents[1:]),
        "actor2": others[0] if others else "", "assoc_actor_2": SEPARATOR.join(others[1:]),
        "civilian_targeting": "Civilian targeting" if category and category.event_type == "Violence against civilians"
        else "",
        "country": country_names().get(code or "", code or ""), "location": place or "",
        "source": SEPARATOR.join(dict.fromkeys(doc.outlet or doc.source for doc in sources)),
        "notes": notes,
        "fatalities": (count if count is not None else "") if data["type"] == "killing" else 0,
        "tags": SEPARATOR.join(tags),
    }


def _describe(data: dict[str, Any]) -> str:
    parts = [data["type"].replace("_", " ")]
    if data.get("count") is not None:
        parts.append(f"of {data['count']}")
    if data.get("origin") or data.get("destination"):
        parts.append(f"from {data.get('origin') or '?'} to {data.get('destination') or '?'}")
    if data.get("location"):
        parts.append(f"in {data['location']}")
    when = data.get("date") or {}
    if when.get("value"):
        parts.append(f"{'on' if when.get('precision') == 'day' else 'in'} {when['value']}")
    text = " ".join(parts)
    return text[:1].upper() + text[1:] + "."


def write(events: Iterable[ExportEvent], out: TextIO) -> int:
    writer = csv.DictWriter(out, fieldnames=COLUMNS, restval="", lineterminator="\n")
    writer.writeheader()
    written = 0
    for event in events:
        writer.writerow(row(event))
        written += 1
    return written
