"""Integrity of the event-type table (ontology.yaml) and its evidence rule."""
from dataclasses import dataclass, field
from typing import Any

import pytest

from newsledger import lang
from newsledger.errors import KnowledgeBaseError
from newsledger.ontology import (
    AGENT_SOURCES, READINGS, SLOTS, _parse, event_type, event_types, missing_evidence, types_where,
)
from newsledger.pipeline.triggers import rules

SPEC_TYPES = {"transfer", "arrest", "charge", "military_operation", "consultation", "agreement",
              "killing", "seizure", "designation"}


def test_the_table_has_the_spec_types() -> None:
    assert set(event_types()) == SPEC_TYPES


@pytest.mark.parametrize("name", sorted(SPEC_TYPES))
def test_entries_are_well_formed(name: str) -> None:
    spec = event_type(name)
    assert spec.name == name and spec.description
    assert spec.slots <= set(SLOTS) and "agents" in spec.slots
    assert spec.roles.reading in READINGS and spec.roles.agents
    assert spec.roles.agent_from and set(spec.roles.agent_from) <= set(AGENT_SOURCES)
    assert spec.plover and all(p.code.isupper() for p in spec.plover)
    assert spec.cameo and all(c.isdigit() for c in spec.cameo)


@pytest.mark.parametrize("language", lang.LANGUAGES)
def test_every_type_has_triggers_in_each_language(language: str) -> None:
    assert {r.type for group in rules(language).values() for r in group} == set(event_types())


def test_people_counted_and_routes() -> None:
    assert types_where(counts_people=True) == {"transfer", "arrest", "killing"}
    assert types_where(route=True) == {"transfer"}


def test_unknown_type_is_named() -> None:
    with pytest.raises(KnowledgeBaseError, match="unknown event type 'kidnapping'"):
        event_type("kidnapping")


def test_bad_entries_are_refused() -> None:
    entry: dict[str, Any] = {
        "description": "x", "counts_people": True, "route": False, "slots": ["agents"],
        "roles": {"agents": "a", "reading": "patient", "agent_from": ["subject"]},
        "undated_merge": "always", "plover": [{"code": "AGREE"}], "cameo": ["03"],
        "evidence": [["count", "nowhere"]]}
    with pytest.raises(KnowledgeBaseError, match="counts people without a count slot"):
        _parse("broken", entry)
    with pytest.raises(KnowledgeBaseError, match="not a slot of the type"):
        _parse("broken", entry)
    with pytest.raises(KnowledgeBaseError, match="malformed entry"):
        _parse("broken", {"description": "x"})


@dataclass
class _Event:
    type: str
    count: int | None = None
    origin: str | None = None
    destination: str | None = None
    location: Any = None
    agents: list[Any] = field(default_factory=list)
    persons: list[Any] = field(default_factory=list)
    organizations: list[Any] = field(default_factory=list)


def test_an_arrest_needs_something_a_ledger_can_hold() -> None:
    assert missing_evidence(_Event("arrest"), dated=False, verb=True) is not None
    assert missing_evidence(_Event("arrest"), dated=True, verb=False) is None
    assert missing_evidence(_Event("arrest", persons=[("Rosa Quiroga", None)]), dated=False, verb=False) is None
