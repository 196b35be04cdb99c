"""One sentence's event mentions, with their slots read off the dependency parse."""
from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

from newsledger.model import DateValue, Entity, Event
from newsledger.model import Span as TextSpan
from newsledger.pipeline.figures import cumulative_figures, is_series
from newsledger.pipeline.numbers import Figure, approximation, figure_at
from newsledger.pipeline.quotes import QuotedText, quoted_spans
from newsledger.pipeline.roles import DocContext, cue_set, modifies_another_person
from newsledger.pipeline.syntax import (
    CLAUSE_DEPS, OBJECT_DEPS, is_passive, loose_objects, preposition_of, PASSIVE_SUBJECT_DEPS, SUBJECT_DEPS, in_subtree, path_length,
    prepositional_objects,
)
from newsledger.pipeline.triggers import Trigger, TriggerFinder
from newsledger.timex import TimexMatch

Named = tuple[str, TextSpan]  # canonical name and the mention that states it
# Verbs whose subject is the actor of the event noun they govern ("held a call").
# Event types whose head count is a slot (shared/spec/ontology.md).
COUNTED_TYPES = {"transfer", "arrest", "killing"}
# How a trigger may hang below a word for that word to make it planned or denied.
GOVERNED_DEPS = {"xcomp", "ccomp", "dobj", "obj", "nsubjpass", "nsubj:pass", "prep", "pobj", "pcomp",
                 "acl", "obl", "nmod", "case", "mark", "csubj"}
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
                agents = [(name, _sentence_span(self.sentence))]
        for role, items in (("agents", agents), ("persons", self.persons),
                            ("organizations", self.organizations)):
            for name, span in items:
                provenance[f"{role}:{name}"] = span
        if self.location:
            provenance["location"] = self.location[1]
        evidence = [_sentence_span(self.sentence)]
        evidence += [_sentence_span(m.sentence) for m in self.members
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


def _sentence_span(sent: Span) -> TextSpan:
    text = sent.text.rstrip()
    return TextSpan(sent.start_char, sent.start_char + len(text), text)


def _mention_span(token: Token, entity: Entity) -> TextSpan:
    for mention in entity.mentions:
        if mention.start <= token.idx < mention.end:
            return mention
    return TextSpan(token.idx, token.idx + len(token.text), token.text)


def _negates(token: Token) -> bool:
    return token.dep_ == "neg" or token.dep_ == "advmod" and token.lower_ in {"no", "not", "nunca", "never"}


def _fold_captures(mentions: list[Mention]) -> list[Mention]:
    """"the military operation … that ended with the capture of Maduro": a capture inside
    an armed operation's clause is that operation's outcome, not a separate arrest."""
    operations = [m for m in mentions if m.type == "military_operation"]
    kept = []
    for mention in mentions:
        host = next((o for o in operations if mention.type == "arrest"
                     and in_subtree(mention.trigger, o.trigger)), None)
        if host is None:
            kept.append(mention)
            continue
        names = {n for n, _ in host.persons}
        host.persons.extend(p for p in mention.persons if p[0] not in names)
    return kept


class MentionReader:
    """Reads the event mentions of one sentence at a time."""

    def __init__(self, context: DocContext, language: str):
        self.context = context
        self.language = language
        self.finder = TriggerFinder(language, set(context.people_nouns), context.person_tokens())
        self.negation = cue_set(language, "negation")
        self.hypothetical = cue_set(language, "hypothetical")
        self.modals = cue_set(language, "modal_auxiliaries")
        self.denial = cue_set(language, "denial")
        self.membership = cue_set(language, "membership")
        self.series_words = cue_set(language, "series_nouns")
        self.since_words = cue_set(language, "since_words")
        self.military = cue_set(language, "military_nouns")
        self._quotes: list[QuotedText] | None = None

    def read(self, sent: Span, timexes: list[tuple[TimexMatch, Token]],
             earlier: list[Mention]) -> list[Mention]:
        totals = cumulative_figures(sent, self.language)
        self.context.doc._.nl_totals[sent.start] = totals
        self.totals = {f.start for f in totals}
        triggers = [t for t in self.finder.find(sent) if not self._excluded(t)]
        mentions = [self._mention(t, sent, triggers) for t in triggers]
        mentions = _fold_captures([m for m in mentions if m is not None])
        self._assign_dates(mentions, timexes)
        mentions += self._enumerated(sent, mentions, timexes)
        if not any(m.type == "transfer" for m in mentions):
            self._attach_members(sent, earlier + mentions, [m.trigger for m in mentions])
        return mentions

    # -- which triggers count ---------------------------------------------------------
    def _excluded(self, trigger: Trigger) -> bool:
        token = trigger.token
        if token.pos_ in {"VERB", "AUX", "ADJ"} and token.dep_ in {"amod", "compound"} \
                and not any(c.dep_ in {"obl", "prep", "npadvmod", "nmod"} for c in token.children):
            return True  # "detained cartel members": a description, not an event
        if token.pos_ in {"NOUN", "PROPN"}:
            if token.dep_ in {"attr", "amod", "fixed", "flat"} \
                    or token.dep_ == "compound" and token.head.lemma_.lower() not in {"operation"}:
                return True
            if any(c.dep_ == "cop" for c in token.children):
                return True  # "no fue una extradición": what the act was called, not an act
            if is_series(token, self.language) or self._bare_plural(token):
                return True
        # "the number of people Mexico has transferred", "the two mass transfers … in
        # which it sent 55": clauses about a series, not one event.
        return any(a.pos_ == "NOUN" and (a.lemma_.lower() in self.series_words or is_series(a, self.language))
                   for a in token.ancestors)

    @staticmethod
    def _bare_plural(noun: Token) -> bool:
        """"stepped up arrests and seizures": a plural with no determiner is a kind of act."""
        plural = noun.morph.get("Number") == ["Plur"] or noun.tag_ == "NNS"
        return plural and not any(c.dep_ in {"det", "poss", "nummod", "amod"} for c in noun.children) \
            and noun.dep_ != "conj" or plural and noun.dep_ == "conj" and MentionReader._bare_plural(noun.head)

    # -- one mention ------------------------------------------------------------------
    def _mention(self, trigger: Trigger, sent: Span, others: list[Trigger]) -> Mention | None:
        token = trigger.token
        mention = Mention(trigger.type, token, sent, subject_role=trigger.subject_role)
        scope = self._scope(token, [o.token for o in others if o.token.i != token.i], sent)
        mention.negated, mention.hypothetical = self._modality(token)
        figure = self._count(token) if trigger.type in COUNTED_TYPES else None
        if figure is not None:
            mention.count = figure.value
            mention.count_span = TextSpan(sent.doc[figure.start].idx,
                                          sent.doc[figure.end - 1].idx + len(sent.doc[figure.end - 1].text),
                                          sent.doc[figure.start:figure.end].text)
        destination, origin = self.context.destination_and_origin(token)
        subject = self.context.subject_of(token) if token.pos_ in {"VERB", "AUX"} else None
        subject_country = None
        if subject is not None and subject.dep_ not in PASSIVE_SUBJECT_DEPS and not is_passive(token):
            subject_country = self.context.country_in(list(self.context.antecedent(subject).subtree))
        if subject_country is None and token.pos_ in {"NOUN", "PROPN"}:
            subject_country = self._noun_actor_country(token)
        if trigger.type == "transfer":
            mention.destination = destination
            mention.origin = origin or (subject_country if subject_country != destination else None)
        if trigger.needs_destination and mention.destination is None:
            return None
        self._roles(mention, scope, subject, subject_country)
        if mention.type == "seizure" and mention.persons:
            mention.type = "arrest"  # "seized Maduro": people are captured, goods seized
        if mention.type == "arrest" and subject is not None and subject_country:
            self._capture_abroad(mention, subject, subject_country, scope)
        return mention

    def _capture_abroad(self, mention: Mention, subject: Token, country: str, scope: list[Token]) -> None:
        """"U.S. forces captured Venezuela's Nicolás Maduro": a capture by a state's armed
        forces of someone from another country is a military operation, not an arrest."""
        if not any(t.lemma_.lower() in self.military or t.lower_ in self.military for t in subject.subtree):
            return
        captured = [e for e, _ in self.context.entities_in(scope, "person")
                    if e.name in {n for n, _ in mention.persons}]
        abroad = [e.country for e in captured if e.country and e.country != country]
        objects = [t for t in mention.trigger.children if t.dep_ in OBJECT_DEPS]
        abroad += [code for obj in objects if (code := self.context.country_in(list(obj.subtree)))
                   and code != country]
        if not abroad:
            return
        mention.type = "military_operation"
        name = self.context.country_name(country)
        mention.agents = [(name, _sentence_span(mention.sentence))] if name else []
        if mention.location is None and self.context.country_name(abroad[0]):
            mention.location = (self.context.country_name(abroad[0]) or "", _sentence_span(mention.sentence))

    def _scope(self, token: Token, others: list[Token], sent: Span) -> list[Token]:
        """The trigger's own words: its subtree, or for a noun the clause it heads,
        without the words of other triggers nested inside."""
        root = token
        if token.pos_ in {"NOUN", "PROPN"} and token.head.lemma_.lower() in LIGHT_VERBS \
                and token.dep_ in SUBJECT_DEPS | OBJECT_DEPS:
            root = token.head
        nested = [o for o in others if o.i != root.i and in_subtree(o, root)]
        # "the torture and killing of Camarena": the victim hangs off the first conjunct.
        nested += [o.head for o in nested if o.dep_ == "conj" and o.head.pos_ == "NOUN"
                   and o.head.i != root.i and o.head.i != token.i]
        words = []
        for t in root.subtree:
            if any(in_subtree(t, o) for o in nested):
                continue
            words.append(t)
        return words

    def _modality(self, token: Token) -> tuple[bool, bool]:
        """Denied or only planned: read off the trigger and the words that govern it
        directly ("no further transfer is planned", "the idea of military action")."""
        negated = any(_negates(c) for c in token.children)
        negated |= any(c.dep_ == "det" and c.lower_ in self.negation | {"ningún", "ninguna"}
                       for c in token.children)
        hypothetical = any(c.dep_ == "aux" and c.lower_ in self.modals for c in token.children)
        hypothetical |= self._judged(token) or "Fut" in token.morph.get("Tense")
        if token.dep_ in {"nsubj", "nsubjpass", "nsubj:pass"} and token.pos_ in {"NOUN", "PROPN"}:
            # "another transfer could follow", "otro envío podría llegar"
            head = token.head
            hypothetical |= any(c.dep_ == "aux" and c.lower_ in self.modals for c in head.children) \
                or "Fut" in head.morph.get("Tense") or head.lower_ in self.modals
        node = token
        for _ in range(4):
            if node.head is node:
                break
            # "no se prevé otro envío": a subject counts only below a cue verb.
            subject_of_cue = node.dep_ == "nsubj" and node.head.lemma_.lower() in self.hypothetical | self.denial
            if node.dep_ not in GOVERNED_DEPS and not subject_of_cue:
                break
            head = node.head
            lemma = head.lemma_.lower()
            if self.context.is_speech_verb(head) and lemma not in self.denial:
                break
            if lemma in self.hypothetical:
                hypothetical = True
                negated |= any(_negates(c) for c in head.children)
            if lemma in self.denial and node.i == token.i:
                negated = True
            if any(c.dep_ == "aux" and c.lower_ in self.modals for c in head.children):
                hypothetical = True
            node = head
        return negated, hypothetical

    @staticmethod
    def _judged(token: Token) -> bool:
        """"U.S. intervention was not necessary": an event noun only judged, not reported."""
        head = token.head
        if token.pos_ not in {"NOUN", "PROPN"} or token.dep_ != "nsubj":
            return False
        if head.lemma_ in {"be", "ser"}:
            return any(c.dep_ in {"acomp", "attr"} and c.pos_ == "ADJ" for c in head.children)
        return head.pos_ == "ADJ" and any(c.dep_ == "cop" for c in head.children)

    def _count(self, token: Token) -> Figure | None:
        """How many people the event moved, arrested or killed."""
        candidates: list[Token] = loose_objects(token)
        candidates += [obj for prep, obj in prepositional_objects(token) if prep in {"a", "of", "de"}]
        if token.dep_ in {"acl", "relcl", "amod"}:
            candidates.append(token.head)
        if token.pos_ in {"NOUN", "PROPN"} and token.head.lemma_.lower() in LIGHT_VERBS:
            candidates += [c for c in token.head.children if c.dep_ in OBJECT_DEPS and c.i != token.i]
        for candidate in candidates:
            for item in [candidate, *candidate.conjuncts]:
                figure = self._figure_of(item)
                if figure is not None:
                    if any(c.lower_ in {"other", "otros", "otras"} for c in item.children) and any(
                            c.pos_ in {"PRON", "PROPN"} for c in candidate.conjuncts + (candidate,)
                            if c.i != item.i):
                        return Figure(figure.value + 1, figure.start, figure.end)
                    return figure
        return None

    def _figure_of(self, token: Token) -> Figure | None:
        figure = self._exact_figure_of(token)
        if figure is not None and approximation(token.doc, figure.start, self.language):
            return None  # "nearly 30 prisoners": a claim, not the event's head count
        return figure

    def _exact_figure_of(self, token: Token) -> Figure | None:
        doc = token.doc
        if token.like_num and token.dep_ != "nummod":
            figure = figure_at(doc, token.i, self.language)
            if figure and self._is_count_figure(figure):
                return figure
        if token.lemma_.lower() in self.context.people_nouns or token.pos_ in {"NOUN", "PROPN"}:
            for child in token.children:
                if child.dep_ == "nummod" and child.like_num:
                    start = min(t.i for t in child.subtree if t.like_num)
                    figure = figure_at(doc, start, self.language)
                    if figure and self._is_count_figure(figure) and \
                            token.lemma_.lower() in self.context.people_nouns | {"cartel"}:
                        return figure
        return None

    def _is_count_figure(self, figure: Figure) -> bool:
        doc = self.context.doc
        if figure.start in getattr(self, "totals", ()):
            return False
        after = doc[figure.end] if figure.end < len(doc) else None
        if after is not None and after.text in {"%", "percent", "por"}:
            return False
        return not (1900 <= figure.value <= 2100 and figure.end - figure.start == 1
                    and doc[figure.start].text.isdigit() and len(doc[figure.start].text) == 4)

    def _noun_actor_country(self, noun: Token) -> str | None:
        """"Mexico's first transfer", "a U.S. military operation", "la operación de EE.UU."."""
        for child in noun.children:
            if child.dep_ in {"poss", "compound", "amod", "nmod"}:
                code = self.context.country_in(list(child.subtree)) if child.dep_ != "nmod" \
                    else None
                if code:
                    return code
        for child in noun.children:
            # "the two mass transfers Mexico carried out"
            if child.dep_ in {"relcl", "acl", "acl:relcl"} and not is_passive(child):
                subject = self.context.subject_of(child)
                entity = self.context.entity_at(subject) if subject is not None else None
                if entity is not None and entity.category == "country":
                    return entity.country
        head = noun.head
        if noun.dep_ in OBJECT_DEPS and head.lemma_.lower() in LIGHT_VERBS:
            subject = self.context.subject_of(head)
            if subject is not None:
                subject = self.context.antecedent(subject)
                return self.context.country_in(list(subject.subtree))
        return None

    # -- participants -----------------------------------------------------------------
    def _roles(self, mention: Mention, scope: list[Token], subject: Token | None,
               subject_country: str | None) -> None:
        context, sent = self.context, mention.sentence
        speakers = context.speakers(sent)
        found = [(e, t) for e, t in context.entities_in(scope) if e.id not in speakers]
        subject_ids = {e.id for e, _ in context.entities_in(list(subject.subtree))} \
            if subject is not None else set()
        persons = [(e, t) for e, t in found if e.type == "person"]
        groups = [(e, t) for e, t in found if context.is_criminal_group(e)]
        places = [(e, t) for e, t in found if e.type == "place"]

        def named(items: list[tuple[Entity, Token]]) -> list[Named]:
            return [(e.name, _mention_span(t, e)) for e, t in items]

        kind = mention.type
        if kind in {"transfer", "arrest", "charge", "designation", "seizure"}:
            persons += self._pronoun_objects(mention.trigger, persons)
            persons += self._described_people(mention.trigger, persons)
            groups += [g for g in self._described_groups(mention.trigger) if g[0].id not in {x.id for x, _ in groups}]
            objects = self._object_tokens(mention.trigger)
            victims = [(e, t) for e, t in persons if (not context.is_official(e) or t.i in objects)
                       and not modifies_another_person(t, context)]
            passive_or_noun = subject is None or subject.dep_ in PASSIVE_SUBJECT_DEPS \
                or is_passive(mention.trigger) or mention.subject_role == "persons"
            if kind != "transfer" and not passive_or_noun:
                mention.agents = named([(e, t) for e, t in found
                                        if e.id in subject_ids and e.type != "place"])
                victims = [(e, t) for e, t in victims if e.id not in subject_ids]
            mention.persons = named(victims)
            mention.organizations = named(groups)
            if kind in {"arrest", "charge", "seizure"}:
                mention.location = self._location(mention.trigger, places)
            if kind != "transfer" and not mention.agents:
                mention.agents = self._passive_agents(mention.trigger)
            if kind in {"charge", "arrest", "seizure"} and not mention.agents and subject_country \
                    and not passive_or_noun:
                mention.agents = [(context.country_name(subject_country) or subject_country,
                                   _sentence_span(sent))]
        elif kind == "killing":
            self._killing_roles(mention, persons, found, places)
        elif kind == "military_operation":
            # "a U.S. military operation in Venezuela": the modifier is the actor once a
            # place is named; "the Venezuela attack": the modifier is the place.
            mention.location = self._location(mention.trigger, places)
            code = subject_country or self._noun_actor_country(mention.trigger)
            if mention.location is None:
                mention.location = self._location(mention.trigger, places, compounds=True)
                if mention.location and subject_country is None:
                    code = None
            if code:
                name = context.country_name(code)
                if name and (mention.location is None or name != mention.location[0]):
                    mention.agents = [(name, _sentence_span(sent))]
            actors = set() if subject is None or is_passive(subject.head) else subject_ids
            mention.persons = named([(e, t) for e, t in persons if e.id not in actors])
        elif kind in {"consultation", "agreement"}:
            # The people of the clause: "Sheinbaum and Trump held their call", "spoke with
            # Trump", "her call with Trump"; not everyone named in the sentence.
            participants = [(e, t) for e, t in found if e.type == "person"]
            if len(participants) < 2:
                participants += [p for p in self._pronoun_people(sent, participants)]
            if len(participants) < 2 and kind == "agreement":
                participants = [(e, t) for e, t in context.entities_in(list(sent), "person")
                                if e.id not in speakers] or participants
            mention.agents = named(participants)
            if kind == "consultation":
                mention.location = self._location(mention.trigger, places)

    def _passive_agents(self, trigger: Token) -> list[Named]:
        """"arrested by Mexican soldiers", "capturados por la Guardia Nacional": the body
        named, else the country its members serve."""
        for prep, obj in prepositional_objects(trigger):
            if prep not in {"by", "por"} or not is_passive(trigger) and prep == "por":
                continue
            words = list(obj.subtree)
            bodies = [(e, t) for e, t in self.context.entities_in(words)
                      if e.type == "organization" or e.category == "country"]
            if bodies:
                return [(e.name, _mention_span(t, e)) for e, t in bodies[:1]]
            code = self.context.country_in(words)
            name = self.context.country_name(code)
            if name:
                return [(name, _sentence_span(self.context.sentence_of(trigger)))]
        return []

    @staticmethod
    def _object_tokens(trigger: Token) -> set[int]:
        """Tokens of the trigger's objects: "the capture of Maduro", "arrested Maduro"."""
        roots = [c for c in trigger.children if c.dep_ in OBJECT_DEPS | PASSIVE_SUBJECT_DEPS]
        roots += [obj for prep, obj in prepositional_objects(trigger) if prep in {"of", "de", "a"}]
        return {t.i for root in roots for t in root.subtree}

    def _killing_roles(self, mention: Mention, persons, found, places) -> None:
        context, token = self.context, mention.trigger
        victims_root: list[Token] = []
        heads = [token, token.head] if token.dep_ == "conj" else [token]
        for head in heads:
            for prep, obj in prepositional_objects(head):
                if prep in {"of", "de"}:
                    victims_root.append(obj)
        victims_root += [c for c in token.children if c.dep_ in {"dobj", "obj"} | PASSIVE_SUBJECT_DEPS]
        if token.pos_ in {"VERB", "AUX"} and not victims_root:
            subject = context.subject_of(token)
            if subject is not None and subject.dep_ in PASSIVE_SUBJECT_DEPS:
                victims_root.append(subject)
        victim_tokens = [t for root in victims_root for t in root.subtree]
        in_victims = context.entities_in(victim_tokens)
        mention.persons = [(e.name, _mention_span(t, e)) for e, t in in_victims if e.type == "person"]
        mention.organizations = [(e.name, _mention_span(t, e)) for e, t in in_victims
                                 if e.type == "organization"]
        agent = self._agent_above(token)
        if agent is not None:
            mention.agents = [(agent[0].name, _mention_span(agent[1], agent[0]))]
        mention.location = self._location(token, places)

    def _agent_above(self, token: Token) -> tuple[Entity, Token] | None:
        """The person a relative or appositive clause attributes the act to
        ("Caro Quintero, who was behind the killing …")."""
        for ancestor in token.ancestors:
            if self.context.is_speech_verb(ancestor):
                return None
            entity = self.context.entity_at(ancestor)
            if entity is not None and entity.type == "person":
                return entity, ancestor
        return None

    def _location(self, token: Token, places: list[tuple[Entity, Token]],
                  compounds: bool = False) -> Named | None:
        """The place the event happened: "in Guadalajara", also when the preposition hangs
        off the verb the trigger is conjoined with or governed by."""
        heads = [token]
        heads += [c for c in token.children if c.dep_ in {"relcl", "acl", "acl:relcl"}]
        node = token
        while len(heads) < 5 and node.head is not node and (
                node.dep_ in {"conj", "advcl"} or node.dep_ in SUBJECT_DEPS | OBJECT_DEPS
                and node.head.pos_ in {"VERB", "AUX"}):
            node = node.head
            heads.append(node)
        sentence_places = self.context.entities_in(list(self.context.sentence_of(token)), "place")
        for head in heads:
            for prep, obj in prepositional_objects(head):
                if prep in {"in", "en", "at"}:
                    for entity, t in sentence_places:
                        if in_subtree(t, obj) and entity.category != "country" or t.i == obj.i:
                            return entity.name, _mention_span(t, entity)
        for entity, t in places:
            prep = preposition_of(t) or (preposition_of(t.head) if entity.category != "country" else None)
            if prep in {"in", "en"}:
                return entity.name, _mention_span(t, entity)
        if compounds:
            for entity, t in places:
                if t.head.i == token.i and t.dep_ in {"compound", "nmod", "amod"}:
                    return entity.name, _mention_span(t, entity)
        return None

    def _pronoun_objects(self, trigger: Token, present: list[tuple[Entity, Token]]) -> list[tuple[Entity, Token]]:
        """"Mexico flew him and 28 other prisoners": the pronoun is the last person named."""
        pronouns = cue_set(self.language, "person_pronouns")
        have = {e.id for e, _ in present}
        objects = [c for c in trigger.children if c.dep_ in OBJECT_DEPS | PASSIVE_SUBJECT_DEPS]
        subject = self.context.subject_of(trigger)
        passive = any(c.dep_ in {"auxpass", "aux:pass"} for c in trigger.children)
        if subject is not None and (subject.dep_ in PASSIVE_SUBJECT_DEPS or passive):
            objects.append(subject)
        found = []
        for obj in objects:
            for t in [obj, *obj.conjuncts]:
                if t.lower_ in pronouns and t.pos_ == "PRON":
                    entity = self.context.last_person_subject(t.i)
                    if entity is not None and entity.id not in have:
                        found.append((entity, t))
                        have.add(entity.id)
        return found

    def _described_top(self, trigger: Token) -> Token | None:
        """For "another of the 29 prisoners Mexico sent": the phrase the prisoners describe."""
        if trigger.dep_ not in {"relcl", "acl"}:
            return None
        node = trigger.head
        while node.dep_ in {"pobj", "prep", "conj", "appos", "nmod", "case"} and node.head is not node:
            node = node.head
        return node if node.i != trigger.head.i else None

    def _described_people(self, trigger: Token, present: list[tuple[Entity, Token]]) -> list[tuple[Entity, Token]]:
        top = self._described_top(trigger)
        if top is None:
            return []
        have = {e.id for e, _ in present}
        return [(e, t) for e, t in self.context.entities_in(list(top.subtree), "person") if e.id not in have]

    def _described_groups(self, trigger: Token) -> list[tuple[Entity, Token]]:
        top = self._described_top(trigger)
        if top is None:
            return []
        return [(e, t) for e, t in self.context.entities_in(list(top.subtree))
                if self.context.is_criminal_group(e)]

    def _pronoun_people(self, sent: Span, present: list[tuple[Entity, Token]]) -> list[tuple[Entity, Token]]:
        """"She denied … during her call with Trump": a personal pronoun stands for the
        last person named as a subject before it."""
        pronouns = cue_set(self.language, "person_pronouns")
        have = {e.id for e, _ in present}
        for token in sent:
            if token.lower_ in pronouns and token.pos_ in {"PRON", "DET"}:
                entity = self.context.last_person_subject(sent.start)
                if entity is not None and entity.id not in have:
                    return [(entity, token)]
                return []
        return []

    # -- dates ------------------------------------------------------------------------
    def _assign_dates(self, mentions: list[Mention], timexes: list[tuple[TimexMatch, Token]]) -> None:
        """Each date goes to the nearest trigger in the tree; one date per mention."""
        pairs = []
        # "Today's transfer …," a speaker said: a quotation's relative dates are the
        # speaker's, not the report's.
        timexes = [(m, h) for m, h in timexes if not self._quoted(m.start) and not self._since(m)]
        for match, head in timexes:
            for mention in mentions:
                cost = self._date_cost(mention.trigger, head)
                if cost is not None:
                    pairs.append((cost, match.start, mention.trigger.i, match, mention))
        used_dates, dated = set(), set()
        for _, _, _, match, mention in sorted(pairs, key=lambda p: p[:3]):
            if match.start in used_dates or id(mention) in dated:
                continue
            mention.date = match
            used_dates.add(match.start)
            dated.add(id(mention))
        for mention in mentions:
            # "held their ninth phone call, on July 31, in which the two leaders agreed":
            # events of different types in one clause share a nearby date.
            if mention.date is None:
                options = [(cost, match) for cost, _, _, match, other in pairs
                           if other is mention and cost <= 3
                           and not any((m.type == mention.type or self._owns(m, match)) and m.date is match
                                       for m in mentions)]
                if options:
                    mention.date = min(options, key=lambda o: o[0])[1]
        for mention in mentions:
            if mention.date is None:
                # "the call …, in which the two leaders agreed": the clause shares the date.
                for other in mentions:
                    if other is not mention and other.date and other.trigger.pos_ == "NOUN" \
                            and mention.trigger.dep_ == "relcl" and mention.trigger.head.i == other.trigger.i:
                        mention.date = other.date

    def _owns(self, mention: Mention, match: TimexMatch) -> bool:
        """"pleaded not guilty to the 1985 murder": a date inside a trigger's own phrase
        is that event's alone."""
        span = self.context.doc.char_span(match.start, match.end, alignment_mode="expand")
        return span is not None and in_subtree(span.root, mention.trigger) and span.root.i != mention.trigger.i

    def _since(self, match: TimexMatch) -> bool:
        """"since February", "desde febrero de 2025": where a series starts, not an event's date."""
        before = self.context.text[max(0, match.start - 7):match.start].lower().split()
        return bool(before) and before[-1] in self.since_words

    def _quoted(self, position: int) -> bool:
        if self._quotes is None:
            self._quotes = quoted_spans(self.context.text)
        return any(q.start <= position < q.end for q in self._quotes)

    def _date_cost(self, trigger: Token, head: Token) -> float | None:
        inside = in_subtree(head, trigger)
        clause = next((a for a in [head, *head.ancestors] if a.dep_ in {"relcl", "acl:relcl"}), None)
        if clause is not None and not in_subtree(trigger, clause):
            return None  # "charges first brought against him in 2020": the clause's own date
        if not inside and trigger.pos_ in {"NOUN", "PROPN"} and any(
                c.dep_ in {"det", "poss"} and c.lower_ in {"the", "el", "la", "this", "that", "its", "his", "her"}
                for c in trigger.children) and not any(p in {"of", "de"} for p, _ in prepositional_objects(trigger)):
            return None  # "the transfer" refers back; it takes no date from the clause
        cost = float(path_length(trigger, head))
        speech = head if self.context.is_speech_verb(head) else head.head \
            if self.context.is_speech_verb(head.head) else None
        if speech is not None and not inside:
            # "…, the department said Wednesday": the day of the saying dates only the
            # event reported in the verb's own complement.
            reported = [c for c in speech.children if c.dep_ in {"ccomp", "xcomp", "parataxis"}]
            if not any(in_subtree(trigger, c) for c in reported) and trigger.head.i != speech.i:
                return None
            cost += 0.5
        return cost

    # -- lists and background series --------------------------------------------------
    def _enumerated(self, sent: Span, mentions: list[Mention],
                    timexes: list[tuple[TimexMatch, Token]]) -> list[Mention]:
        """"after 29 in February and 26 in August": each figure with its own date is an
        earlier event of the series the sentence talks about."""
        context_type = "transfer" if any(m.type == "transfer" for m in mentions) or \
            self._speaks_of_transfers(sent) else None
        if context_type is None:
            return []
        base = next((m for m in mentions if m.type == context_type), None)
        if base is None:
            aside = [t for t in self.finder.find(sent) if t.type == context_type]
            drafts = [self._mention(t, sent, aside) for t in aside]
            origin = next((d.origin for d in drafts if d and d.origin), None)
            destination = next((d.destination for d in drafts if d and d.destination), None)
            if not (origin and destination):
                # "el gobierno de Sheinbaum puso en manos de la justicia estadounidense a 56":
                # the clause's subject and the country it hands to.
                root = sent.root
                subject = self.context.subject_of(root)
                if subject is not None and not origin:
                    origin = self.context.country_in(list(subject.subtree))
                if not destination:
                    destination = next((code for prep, obj in prepositional_objects(root)
                                        if prep in {"to", "into", "a", "en"}
                                        and (code := self.context.named_country(obj)) and code != origin), None)
            if (origin or destination) and aside:
                base = Mention(context_type, aside[0].token, sent, origin=origin, destination=destination)
        found = []
        used = {m.date.start for m in mentions if m.date}
        for match, head in timexes:
            if match.start in used:
                continue
            # "29 in February", "26 en agosto": a figure right before the dated phrase.
            doc = sent.doc
            span = doc.char_span(match.start, match.end, alignment_mode="expand")
            if span is None:
                continue
            start = span.start + (0 if span[0].lower_ in {"in", "en"} else -1)
            if start < 1 or doc[start].lower_ not in {"in", "en"} or not doc[start - 1].like_num:
                continue
            number = doc[start - 1]
            figure = figure_at(sent.doc, number.i, self.language)
            if figure is None or not self._is_count_figure(figure):
                continue
            mention = Mention(context_type, number, sent, date=match, count=figure.value,
                              count_span=TextSpan(number.idx, number.idx + len(number.text), number.text))
            if base is not None:
                mention.origin, mention.destination = base.origin, base.destination
                if base.hypothetical or base.negated:
                    continue
            scope = [t for t in number.subtree]
            persons = [(e, t) for e, t in self.context.entities_in(scope, "person")
                       if not self.context.is_official(e)]
            mention.persons = [(e.name, _mention_span(t, e)) for e, t in persons]
            found.append(mention)
        return found

    def _speaks_of_transfers(self, sent: Span) -> bool:
        """Transfer vocabulary anywhere, even in clauses set aside as series."""
        rules = self.finder.rules
        return any(any(r.type == "transfer" for r in rules.get(t.lemma_.lower(), ())) for t in sent)

    def _lists_people(self, token: Token) -> bool:
        """A membership cue that speaks of people or of a transfer: "the group included",
        "Among them", "Also on the list", "Besides Caro Quintero"."""
        if token.lemma_.lower() not in self.membership and token.lower_ not in self.membership:
            return False
        neighbours = [token.head, *token.children, *(g for c in token.children for g in c.children)]
        listing = self.context.people_nouns | cue_set(self.language, "list_nouns")
        if token.lemma_.lower() in listing and token.pos_ == "NOUN":
            return True  # "Also on the list was …"
        for other in neighbours:
            if other.i == token.i:
                continue
            if other.lemma_.lower() in listing or other.lower_ in listing \
                    or other.i in self.finder.person_tokens:
                return True
            if any(r.type == "transfer" for r in self.finder.rules.get(other.lemma_.lower(), ())):
                return True
        return False

    def _attach_members(self, sent: Span, earlier: list[Mention], triggers: list[Token]) -> None:
        """"Among them was …", "the group included …": people of the last transfer."""
        if not any(self._lists_people(t) for t in sent):
            return
        target = next((m for m in reversed(earlier) if m.type == "transfer"
                       and not m.negated and not m.hypothetical and m.count is not None), None)
        if target is None:
            return
        speakers = self.context.speakers(sent)
        for entity, token in self.context.entities_in(list(sent)):
            if entity.id in speakers or any(in_subtree(token, t) for t in triggers):
                continue  # a speaker, or the victim of a killing recalled in the list
            if entity.type == "person" and not self.context.is_official(entity) \
                    and not modifies_another_person(token, self.context):
                if entity.name not in {n for n, _ in target.persons}:
                    target.persons.append((entity.name, _mention_span(token, entity)))
            elif self.context.is_criminal_group(entity):
                if entity.name not in {n for n, _ in target.organizations}:
                    target.organizations.append((entity.name, _mention_span(token, entity)))


__all__ = ["Mention", "MentionReader", "CLAUSE_DEPS"]
