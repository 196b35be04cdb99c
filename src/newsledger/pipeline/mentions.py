"""An event mention: what one trigger says about an event, with the words that state
each slot, before the mentions of one event are coalesced."""
from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

from newsledger.model import DateValue, Entity, Event
from newsledger.model import Span as TextSpan
from newsledger.pipeline.roles import DocContext
from newsledger.timex import TimexMatch

Named = tuple[str, TextSpan]  # canonical name and the mention that states it
# Verbs whose subject is the actor of the event noun they govern ("held a call").
LIGHT_VERBS = {"hold", "carry", "conduct", "launch", "order", "make", "have", "sostener",
               "realizar", "lanzar", "ordenar", "tener", "include", "incluir", "see",
               "depose", "derrocar", "terminar"}


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
        self.location = self.location or other.location
        for mine_list, theirs_list in ((self.agents, other.agents), (self.persons, other.persons),
                                       (self.organizations, other.organizations)):
            names = {n for n, _ in mine_list}
            mine_list.extend(item for item in theirs_list if item[0] not in names)

    def to_event(self, event_id: str, doc: Doc, context: DocContext) -> Event:
        provenance: dict[str, TextSpan] = {}
        if self.date:
            provenance["date"] = TextSpan(self.date.start, self.date.end, self.date.text)
        if self.count_span:
            provenance["count"] = self.count_span
        agents = list(self.agents)
        if not agents and self.default_agent:
            name = context.country_name(self.default_agent)
            if name:
                agents = [(name, sentence_span(self.sentence))]
        for role, items in (("agents", agents), ("persons", self.persons),
                            ("organizations", self.organizations)):
            for name, span in items:
                provenance[f"{role}:{name}"] = span
        if self.location:
            provenance["location"] = self.location[1]
        evidence = [sentence_span(self.sentence)]
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


def sentence_span(sent: Span) -> TextSpan:
    text = sent.text.rstrip()
    return TextSpan(sent.start_char, sent.start_char + len(text), text)


def mention_span(token: Token, entity: Entity) -> TextSpan:
    for mention in entity.mentions:
        if mention.start <= token.idx < mention.end:
            return mention
    return TextSpan(token.idx, token.idx + len(token.text), token.text)


__all__ = ["LIGHT_VERBS", "Mention", "Named", "mention_span", "sentence_span"]
