"""``plover``: one PLOVER event JSON object per line (the Open Event Data Alliance's
ontology, also used by POLECAT), with the words each value stands on.

The type → PLOVER event and mode mapping is the ontology's data (``ontology.yaml``,
``plover``; the first code of a type is written). ``actor`` is the event's first agent
(the acting state or body); ``recipient`` is the destination country of a route (a
transfer goes to it), else the first person, else the first organization. ``context``
holds PLOVER's ``hypothetical`` context for an event only planned or threatened, and
``negated`` for one the text denies (PLOVER codes no denied events: drop such lines to
compare with POLECAT). ``text`` is the sentence of the first source that states the
event, ``text_start``/``text_end`` its offsets in that document; each ``*_span`` is
``[start, end]`` in ``text`` of the words that name the value (null when the value was
read from another sentence), so ``text[start:end] == *_text``.
"""
from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any, TextIO

from newsledger.export.source import ExportEvent
from newsledger.ontology import event_type

REQUIRED = ("id", "date", "actor", "recipient", "event", "mode", "context")


def parties(data: dict[str, Any]) -> tuple[tuple[str, str] | None, tuple[str, str] | None]:
    """(slot, value) of the actor and of the recipient, or None."""
    agents = data.get("agents") or []
    actor = ("agents", agents[0]) if agents else None
    recipient: tuple[str, str] | None = None
    if data.get("destination"):
        recipient = ("destination", data["destination"])
    elif data.get("persons"):
        recipient = ("persons", data["persons"][0])
    elif data.get("organizations"):
        recipient = ("organizations", data["organizations"][0])
    return actor, recipient


def line(event: ExportEvent) -> dict[str, Any]:
    data = event.data
    spec = event_type(data["type"])
    code = spec.plover[0]
    when = data.get("date") or {}
    sources = data.get("sources") or []
    first = sources[0] if sources else {}
    evidence = (first.get("evidence") or [{}])[0] if first else {}
    text, offset = evidence.get("text") or "", evidence.get("start")
    document = first.get("document")
    actor, recipient = parties(data)
    context = [name for name, flag in (("hypothetical", data.get("hypothetical")), ("negated", data.get("negated")))
               if flag]
    found: dict[str, Any] = {
        "id": data["id"], "date": when.get("value") or "", "date_precision": when.get("precision"),
        "event": code.code, "mode": code.mode or "", "context": context,
        "actor": actor[1] if actor else "", "recipient": recipient[1] if recipient else "",
        "event_type": data["type"], "text": text, "document": document,
        "text_start": offset, "text_end": evidence.get("end"),
        "url": next((doc.link for doc in event.sources() if doc.id == document), None),
        "location": data.get("location"), "count": data.get("count"),
    }
    for role, party in (("actor", actor), ("recipient", recipient)):
        words, span = _words(data, document, party, offset, text)
        found[f"{role}_text"], found[f"{role}_span"] = words, span
    return found


def _words(data: dict[str, Any], document: str | None, party: tuple[str, str] | None, offset: int | None,
           text: str) -> tuple[str | None, list[int] | None]:
    """The words naming a party in the first source, and their place in ``text``."""
    if party is None or offset is None:
        return None, None
    slot, value = party
    elsewhere = None
    for statement in data.get("statements") or []:
        span = statement.get("span")
        if not span or (statement.get("field"), statement.get("value"), statement.get("document")) != (
                slot, value, document):
            continue
        start, end = span["start"] - offset, span["end"] - offset
        if 0 <= start <= end <= len(text) and text[start:end] == span["text"]:
            return span["text"], [start, end]
        elsewhere = span["text"]
    return elsewhere, None


def write(events: Iterable[ExportEvent], out: TextIO) -> int:
    written = 0
    for event in events:
        out.write(json.dumps(line(event), ensure_ascii=False, separators=(",", ":")))
        out.write("\n")
        written += 1
    return written
