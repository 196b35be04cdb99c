"""An event mention: what one trigger says about an event, with the words that state
each slot, before the mentions of one event are coalesced."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from spacy.tokens import Doc, Span, Token

from newsledger.kb import KnowledgeBase
from newsledger.model import DateValue, Entity, Event, Evidence
from newsledger.model import Span as TextSpan
from newsledger.pipeline.doctext import span_text
from newsledger.pipeline.evidence import Words, because
from newsledger.pipeline.roles import DocContext
from newsledger.timex import TimexMatch

Named = tuple[str, TextSpan]  # canonical name and the mention that states it (an Evidence)
# Slots whose reason a mention keeps in ``provenance`` (list slots keep theirs in ``Named``).
SCALAR_SLOTS = ("type", "date", "count", "origin", "destination", "negated", "hypothetical")


@dataclass
class Mention:
    type: str
    trigger: Token
    sentence: Span
    date: TimexMatch | None = None
    count: int | None = None
    count_span: TextSpan | None = None
    origin: str | None = None
    destination: str | None = None
    agents: list[Named] = field(default_factory=list)
    persons: list[Named] = field(default_factory=list)
    organizations: list[Named] = field(default_factory=list)
    location: Named | None = None
    negated: bool = False
    hypothetical: bool = False
    subject_role: str = "agents"
    default_agent: str | None = None
    members: list["Mention"] = field(default_factory=list)
    # Why each scalar slot holds its value, with the value the reason was recorded for:
    # a value changed later without a new reason is never explained by a stale one.
    # "empty:slot" keys say why a slot was deliberately left empty.
    provenance: dict[str, tuple[Any, Evidence]] = field(default_factory=dict)

    def fill(self, slot: str, value: Any, why: Evidence) -> None:
        """Set a scalar slot and record why (``why`` from ``pipeline.evidence.because``)."""
        setattr(self, slot, value)
        self.provenance[slot] = (value, why)

    def note_empty(self, slot: str, why: Evidence) -> None:
        """Record why a slot stays empty ("nearly 30" is no head count)."""
        self.provenance[f"empty:{slot}"] = (None, why)

    def reason(self, slot: str) -> Evidence | None:
        """The recorded reason for the slot's current value, if it is still that value."""
        noted = self.provenance.get(slot)
        return noted[1] if noted is not None and noted[0] == getattr(self, slot) else None

    @property
    def date_value(self) -> DateValue | None:
        return self.date.date if self.date else None

    def participant_names(self) -> set[str]:
        return {n for n, _ in self.persons + self.agents + self.organizations}

    def absorb(self, other: "Mention") -> None:
        """Take what ``other`` adds; the finer date wins, lists are unions."""
        self.members.append(other)
        mine, theirs = self.date_value, other.date_value
        if theirs is not None and theirs.known and (
                mine is None or not mine.known or mine.contains(theirs) and theirs != mine):
            self.date = other.date
        if self.count is None and other.count is not None:
            self.count, self.count_span = other.count, other.count_span
        self.origin = self.origin or other.origin
        self.destination = self.destination or other.destination
        if self.location and other.location and KnowledgeBase.default().part_of(other.location[0], self.location[0]):
            self.location = other.location  # "en Nueva York" … "ante una corte de Brooklyn": the finer place
        self.location = self.location or other.location
        for mine_list, theirs_list in ((self.agents, other.agents), (self.persons, other.persons),
                                       (self.organizations, other.organizations)):
            names = {n for n, _ in mine_list}
            mine_list.extend(item for item in theirs_list if item[0] not in names)
        self._take_reasons(other)

    def _take_reasons(self, other: "Mention") -> None:
        """The reasons of the values just taken from ``other`` come with them."""
        for slot in SCALAR_SLOTS:
            if self.reason(slot) is None and other.reason(slot) is not None \
                    and getattr(self, slot) == getattr(other, slot):
                self.provenance[slot] = other.provenance[slot]
        for key, noted in other.provenance.items():
            if key.startswith("empty:"):
                self.provenance.setdefault(key, noted)

    def to_event(self, event_id: str, doc: Doc, context: DocContext) -> Event:
        agents = self._agents(context)
        sentence = sentence_span(self.sentence)
        provenance = self._provenance(agents, sentence)
        evidence = [sentence]
        evidence += [sentence_span(m.sentence) for m in self.members
                     if m.sentence.start != self.sentence.start]
        unique = {(s.start, s.end): s for s in evidence}
        return Event(
            id=event_id, type=self.type, date=self.date_value or DateValue.unknown(),
            count=self.count, origin=self.origin, destination=self.destination,
            agents=[n for n, _ in agents], organizations=[n for n, _ in self.organizations],
            persons=[n for n, _ in self.persons],
            location=self.location[0] if self.location else None,
            negated=self.negated, hypothetical=self.hypothetical,
            evidence=sorted(unique.values(), key=lambda s: s.start), provenance=provenance)

    def _agents(self, context: DocContext) -> list[Named]:
        """The actors; a transfer's sender acts when no one else is named."""
        if self.agents or not self.default_agent:
            return list(self.agents)
        name = context.country_name(self.default_agent)
        if not name:
            return []
        origin = self.reason("origin") if self.origin == self.default_agent else None
        return [(name, because(origin or sentence_span(self.sentence), "agents.origin"))]

    def _provenance(self, agents: list[Named], sentence: TextSpan) -> dict[str, TextSpan]:
        """Every value with its evidence; a value set without a reason is cited with the
        words it was read from under the rule "unannotated", so it is seen, never hidden.
        ``sentence`` is the mention's sentence as a text span."""

        def reason(slot: str, fallback: Words) -> Evidence:
            # The fallback words become a text span only when no reason was recorded.
            return self.reason(slot) or because(fallback, "unannotated")

        provenance: dict[str, TextSpan] = {"type": reason("type", self.trigger)}
        if self.date:
            provenance["date"] = reason("date", self.date)
        if self.count is not None and (self.count_span or self.reason("count")):
            provenance["count"] = reason("count", self.count_span or sentence)
        for slot in ("origin", "destination"):
            if getattr(self, slot):
                provenance[slot] = reason(slot, sentence)
        for role, items in (("agents", agents), ("persons", self.persons),
                            ("organizations", self.organizations)):
            for name, span in items:
                provenance[f"{role}:{name}"] = _evidence(span)
        if self.location:
            provenance["location"] = _evidence(self.location[1])
        for flag in ("negated", "hypothetical"):
            if getattr(self, flag):
                provenance[flag] = reason(flag, self.trigger)
        for key, (_, why) in self.provenance.items():
            slot = key.partition(":")[2]
            if key.startswith("empty:") and not getattr(self, slot, None):
                provenance[key] = why
        return provenance


def _evidence(span: TextSpan) -> Evidence:
    return span if isinstance(span, Evidence) else because(span, "unannotated")


def sentence_span(sent: Span) -> TextSpan:
    text = span_text(sent).rstrip()
    return TextSpan(sent.start_char, sent.start_char + len(text), text)


def mention_span(token: Token, entity: Entity, rule: str = "unannotated", cue: Token | str | None = None) -> Evidence:
    """The entity's mention at ``token``, as the evidence that ``rule`` chose it."""
    for mention in entity.mentions:
        if mention.start <= token.idx < mention.end:
            return because(mention, rule, cue)
    return because(token, rule, cue)


__all__ = ["SCALAR_SLOTS", "Mention", "Named", "mention_span", "sentence_span"]
