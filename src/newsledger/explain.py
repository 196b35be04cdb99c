"""Why each slot of each event is filled or left empty, in words.

An analyst trusts a value once they see the words it was read from and the rule that
read them; a developer finds the rule to fix the same way. ``explain`` turns the
evidence every value carries (``Event.provenance``, see ``newsledger.why``) into one
line per slot; ``newsledger explain FILE`` prints them.
"""
from __future__ import annotations

from dataclasses import dataclass

from newsledger.model import Event, Evidence, Extraction, Span
from newsledger.ontology import event_type
from newsledger.why import EMPTY, describe

# The order slots are explained in; list slots give one line per name.
ORDER = ("date", "count", "origin", "destination", "location", "agents", "organizations", "persons",
         "negated", "hypothetical")
ALWAYS = {"date", "negated", "hypothetical"}  # slots of every type (ontology.yaml lists the others)


@dataclass(frozen=True)
class SlotReason:
    """One slot (or one name of a list slot) and why it holds what it holds."""

    slot: str
    value: str | None  # as shown; None when the slot is empty
    evidence: Span | None  # the words and, for an ``Evidence``, the rule and cue
    why: str  # the rule's description, or why the slot is empty

    @property
    def rule(self) -> str | None:
        return self.evidence.rule if isinstance(self.evidence, Evidence) else None

    def line(self) -> str:
        """'destination: US, “to the United States” (…, cue “to”; rule destination.preposition)'."""
        return f"{self.slot}: {'empty' if self.value is None else self.value}, {self.reason()}"

    def reason(self) -> str:
        """The words and why: '“to the United States” (…, cue “to”; rule …)'."""
        if self.evidence is None:
            return self.why
        detail = self.why
        if isinstance(self.evidence, Evidence) and self.evidence.cue:
            detail += f", cue “{self.evidence.cue}”"
        if self.rule:
            detail += f"; rule {self.rule}"
        return f"“{self.evidence.text}” ({detail})"


@dataclass(frozen=True)
class EventExplanation:
    event: Event
    trigger: SlotReason
    slots: list[SlotReason]
    # How the event meets what its type needs to be an event at all (ontology.yaml).
    evidence: list[str]

    def lines(self) -> list[str]:
        head = f"{self.event.id} {self.event.type}: {self.trigger.reason()}"
        return [head, *(f"  evidence: {line}" for line in self.evidence),
                *(f"  {reason.line()}" for reason in self.slots)]


def explain_event(event: Event, language: str | None = None) -> EventExplanation:
    """``language`` names the data folder the rules read (``lang/<code>/``) in the lines."""
    provenance = event.provenance
    trigger = _reason("type", event.type, provenance.get("type"))
    if language and trigger.why:
        trigger = SlotReason(trigger.slot, trigger.value, trigger.evidence, trigger.why.replace("<code>", language))
    slots: list[SlotReason] = []
    used = ALWAYS | event_type(event.type).slots
    for slot in ORDER:
        value = getattr(event, slot)
        if slot not in used and not value:
            continue  # not a slot of this type
        if isinstance(value, list):
            slots += [_reason(slot, name, provenance.get(f"{slot}:{name}")) for name in value]
            if not value:
                slots.append(_empty(slot, provenance.get(f"empty:{slot}")))
        elif slot == "date" and not event.date.known:
            slots.append(_empty(slot, provenance.get("empty:date")))
        elif slot == "date":
            slots.append(_reason(slot, event.date.value or "?", provenance.get("date")))
        elif value is None or value is False:
            slots.append(_empty(slot, provenance.get(f"empty:{slot}"), shown="no" if value is False else None))
        else:
            slots.append(_reason(slot, "yes" if value is True else str(value), provenance.get(slot)))
    return EventExplanation(event, trigger, slots, type_evidence(event))


def type_evidence(event: Event) -> list[str]:
    """One line per requirement of the type: the alternatives the event states.

    A requirement ``verb`` (the act stated by a verb) is read off the trigger, which the
    event does not keep; it is shown as required, not as met or missed."""
    lines = []
    for requirement in event_type(event.type).evidence:
        options = sorted(requirement)
        met = [item for item in options if _states(event, item)]
        need = f"a {event.type} needs one of: {', '.join(options)}"
        lines.append(f"{', '.join(met)} ({need})" if met else f"none stated ({need})")
    return lines


def _states(event: Event, item: str) -> bool:
    if item == "date":
        return event.date.known
    if item == "participants":
        return bool(event.agents or event.persons or event.organizations)
    if item == "two_parties":
        return len(set(event.agents)) >= 2
    return item != "verb" and bool(getattr(event, item, None))


def explain(extraction: Extraction) -> list[EventExplanation]:
    """Every event of an extraction, explained slot by slot."""
    return [explain_event(event, extraction.document.language) for event in extraction.events]


def _reason(slot: str, value: str, evidence: Span | None) -> SlotReason:
    if evidence is None:
        return SlotReason(slot, value, None, "no evidence recorded")
    rule = evidence.rule if isinstance(evidence, Evidence) else None
    return SlotReason(slot, value, evidence, describe(rule) if rule else "read here, no rule recorded")


def _empty(slot: str, evidence: Span | None, shown: str | None = None) -> SlotReason:
    """An empty slot: the recorded reason ("nearly 30" is no head count) or the default."""
    if evidence is not None:
        return SlotReason(slot, shown, evidence, describe(getattr(evidence, "rule", "unannotated")))
    return SlotReason(slot, shown, None, EMPTY[slot])


__all__ = ["EventExplanation", "SlotReason", "explain", "explain_event", "type_evidence"]
