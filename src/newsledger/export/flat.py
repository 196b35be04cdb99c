"""One flat row per event: the columns ``csv`` writes and ``parquet``'s events table holds.

Lists (agents, persons, organizations, conflicting fields, document ids) are joined with
``SEPARATOR`` in CSV and kept as lists in Parquet. ``conflicts`` is a flag: whether the
sources disagree on any field (``conflicted_fields`` says which).
"""
from __future__ import annotations

from typing import Any

from newsledger.export.source import ExportEvent

SEPARATOR = "; "

COLUMNS = ("id", "type", "date", "precision", "start", "end", "count", "origin", "destination", "location",
           "agents", "persons", "organizations", "negated", "hypothetical", "sources", "conflicts",
           "conflicted_fields", "first_source_url", "documents")
LISTS = ("agents", "persons", "organizations", "conflicted_fields", "documents")


def row(event: ExportEvent) -> dict[str, Any]:
    """The event's flat values; lists stay lists, absent values are None."""
    data = event.data
    when = data.get("date") or {}
    sources = event.sources()
    links = [doc.link for doc in sources if doc.link]
    return {
        "id": data["id"], "type": data["type"], "date": when.get("value"), "precision": when.get("precision"),
        "start": when.get("start"), "end": when.get("end"), "count": data.get("count"),
        "origin": data.get("origin"), "destination": data.get("destination"), "location": data.get("location"),
        "agents": list(data.get("agents") or []), "persons": list(data.get("persons") or []),
        "organizations": list(data.get("organizations") or []),
        "negated": bool(data.get("negated")), "hypothetical": bool(data.get("hypothetical")),
        "sources": len(sources), "conflicts": bool(data.get("conflicts")),
        "conflicted_fields": [c["field"] for c in data.get("conflicts") or []],
        "first_source_url": links[0] if links else None,
        "documents": [doc.id for doc in sources],
    }


def text_row(event: ExportEvent) -> dict[str, str]:
    """The row as CSV cells: lists joined, booleans ``true``/``false``, None empty."""
    cells: dict[str, str] = {}
    for key, value in row(event).items():
        if isinstance(value, list):
            cells[key] = SEPARATOR.join(str(v) for v in value)
        elif isinstance(value, bool):
            cells[key] = "true" if value else "false"
        else:
            cells[key] = "" if value is None else str(value)
    return cells
