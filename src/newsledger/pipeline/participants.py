"""Who and where: the people, groups, actors and place of a mention, read off the
trigger's scope and the words around it."""
from __future__ import annotations

from spacy.tokens import Span, Token

from newsledger import lang
from newsledger.model import Entity
from newsledger.ontology import event_type
from newsledger.pipeline.evidence import because, text_span
from newsledger.pipeline.locations import Locator
from newsledger.pipeline.mentions import Mention, Named, mention_span, sentence_span
from newsledger.pipeline.roles import DocContext, cue_set, modifies_another_person
from newsledger.pipeline.syntax import (
    OBJECT_DEPS, OBJECT_OR_PASSIVE_SUBJECT_DEPS, PASSIVE_SUBJECT_DEPS, controller, is_passive, preposition_of,
    prepositional_objects,
)
from newsledger.pipeline.tokenindex import token_index


# Knowledge-base categories of those who act for a state.
STATE_ACTORS = {"government_body", "official", "politician"}
# The relations of a victim taken as the act's object (one set, not a union per word).
_VICTIM_DEPS = {"dobj", "obj"} | PASSIVE_SUBJECT_DEPS


class Participants:
    """Fills a mention's agents, persons, organizations and location."""

    def __init__(self, context: DocContext, language: str):
        self.context = context
        self.language = language
        self.military = cue_set(language, "military_nouns")
        self.light_verbs = lang.grammar(language, "light_verbs")
        self.locator = Locator(context, language)
        self.companions = cue_set(language, "companion_prepositions")

    def roles(self, mention: Mention, scope: list[Token], subject: Token | None,
              subject_country: str | None, subject_words: list[Token] | None = None) -> None:
        """``subject`` is the trigger's ``subject_of`` for a verb, else None;
        ``subject_words`` its subtree when the caller has read it already (spaCy's walk
        makes a Token per word and costs more than all the tests made on them here)."""
        context, sent = self.context, mention.sentence
        speakers = context.speakers(sent)
        if subject is not None and subject_words is None:
            subject_words = list(subject.subtree)
        # The subject's entities, read once.
        subject_entities = context.entities_in(subject_words) if subject_words is not None else []
        if mention.subject_role == "persons" and subject is not None and context.is_speech_verb(mention.trigger):
            # "Zambada se declara culpable": the verb of speech is the act, its subject the accused.
            speakers = speakers - {e.id for e, _ in subject_entities}
        found = [(e, t) for e, t in context.entities_in(scope) if e.id not in speakers]
        subject_ids = {e.id for e, _ in subject_entities}
        persons = [(e, t) for e, t in found if e.type == "person"]
        groups = [(e, t) for e, t in found if context.is_criminal_group(e)]
        places = [(e, t) for e, t in found if e.type == "place"]

        def named(items: list[tuple[Entity, Token]], rule: str) -> list[Named]:
            return [(e.name, mention_span(t, e, rule)) for e, t in items]

        def acting_words(subject: Token) -> list[Token]:
            """The words of the subject's antecedent: the subject's own, already read, when
            it is no relative pronoun."""
            antecedent = context.antecedent(subject)
            return subject_words if antecedent is subject and subject_words is not None \
                else list(antecedent.subtree)

        spec = event_type(mention.type)
        reading = spec.roles.reading
        if reading == "patient":
            # (the trigger's subject is known for a verb; a noun's is looked up as before)
            trigger_subject = subject if mention.trigger.pos_ in {"VERB", "AUX"} \
                else self.context.subject_of(mention.trigger)
            pronouns = self._pronoun_objects(mention.trigger, persons, trigger_subject)
            described = self._described_people(mention.trigger, persons + pronouns)
            persons += pronouns + described
            described_groups = [g for g in self._described_groups(mention.trigger)
                                if g[0].id not in {x.id for x, _ in groups}]
            groups += described_groups
            how = {t.i: "pronoun" for _, t in pronouns} | {t.i: "described" for _, t in described + described_groups}
            # The objects' words matter only for an official named (most mentions name none).
            objects = self._object_tokens(mention.trigger) if any(context.is_official(e) for e, _ in persons) \
                else set()
            victims = [(e, t) for e, t in persons if (not context.is_official(e) or t.i in objects)
                       and not modifies_another_person(t, context)]
            passive_or_noun = subject is None or subject.dep_ in PASSIVE_SUBJECT_DEPS \
                or is_passive(mention.trigger) or mention.subject_role == "persons"
            if spec.agent_from("subject") and not passive_or_noun:
                mention.agents = named([(e, t) for e, t in found
                                        if e.id in subject_ids and e.type != "place"], "agents.subject")
                victims = [(e, t) for e, t in victims if e.id not in subject_ids]
            mention.persons = [(e.name, mention_span(t, e, f"persons.{how.get(t.i, 'scope')}"))
                               for e, t in victims]
            if not victims:
                self._why_no_person(mention, persons, subject_ids, speakers, scope)
            mention.organizations = [(e.name, mention_span(t, e, f"organizations.{how.get(t.i, 'scope')}"))
                                     for e, t in groups]
            if "location" in spec.slots:
                mention.location = self._location(mention.trigger, places)
            if spec.agent_from("subject") and not mention.agents and not passive_or_noun \
                    and subject is not None and mention.trigger.dep_ == "conj":
                # "Agents of the FBI were waiting … and took them into custody": the subject
                # of a conjoined verb lies outside the trigger's own words.
                mention.agents = named([(e, t) for e, t in subject_entities
                                        if e.type != "place" and e.id not in speakers], "agents.subject")
            if spec.agent_from("by_phrase") and not mention.agents:
                mention.agents = self._passive_agents(mention.trigger)
            if spec.agent_from("state_of_agents"):
                self._states_of_agents(mention)
            if spec.agent_from("subject_country") and not mention.agents and subject_country \
                    and not passive_or_noun:
                words = acting_words(subject) if subject is not None else sent
                mention.agents = [(context.country_name(subject_country) or subject_country,
                                   because(words, "agents.subject-country"))]
        elif reading == "victims":
            self._killing_roles(mention, persons, found, places)
        elif reading == "operation":
            # "a U.S. military operation in Venezuela": the modifier is the actor once a
            # place is named; "the Venezuela attack": the modifier is the place.
            mention.location = self._location(mention.trigger, places, targets=True)
            rule, code = "agents.subject-country", subject_country
            words: list[Token] | Span = acting_words(subject) if subject is not None else sent
            if code is None:
                actor = self.noun_actor(mention.trigger)
                if actor is not None:
                    (code, words), rule = actor, "agents.noun-actor"
            if mention.location is None:
                mention.location = self._location(mention.trigger, places, compounds=True)
                if mention.location and subject_country is None:
                    code = None
            if code:
                name = context.country_name(code)
                if name and (mention.location is None or name != mention.location[0]):
                    mention.agents = [(name, because(words, rule))]
            actors = set() if subject is None or is_passive(subject.head) else subject_ids
            # "preparing to attack cartels … in an interview with Hannity": a person met or
            # spoken with is no target of the action.
            mention.persons = named([(e, t) for e, t in persons if e.id not in actors
                                     and preposition_of(_phrase_head(t)) not in self.companions], "persons.scope")
        elif reading == "parties":
            # The people of the clause: "Sheinbaum and Trump held their call", "spoke with
            # Trump", "her call with Trump"; not everyone named in the sentence.
            participants = [(e, t) for e, t in found if e.type == "person"]
            how: dict[int, str] = {}
            controlling = controller(mention.trigger)
            if controlling is not None:
                # "After speaking with Trump, Sheinbaum said …": a verb without a subject of
                # its own takes the subject of the verb it depends on, a speaker or not.
                have = {e.id for e, _ in participants}
                controller_people = [(e, t) for e, t in context.entities_in(list(controlling.subtree))
                                     if e.type == "person" and e.id not in have]
                how |= {t.i: "agents.controller" for _, t in controller_people}
                participants = controller_people + participants
            if len(participants) < 2 and spec.agent_from("pronouns"):
                pronouns = self._pronoun_people(sent, participants)
                how |= {t.i: "agents.pronoun" for _, t in pronouns}
                participants += pronouns
            if len(participants) < 2 and spec.agent_from("sentence"):
                in_sentence = [(e, t) for e, t in context.span_entities(sent, "person")
                               if e.id not in speakers]
                if in_sentence:
                    participants, how = in_sentence, {t.i: "agents.sentence-people" for _, t in in_sentence}
            if len(participants) < 2 and spec.agent_from("states"):
                # "los acuerdos entre México y Estados Unidos": governments are the parties.
                states = [(e, t) for e, t in found if e.category == "country"
                          and e.id not in {p.id for p, _ in participants}]
                how |= {t.i: "agents.party-states" for _, t in states}
                participants += states
            mention.agents = [(e.name, mention_span(t, e, how.get(t.i, "agents.participants")))
                              for e, t in participants]
            if "location" in spec.slots:
                mention.location = self._location(mention.trigger, places)

    def _why_no_person(self, mention: Mention, persons: list[tuple[Entity, Token]], subject_ids: set[str],
                       speakers: set[str], scope: list[Token]) -> None:
        """Why the act names no person although its words name one: that person acts,
        holds office, only describes another one, or reports the act."""
        for entity, token in persons:
            rule = "persons.actor" if entity.id in subject_ids else \
                "persons.official" if self.context.is_official(entity) else "persons.describes-another"
            mention.note_empty("persons", mention_span(token, entity, rule))
            return
        for entity, token in self.context.entities_in(scope, "person"):
            if entity.id in speakers:
                mention.note_empty("persons", mention_span(token, entity, "persons.speaker"))
                return

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
                return [(e.name, mention_span(t, e, "agents.passive-by", prep)) for e, t in bodies[:1]]
            code = self.context.country_in(words)
            name = self.context.country_name(code)
            if name:
                return [(name, because(words, "agents.passive-by-country", prep))]
        return []

    @staticmethod
    def _object_tokens(trigger: Token) -> set[int]:
        """Tokens of the trigger's objects: "the capture of Maduro", "arrested Maduro"."""
        index = token_index(trigger.doc)  # (positions read off the index: no Token objects)
        roots = [c for c in index.children(trigger.i) if index.dep[c] in OBJECT_OR_PASSIVE_SUBJECT_DEPS]
        roots += [obj.i for prep, obj in prepositional_objects(trigger) if prep in {"of", "de", "a"}]
        return {t for root in roots for t in index.subtree(root)}

    def _killing_roles(self, mention: Mention, persons, found, places) -> None:
        context, token = self.context, mention.trigger
        victims_root: list[Token] = []
        heads = [token, token.head] if token.dep_ == "conj" else [token]
        for head in heads:
            for prep, obj in prepositional_objects(head):
                if prep in {"of", "de"}:
                    victims_root.append(obj)
        victims_root += [c for c in token.children if c.dep_ in _VICTIM_DEPS]
        if token.pos_ in {"VERB", "AUX"} and not victims_root:
            subject = context.subject_of(token)
            if subject is not None and subject.dep_ in PASSIVE_SUBJECT_DEPS:
                victims_root.append(subject)
        victim_tokens = [t for root in victims_root for t in root.subtree]
        in_victims = context.entities_in(victim_tokens)
        mention.persons = [(e.name, mention_span(t, e, "persons.victim")) for e, t in in_victims
                           if e.type == "person"]
        mention.organizations = [(e.name, mention_span(t, e, "organizations.victim")) for e, t in in_victims
                                 if e.type == "organization"]
        agent = self._agent_above(token)
        if agent is not None:
            mention.agents = [(agent[0].name, mention_span(agent[1], agent[0], "agents.relative-clause"))]
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
                  compounds: bool = False, targets: bool = False) -> Named | None:
        return self.locator.of(token, places, compounds=compounds, targets=targets)

    def _pronoun_objects(self, trigger: Token, present: list[tuple[Entity, Token]],
                         subject: Token | None) -> list[tuple[Entity, Token]]:
        """"Mexico flew him and 28 other prisoners": the pronoun is the last person named.
        ``subject`` is ``subject_of(trigger)``."""
        pronouns = cue_set(self.language, "person_pronouns")
        have = {e.id for e, _ in present}
        index = token_index(trigger.doc)  # (children read off the index: a Token per object only)
        children, deps = index.children(trigger.i), index.dep
        objects = [trigger.doc[c] for c in children if deps[c] in OBJECT_OR_PASSIVE_SUBJECT_DEPS]
        passive = any(deps[c] in {"auxpass", "aux:pass"} for c in children)
        if subject is not None and (subject.dep_ in PASSIVE_SUBJECT_DEPS or passive):
            objects.append(subject)
        found = []
        for obj in objects:
            for t in [obj, *obj.conjuncts]:
                if t.lower_ in pronouns and t.pos_ == "PRON":
                    entity = self.context.last_person_subject(t.i, acted_on=True)
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
        index = token_index(sent.doc)  # (the sentence's pronouns found on the index, in order)
        for i in index.positions(sent, "lower", pronouns):
            if index.pos[i] in {"PRON", "DET"}:
                entity = self.context.last_person_subject(sent.start)
                if entity is not None and entity.id not in have:
                    return [(entity, sent.doc[i])]
                return []
        return []

    def capture_abroad(self, mention: Mention, subject: Token, country: str, scope: list[Token]) -> None:
        """"U.S. forces captured Venezuela's Nicolás Maduro": a capture by a state's armed
        forces of someone from another country is a military operation, not an arrest."""
        if not any(t.lemma_.lower() in self.military or t.lower_ in self.military for t in subject.subtree):
            return
        captured = [(e, t) for e, t in self.context.entities_in(scope, "person")
                    if e.name in {n for n, _ in mention.persons}]
        abroad = [(e.country, mention_span(t, e)) for e, t in captured if e.country and e.country != country]
        objects = [t for t in mention.trigger.children if t.dep_ in OBJECT_DEPS]
        abroad += [(code, text_span(list(obj.subtree))) for obj in objects
                   if (code := self.context.country_in(list(obj.subtree))) and code != country]
        if not abroad:
            return
        mention.fill("type", "military_operation",
                     because(mention.trigger, "type.capture-abroad", mention.trigger.lemma_))
        name = self.context.country_name(country)
        mention.agents = [(name, because(list(subject.subtree), "agents.capture-abroad"))] if name else []
        code, words = abroad[0]
        if mention.location is None and self.context.country_name(code):
            mention.location = (self.context.country_name(code) or "", because(words, "location.capture-abroad"))

    def _states_of_agents(self, mention: Mention) -> None:
        """"el Departamento de Estado designó …": a body or an official acts for its
        state; the state is an agent of the act too."""
        by_name = {e.name: e for e in self.context.entities.values()}
        names = {n for n, _ in mention.agents}
        for name, span in list(mention.agents):
            entity = by_name.get(name)
            if entity is None or entity.category not in STATE_ACTORS or not entity.country:
                continue
            state = self.context.country_name(entity.country)
            if state and state not in names:
                mention.agents.append((state, because(span, "agents.state-of-body", name)))
                names.add(state)

    def noun_actor_country(self, noun: Token) -> str | None:
        found = self.noun_actor(noun)
        return found[0] if found else None

    def noun_actor(self, noun: Token) -> tuple[str, list[Token]] | None:
        """"Mexico's first transfer", "a U.S. military operation", "la operación de EE.UU.":
        the country and the words that name it."""
        for child in noun.children:
            if child.dep_ in {"poss", "compound", "amod", "nmod"}:
                # "a U.S. military action": a noun modifier before the noun names the actor;
                # "la operación de EE.UU." after it is a prepositional phrase, read elsewhere.
                words = list(child.subtree)
                code = self.context.country_in(words) if child.dep_ != "nmod" or child.i < noun.i else None
                if code:
                    return code, words
        for child in noun.children:
            # "the two mass transfers Mexico carried out"
            if child.dep_ in {"relcl", "acl", "acl:relcl"} and not is_passive(child):
                subject = self.context.subject_of(child)
                entity = self.context.entity_at(subject) if subject is not None else None
                if entity is not None and entity.category == "country" and subject is not None:
                    return (entity.country, [subject]) if entity.country else None
        head = noun.head
        if noun.dep_ in OBJECT_DEPS and head.lemma_.lower() in self.light_verbs:
            subject = self.context.subject_of(head)
            if subject is not None:
                subject = self.context.antecedent(subject)
                words = list(subject.subtree)
                code = self.context.country_in(words)
                return (code, words) if code else None
        return None


def _phrase_head(token: Token) -> Token:
    """The head of the name a token is part of ("Sean" → "Hannity")."""
    while token.dep_ in {"compound", "flat", "flat:name"} and token.head is not token:
        token = token.head
    return token


__all__ = ["Participants"]
