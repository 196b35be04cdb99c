"""The event-type table (``ontology.yaml``): one entry per type of shared/spec/ontology.md.

Extraction and the ledger both ask it what a type means (does its count count people, does
it go between countries, how its participants are read, what evidence makes it an event),
so that a new type is one data entry plus its trigger cues, never a set edited in several
modules.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any, Protocol

import yaml

from newsledger.errors import KnowledgeBaseError

SLOTS = ("agents", "persons", "organizations", "count", "origin", "destination", "location")
READINGS = ("patient", "victims", "operation", "parties")
AGENT_SOURCES = ("origin", "subject", "by_phrase", "subject_country", "clause", "pronouns", "sentence",
                 "states", "state_of_agents")
UNDATED_MERGES = ("always", "shared_participant")
# Evidence a type may ask for besides its own slots.
GENERAL_EVIDENCE = ("date", "participants", "two_parties", "verb")
_PATH = "newsledger/ontology.yaml"


@dataclass(frozen=True)
class Plover:
    code: str
    mode: str | None


@dataclass(frozen=True)
class Acled:
    """The ACLED category a type is (``export --format acled``)."""

    disorder_type: str
    event_type: str
    sub_event_type: str


# ACLED's event types and the sub-event types of each (its codebook).
ACLED_TYPES = {
    "Battles": ("Armed clash", "Government regains territory", "Non-state actor overtakes territory"),
    "Explosions/Remote violence": ("Chemical weapon", "Air/drone strike", "Suicide bomb",
                                   "Shelling/artillery/missile attack", "Remote explosive/landmine/IED", "Grenade"),
    "Violence against civilians": ("Sexual violence", "Attack", "Abduction/forced disappearance"),
    "Protests": ("Peaceful protest", "Protest with intervention", "Excessive force against protesters"),
    "Riots": ("Violent demonstration", "Mob violence"),
    "Strategic developments": ("Agreement", "Arrests", "Change to group/activity", "Disrupted weapons use",
                               "Headquarters or base established", "Looting/property destruction",
                               "Non-violent transfer of territory", "Other"),
}
ACLED_DISORDERS = ("Political violence", "Demonstrations", "Strategic developments")


@dataclass(frozen=True)
class Roles:
    """What each participant slot means for the type, and how extraction reads it."""

    agents: str
    persons: str | None
    organizations: str | None
    reading: str
    agent_from: tuple[str, ...]


@dataclass(frozen=True)
class EventType:
    name: str
    description: str
    counts_people: bool
    route: bool
    slots: frozenset[str]
    roles: Roles
    undated_merge: str
    plover: tuple[Plover, ...]
    cameo: tuple[str, ...]
    acled: Acled | None
    # All requirements must hold; a requirement holds when any of its alternatives does.
    evidence: tuple[frozenset[str], ...]

    def agent_from(self, source: str) -> bool:
        return source in self.roles.agent_from


class Evidenced(Protocol):
    """What evidence is checked on: a combined event of one document."""

    type: str
    count: int | None
    origin: str | None
    destination: str | None
    location: Any
    agents: list[Any]
    persons: list[Any]
    organizations: list[Any]


def stated(event: Evidenced, item: str, *, dated: bool, verb: bool) -> bool:
    """Whether the event states one alternative of a requirement."""
    if item == "date":
        return dated
    if item == "verb":
        return verb
    if item == "participants":
        return bool(event.agents or event.persons or event.organizations)
    if item == "two_parties":
        return len({name for name, *_ in event.agents}) >= 2
    return bool(getattr(event, item))


def missing_evidence(event: Evidenced, *, dated: bool, verb: bool) -> tuple[str, ...] | None:
    """The first requirement of the event's type it does not meet (its alternatives), or None."""
    for requirement in event_type(event.type).evidence:
        if not any(stated(event, item, dated=dated, verb=verb) for item in requirement):
            return tuple(sorted(requirement))
    return None


def _parse(name: str, entry: dict[str, Any]) -> EventType:
    where = f"{_PATH}: {name}"
    try:
        roles = entry["roles"]
        result = EventType(
            name=name, description=str(entry["description"]),
            counts_people=bool(entry["counts_people"]), route=bool(entry["route"]),
            slots=frozenset(entry["slots"]),
            roles=Roles(agents=str(roles["agents"]), persons=roles.get("persons"),
                        organizations=roles.get("organizations"), reading=str(roles["reading"]),
                        agent_from=tuple(roles["agent_from"])),
            undated_merge=str(entry["undated_merge"]),
            plover=tuple(Plover(str(p["code"]), p.get("mode")) for p in entry["plover"]),
            cameo=tuple(str(c) for c in entry["cameo"]),
            acled=Acled(**entry["acled"]) if entry.get("acled") else None,
            evidence=tuple(frozenset(r) for r in entry["evidence"]),
        )
    except (KeyError, TypeError) as error:
        raise KnowledgeBaseError(f"{where}: malformed entry ({error!r})") from error
    problems = []
    if not result.slots <= set(SLOTS):
        problems.append(f"unknown slots {sorted(result.slots - set(SLOTS))}")
    if result.roles.reading not in READINGS:
        problems.append(f"unknown reading {result.roles.reading!r}")
    if not set(result.roles.agent_from) <= set(AGENT_SOURCES):
        problems.append(f"unknown agent sources {sorted(set(result.roles.agent_from) - set(AGENT_SOURCES))}")
    if result.undated_merge not in UNDATED_MERGES:
        problems.append(f"unknown undated_merge {result.undated_merge!r}")
    if result.route != ({"origin", "destination"} <= result.slots):
        problems.append("a route type has both origin and destination slots, and only it")
    if result.counts_people and "count" not in result.slots:
        problems.append("counts people without a count slot")
    for requirement in result.evidence:
        unknown = requirement - result.slots - set(GENERAL_EVIDENCE)
        if not requirement or unknown:
            problems.append(f"evidence {sorted(requirement)}: empty or not a slot of the type {sorted(unknown)}")
    acled = result.acled
    if acled is not None and (acled.disorder_type not in ACLED_DISORDERS
                              or acled.sub_event_type not in ACLED_TYPES.get(acled.event_type, ())):
        problems.append(f"unknown ACLED category {acled}")
    if problems:
        raise KnowledgeBaseError(f"{where}: " + "; ".join(problems))
    return result


@cache
def event_types() -> dict[str, EventType]:
    """Every event type by name, in the table's order."""
    resource = resources.files("newsledger").joinpath("ontology.yaml")
    try:
        data = yaml.safe_load(resource.read_text(encoding="utf-8"))
    except yaml.YAMLError as error:
        raise KnowledgeBaseError(f"{_PATH}: invalid YAML ({error})") from error
    if not isinstance(data, dict) or not data:
        raise KnowledgeBaseError(f"{_PATH}: expected a mapping of event types")
    return {str(name): _parse(str(name), entry) for name, entry in data.items()}


def event_type(name: str) -> EventType:
    try:
        return event_types()[name]
    except KeyError:
        raise KnowledgeBaseError(f"unknown event type {name!r} (expected one of "
                                 f"{', '.join(event_types())})") from None


@cache
def types_where(**wanted: Any) -> frozenset[str]:
    """The names of the types whose attributes equal ``wanted`` ("counts_people=True")."""
    return frozenset(name for name, spec in event_types().items()
                     if all(getattr(spec, key) == value for key, value in wanted.items()))


__all__ = ["EventType", "Plover", "Roles", "event_type", "event_types", "missing_evidence", "types_where"]
