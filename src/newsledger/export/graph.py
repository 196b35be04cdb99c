"""``graphml``: events and the entities they name as nodes, roles as edges (networkx).

Node ids are ``event/<id>`` for events and ``<type>/<name>`` for entities (``person/…``,
``organization/…``, ``place/…``, ``country/MX`` for an origin or destination). Every
edge goes from an event to an entity, with ``role`` (``agents``, ``persons``,
``organizations``, ``location``, ``origin``, ``destination``) and where its first
statement says so (``document``, ``start``, ``end``, ``text``). Attributes are scalars
(strings, numbers, booleans), absent when unknown, so that ``networkx.read_graphml`` and
Gephi read the file back. The graph is built in memory before it is written: GraphML
declares every attribute before the first node.
"""
from __future__ import annotations

from collections.abc import Iterable
from typing import Any, BinaryIO

from newsledger.export.flat import row
from newsledger.export.source import ExportEvent

ROLES = ("agents", "persons", "organizations", "location", "origin", "destination")


def build(events: Iterable[ExportEvent]) -> Any:
    """The multigraph of the events (a ``networkx.MultiDiGraph``)."""
    import networkx as nx

    graph = nx.MultiDiGraph()
    for event in events:
        flat = row(event)
        node = f"event/{event.id}"
        attrs = {key: value for key, value in flat.items() if value is not None and not isinstance(value, list)}
        graph.add_node(node, kind="event", label=f"{flat['type']} {flat['date'] or ''}".strip(), **attrs)
        for role in ROLES:
            for name in _values(event.data, role):
                target, entity = _entity(event, role, name)
                if target not in graph:
                    graph.add_node(target, **entity)
                graph.add_edge(node, target, key=role, role=role, **_where(event.data, role, name))
    return graph


def _values(data: dict[str, Any], role: str) -> list[str]:
    value = data.get(role)
    if isinstance(value, list):
        return [v for v in value if v]
    return [value] if value else []


def _entity(event: ExportEvent, role: str, name: str) -> tuple[str, dict[str, Any]]:
    if role in ("origin", "destination"):
        return f"country/{name}", {"kind": "entity", "entity_type": "country", "label": name, "country": name}
    ref = event.entity(name, role)
    attrs = {"kind": "entity", "entity_type": ref.type, "label": name}
    attrs.update({key: value for key, value in (("category", ref.category), ("country", ref.country),
                                                ("kb_id", ref.kb_id), ("wikidata", ref.wikidata)) if value})
    return f"{ref.type}/{name}", attrs


def _where(data: dict[str, Any], role: str, name: str) -> dict[str, Any]:
    for statement in data.get("statements") or []:
        span = statement.get("span")
        if statement.get("field") == role and statement.get("value") == name and span:
            return {"document": statement["document"], "start": span["start"], "end": span["end"],
                    "text": span["text"]}
    return {}


def write(events: Iterable[ExportEvent], out: BinaryIO) -> int:
    import networkx as nx

    graph = build(events)
    nx.write_graphml(graph, out, encoding="utf-8")
    return sum(1 for _, kind in graph.nodes(data="kind") if kind == "event")
