"""Who and where: reading an event's participants, places and countries off the parse.

``DocContext`` wraps one Doc with its canonical entities so that the rules can ask
"which entity is this token?", "which country does this phrase name?" and "who is
speaking in this sentence?" without repeating the lookups.
"""
from __future__ import annotations

import re
from bisect import bisect_left
from functools import cache, lru_cache

from spacy.tokens import Doc, Span, Token

from newsledger import lang
from newsledger.kb import KnowledgeBase
from newsledger.model import Entity, Evidence
from newsledger.pipeline.doctext import doc_text
from newsledger.pipeline.evidence import because
from newsledger.pipeline.syntax import ANY_SUBJECT_DEPS, SUBJECT_DEPS, object_positions, prepositional_objects
from newsledger.pipeline.tokenindex import VERBS, morph_values, token_index

# A dateline: a place in capitals (", State" allowed) and a dash or an em dash.
_DATELINE = re.compile(r"^[A-ZÁÉÍÓÚÑ]{2,}[A-ZÁÉÍÓÚÑa-záéíóúñ.,' ]{0,60}?\s*(?:\([^)]{1,30}\)\s*)?[-—–]+\s*")
_DATELINE_LINE = re.compile(r"(?m)^" + _DATELINE.pattern[1:])
_DATELINE_WINDOW = 1500  # a dateline sits under the headline and byline, never further down
OFFICIAL_CATEGORIES = {"official", "politician", "journalist"}
CRIMINAL_CATEGORIES = {"criminal_group"}


@cache
def cue_set(language: str, name: str) -> frozenset[str]:
    return frozenset(str(w).lower() for w in lang.load(language, "cues").get(name, ()))


@lru_cache(maxsize=50000)
def country_code(text: str) -> str | None:
    """The knowledge base's reading of a country name or demonym, cached: the same words
    ("U.S.", "Mexican") come back in every report."""
    return KnowledgeBase.default().country_code(text)


@cache
def country_names() -> dict[str, str]:
    """ISO code -> canonical country name, from the knowledge base."""
    return {e.iso: e.name for e in KnowledgeBase.default().entries if e.iso}


class DocContext:
    """Built once per document (``DocContext.of``) and shared by the components that
    run after the entity resolver, which is the last to change what it indexes."""

    @classmethod
    def of(cls, doc: Doc, language: str) -> "DocContext":
        context = doc.user_data.get(("newsledger", "context"))
        if context is None or context.doc is not doc:
            context = doc.user_data[("newsledger", "context")] = cls(doc, language)
        return context

    def __init__(self, doc: Doc, language: str):
        self.doc = doc
        self.language = language
        self.kb = KnowledgeBase.default()
        self.entities: dict[str, Entity] = {e.id: e for e in doc._.nl_entities or []}
        self.token_entity: dict[int, str] = doc._.nl_token_entity or {}
        self.text = doc_text(doc)  # Doc.text joins every token each time it is read
        # "MEXICO CITY —" names where the report was filed, never a participant.
        self.dateline_start, self.dateline_end = self._dateline()
        # The positions of the dateline's tokens (in_dateline by position, no Token object).
        self._dateline_positions = self._dateline_tokens()
        # entity_at is asked about every word of every scope and phrase: each entity's
        # tokens are placed once, by position, with those of the dateline left out.
        self._entity_of: dict[int, Entity] = {}
        entities, dateline = self.entities, self._dateline_positions
        for i, entity_id in self.token_entity.items():
            entity = entities.get(entity_id) if entity_id else None
            if entity is not None and i not in dateline:
                self._entity_of[i] = entity
        # The positions that name an entity, in order: a span's entities are a slice.
        self._entity_positions = sorted(self._entity_of)
        self.speech_verbs = cue_set(language, "speech_verbs")
        # token.sent and doc.sents walk the document each time: index the sentences once.
        self.sentences: list[Span] = list(doc.sents)
        self._sentence_at = [0] * len(doc)
        for number, sent in enumerate(self.sentences):
            self._sentence_at[sent.start:sent.end] = [number] * (sent.end - sent.start)
        self._speakers: dict[int, set[str]] = {}
        self._span_entities: dict[tuple[int, int, str | None], list[tuple[Entity, Token]]] = {}
        self.people_nouns = cue_set(language, "people_nouns")
        # Prepositions of direction, multiword ones included ("en manos de", "por parte de").
        self.to_words = cue_set(language, "destination_prepositions")
        self.from_words = cue_set(language, "origin_prepositions")

    def _dateline(self) -> tuple[int, int]:
        """Where the dateline is: at the start of the text, or at the start of a line below
        the headline and byline ("WIRE — URGENT⏎…⏎EL PASO, Texas (TBW) — …"), the first
        such line that names a place."""
        match = _DATELINE.match(self.text)
        if match and not self.entities:
            return 0, match.end()
        for found in _DATELINE_LINE.finditer(self.text, 0, _DATELINE_WINDOW):
            if any(e.type == "place" and any(found.start() <= m.start < found.end() for m in e.mentions)
                   for e in self.entities.values()):
                return found.start(), found.end()
        return (0, match.end()) if match else (0, 0)

    def _dateline_tokens(self) -> range:
        """The positions of the tokens ``in_dateline`` holds for: those whose ``idx`` is in
        the dateline, a run since ``idx`` grows with the position, found by bisection (a
        Token object per step, not one per entity word)."""
        if self.dateline_start >= self.dateline_end:
            return range(0)
        doc = self.doc
        positions = range(len(doc))
        first = bisect_left(positions, self.dateline_start, key=lambda i: doc[i].idx)
        return range(first, bisect_left(positions, self.dateline_end, first, key=lambda i: doc[i].idx))

    @property
    def dateline_country(self) -> str | None:
        """The country of the place a report was filed from ("HOUSTON —" → US)."""
        for entity in self.entities.values():
            if entity.type == "place" and any(self.dateline_start <= m.start < self.dateline_end
                                              for m in entity.mentions):
                return entity.country
        return None

    def in_dateline(self, token: Token) -> bool:
        return self.dateline_start <= token.idx < self.dateline_end

    def sentence_of(self, token: Token) -> Span:
        return self.sentences[self._sentence_at[token.i]]

    # -- entities -------------------------------------------------------------------
    def entity_at(self, token: Token) -> Entity | None:
        return self._entity_of.get(token.i)

    def entity_at_position(self, i: int) -> Entity | None:
        """``entity_at(doc[i])`` without making the Token."""
        return self._entity_of.get(i)

    def entities_in(self, tokens: list[Token] | Span, type: str | None = None) -> list[tuple[Entity, Token]]:
        """Distinct entities among ``tokens`` with the first token naming each."""
        seen: dict[str, tuple[Entity, Token]] = {}
        entity_of = self._entity_of
        if isinstance(tokens, Span):  # a Token object only for each entity's first word
            # Only the span's entity words are looked at: a slice of the sorted positions.
            positions = self._entity_positions
            for i in positions[bisect_left(positions, tokens.start):bisect_left(positions, tokens.end)]:
                entity = entity_of[i]
                if (type is None or entity.type == type) and entity.id not in seen:
                    seen[entity.id] = (entity, tokens.doc[i])
            return list(seen.values())
        for token in tokens:
            entity = entity_of.get(token.i)
            if entity and (type is None or entity.type == type) and entity.id not in seen:
                seen[entity.id] = (entity, token)
        return list(seen.values())

    def span_entities(self, span: Span, type: str | None = None) -> list[tuple[Entity, Token]]:
        """``entities_in(span, type)``, read once per span: the rules ask again and again
        for the people, places and groups of the same sentences."""
        key = (span.start, span.end, type)
        if key not in self._span_entities:
            self._span_entities[key] = self.entities_in(span, type)
        return list(self._span_entities[key])

    def person_tokens(self) -> set[int]:
        return {i for i, e in self.token_entity.items() if self.entities[e].type == "person"}

    def is_official(self, entity: Entity) -> bool:
        return entity.category in OFFICIAL_CATEGORIES

    def is_criminal_group(self, entity: Entity) -> bool:
        if entity.type != "organization":
            return False
        if entity.category in CRIMINAL_CATEGORIES:
            return True
        return entity.category is None and any(w in entity.name.lower() for w in ("cartel", "cártel"))

    # -- countries ------------------------------------------------------------------
    def country_of_token(self, token: Token) -> str | None:
        if self.in_dateline(token):
            return None
        entity = self.entity_at(token)
        if entity is not None:
            return entity.country
        if token.pos_ in {"PROPN", "ADJ", "NOUN"} or token.text[:1].isupper():
            return country_code(token.text)
        return None

    def country_in(self, tokens: list[Token] | Span) -> str | None:
        """The first country a phrase names, by name, demonym or an entity's country."""
        for token in tokens:
            code = self.country_of_token(token)
            if code:
                return code
        return None

    def antecedent(self, token: Token) -> Token:
        """"Donald Trump, quien … ordenó": a relative pronoun stands for the noun its clause
        hangs on."""
        if token.lower_ in {"who", "which", "that", "quien", "quienes", "que", "cual"} \
                and token.head.dep_ in {"relcl", "acl", "acl:relcl"}:
            return token.head.head
        return token

    def named_country(self, token: Token) -> str | None:
        """The country a phrase names as such ("to the United States", "into U.S. custody",
        "a territorio estadounidense"); a city or an airport does not count, since "taken
        to the airport" is a move within the country."""
        # (Token.subtree, not the token index's: spaCy's walk of it in C is the quicker, and
        # the words' text is read off the Tokens anyway.)
        entity_of = self._entity_of
        for t in token.subtree:
            entity = entity_of.get(t.i)
            if entity is not None:
                if entity.category == "country" or entity.type == "place" and entity.kb_id is None \
                        and country_code(entity.name):
                    return entity.country or country_code(entity.name)
                continue
            if t.pos_ in {"PROPN", "ADJ", "NOUN"} or t.text[:1].isupper():
                code = country_code(t.text)
                if code:
                    return code
        return None

    @staticmethod
    def country_name(code: str | None) -> str | None:
        return country_names().get(code) if code else None

    # -- clauses --------------------------------------------------------------------
    def is_speech_verb(self, token: Token) -> bool:
        """"said", "dijo"; not "State" in "Secretary of State"."""
        return token.pos_ in {"VERB", "AUX"} and token.lemma_.lower() in self.speech_verbs

    def speech_verbs_in(self, sent: Span) -> list[Token]:
        """The tokens of ``sent`` that ``is_speech_verb`` holds for, read off the token index."""
        index = token_index(self.doc)
        return [self.doc[i] for i in index.positions(sent, "lemma", self.speech_verbs) if index.pos[i] in VERBS]

    def is_speech_act(self, token: Token) -> bool:
        """A speech verb used to report words ("said that …", "dijo: «…»"), not in another
        sense ("sostuvieron una conversación")."""
        return self._speech_act_at(token.i)

    def _speech_act_at(self, i: int) -> bool:
        """``is_speech_act(doc[i])``: the tag, lemma and children's labels read off the
        token index (``is_speech_verb``'s reading of them), no Token object per child."""
        index = token_index(self.doc)
        if index.pos[i] not in VERBS or index.lemma[i] not in self.speech_verbs:
            return False
        dep = index.dep
        if any(dep[c] in {"ccomp", "parataxis", "xcomp"} for c in index.children(i)):
            return True
        sent = self.sentences[self._sentence_at[i]]
        said = self.text[sent.start_char:sent.end_char]  # sliced once, not once per mark
        return any(ch in said for ch in "“”«»\":")

    def speakers(self, sent: Span) -> set[str]:
        """Entities that are the subjects of speech verbs in the sentence."""
        if sent.start in self._speakers:
            return self._speakers[sent.start]
        found = self._speakers[sent.start] = set()
        # The verbs and their subjects by position (the token index), the entities of the
        # subjects' words looked up directly: a Token object per subject word only.
        # (Token.subtree, not the index's: spaCy's walk of it in C is the quicker.)
        doc, index, entity_of = self.doc, token_index(self.doc), self._entity_of
        dep, pos = index.dep, index.pos
        for i in index.positions(sent, "lemma", self.speech_verbs):
            if pos[i] in VERBS and self._speech_act_at(i):
                for child in index.children(i):
                    if dep[child] in SUBJECT_DEPS:
                        for t in doc[child].subtree:
                            entity = entity_of.get(t.i)
                            if entity is not None:
                                found.add(entity.id)
        return found

    def subject_of(self, token: Token) -> Token | None:
        """The subject of a verb, also through conjunction ("abducted …, tortured and killed")."""
        node = token.i
        index = token_index(token.doc)  # (the walk read off the index: no Token objects)
        dep, head, pos = index.dep, index.head, index.pos
        for _ in range(3):
            # The subject nearest the verb: a dateline ("MEXICO CITY —") can be parsed as
            # a second subject further away.
            subjects = [c for c in index.children(node) if dep[c] in ANY_SUBJECT_DEPS]
            if subjects:
                return token.doc[min(subjects, key=lambda c: abs(c - node))]
            if dep[node] in {"conj", "advcl", "xcomp"} and pos[head[node]] in VERBS:
                node = head[node]
            else:
                break
        return None

    def last_person_subject(self, before: int, acted_on: bool = False) -> Entity | None:
        """The person a pronoun or role noun at ``before`` most likely stands for: the last
        person named as a subject, else the last person named. For the person an act is
        done to (``acted_on``: "seized him"), one who only speaks ("Marlowe said") or holds
        office is not a candidate."""
        fallback = None
        sentence = self.sentence_of(self.doc[before]) if before < len(self.doc) else None
        for token in reversed(self.doc[:before]):
            entity = self.entity_at(token)
            if acted_on and entity is None and sentence is not None and token.i >= sentence.start \
                    and token.dep_ in SUBJECT_DEPS and token.head.i != self.doc[before].head.i \
                    and self._unnamed_person_subject(token):
                return None  # "X's father is serving … after a jury convicted him": him is the father
            if entity is None or entity.type != "person":
                continue
            head = token
            while head.dep_ in {"compound", "flat", "appos", "flat:name"} and head.head is not head:
                head = head.head
            if acted_on and (self.is_official(entity) or head.dep_ in SUBJECT_DEPS
                             and self.is_speech_act(head.head)):
                continue
            if head.dep_ in SUBJECT_DEPS | {"nsubjpass", "nsubj:pass"}:
                return entity
            fallback = fallback or entity
        return fallback

    def _unnamed_person_subject(self, token: Token) -> bool:
        """A person named only by a noun ("his father", "the man") as the subject of a
        clause that reports no speech: the nearest antecedent, and it has no name."""
        if token.dep_ not in SUBJECT_DEPS or token.pos_ != "NOUN" or self.is_speech_act(token.head) \
                or "Plur" in morph_values(token, "Number"):
            return False  # "soldiers", "they": no antecedent of "him"
        nouns = self.people_nouns
        relations = cue_set(self.language, "relation_nouns")
        return token.lemma_.lower() in nouns or token.lower_ in nouns or token.lower_ in relations \
            or token.lemma_.lower() in relations

    def last_country_subject(self, before: int) -> str | None:
        """What "it" stands for when a state acts: the last country named as a subject."""
        for token in reversed(self.doc[:before]):
            entity = self.entity_at(token)
            if entity is not None and entity.category == "country" and token.dep_ in SUBJECT_DEPS | {"compound"}:
                return entity.country
        return None

    def country_of_place_reached(self, trigger: Token) -> tuple[str, Evidence] | None:
        """"transferred … to Texas", "flown to a prison in Houston": the country of a city
        or region the act moved people to; the caller decides whether that crossed a border."""
        for prep, obj in prepositional_objects(trigger):
            if prep in {"to", "into", "a", "hacia"}:
                for t in obj.subtree:
                    entity = self.entity_at(t)
                    if entity is not None and entity.type == "place" and entity.country:
                        return entity.country, because(self._phrase(obj), "destination.place-abroad", t)
        return None

    def destination_and_origin(self, trigger: Token) -> tuple[str | None, str | None]:
        destination, origin = self.route_of(trigger)
        return destination[0] if destination else None, origin[0] if origin else None

    def route_of(self, trigger: Token) -> tuple[tuple[str, Evidence] | None, tuple[str, Evidence] | None]:
        """Where to and where from, each with its evidence: the country a prepositional
        object of the trigger names ("to the United States", "from Mexico")."""
        destination = origin = None
        # The trigger, its objects and their prepositional objects by position (the token
        # index): a Token object only for a phrase kept as evidence.
        doc = trigger.doc
        index = token_index(doc)
        dep, pos = index.dep, index.pos
        heads = [trigger.i]
        if dep[heads[0]] == "conj":
            heads.append(index.head[heads[0]])
        # "sends 9 inmates to Chile": the parser may hang the destination on the object.
        objects = [c for h in heads for c in index.children(h) if dep[c] in {"dobj", "obj"}]
        # "transferred 26 people suspected of … to the United States": or on a participle
        # describing the object.
        objects += [c for o in objects for c in index.children(o) if dep[c] in {"acl", "amod"} and pos[c] == "VERB"]
        for head in heads + objects:
            for prep, obj in object_positions(doc, head):
                if head in objects and prep not in {"to", "into", "a", "hacia"}:
                    continue
                towards = prep in {"to", "into", "a", "hacia", "back", "over"} or prep in self.to_words
                away = prep in {"from", "desde", "by", "por"} or prep in self.from_words
                if not (towards or away or prep == "de"):
                    continue  # no country read: none of the branches below holds
                code = self.named_country(doc[obj])
                if towards and code and destination is None:
                    destination = code, because(self._phrase(doc[obj]), "destination.preposition", prep)
                elif away and code and origin is None:
                    # "from Mexico", "handed over … by Mexico", "la entrega, por parte de México"
                    origin = code, because(self._phrase(doc[obj]), "origin.preposition", prep)
                elif prep == "de" and code and origin is None and pos[head] in {"VERB", "AUX", "ADJ"} \
                        and self._entity_of.get(obj) is not None and self._entity_of[obj].category == "country":
                    # "expulsado de México": a verb's "de" names where from; a noun's names
                    # what was moved ("el envío de 26 reos")
                    origin = code, because(self._phrase(doc[obj]), "origin.preposition", prep)
        return destination, origin

    @staticmethod
    def _phrase(obj: Token) -> list[Token]:
        """The preposition and its object: "to the United States"."""
        words = list(obj.subtree)
        if obj.head.dep_ in {"prep", "dative", "agent"} and obj.head.i < obj.i:
            words.append(obj.head)
        return words


def modifies_another_person(token: Token, context: DocContext) -> bool:
    """True for "El Mencho" in "a brother of CJNG leader El Mencho": a person named only
    to describe another one, through a preposition or a possessive."""
    named = context.entity_at(token)
    if named is not None and (_kin_before(token, context) or _described_in_text(token, context)
                              or _kin_owner(token, context)):
        return True
    # The ancestors walked on the token index: no Token object per step.
    index = token_index(token.doc)
    dep, lower, pos = index.dep, index.lower, index.pos
    passed_preposition = False
    for ancestor in index.ancestors(token.i):
        if dep[ancestor] in {"prep", "case"} or lower[ancestor] in {"of", "de"}:
            passed_preposition = True
        entity = context.entity_at_position(ancestor)
        if entity is not None and entity.type == "person" and passed_preposition:
            if named is not entity:
                return True
        if pos[ancestor] in VERBS:
            return False
    return False


def _kin_owner(token: Token, context: DocContext) -> bool:
    """"Guzmán López's brother, Ovidio": the owner of a relative or a superior only
    names whom the relative is."""
    # The name's head, its owner and the owner's appositions read off the token index.
    index = token_index(token.doc)
    dep, heads = index.dep, index.head
    head = token.i
    # (A root is its own head: ``Token.head`` makes a new object, so the walk could not
    # stop on one by identity, and no root has these labels.)
    while dep[head] in {"compound", "flat", "flat:name"} and heads[head] != head:
        head = heads[head]
    relations = cue_set(context.language, "relation_nouns")
    owner = heads[head]
    if dep[head] != "poss" or not (index.lemma[owner] in relations or index.lower[owner] in relations):
        return False
    # The relative named in apposition may be read as the same entity ("Ruiz's brother,
    # Tomás Ruiz"): then this mention is the first of the one the act is about.
    entity = context.entity_at(token)
    return not any(context.entity_at_position(t) is entity for c in index.children(owner) if dep[c] == "appos"
                   for t in index.subtree(c))


def _kin_before(token: Token, context: DocContext) -> bool:
    """"a brother-in-law of its boss, Nemesio Oseguera", "cuñado de Nemesio": a relative
    or a superior named right before, through "of"/"de"."""
    # The seven words before read off the token index, not a Token object per word.
    # (A punctuation mark's lower-cased form is its text.)
    start = max(context.sentence_of(token).start, token.i - 7)
    relations = cue_set(context.language, "relation_nouns")
    index = token_index(context.doc)
    lower, lemma = index.lower, index.lemma
    for position in range(start, token.i):
        if lemma[position] in relations or lower[position] in relations:
            rest = lower[position + 1:token.i]
            listed = any(a in {",", ";"} and b in {"and", "y", "e"} for a, b in zip(rest, rest[1:]))
            linked = any(t in {"of", "de", "del"} for t in lower[max(start, position - 2):token.i])
            if linked and not listed and ";" not in rest:
                return True
    return False


def _described_in_text(token: Token, context: DocContext) -> bool:
    """The parse of long appositive lists is unreliable, so read the words too: between the
    previous person of the sentence and this one, an "of"/"de" with no list separator."""
    entity = context.entity_at(token)
    if entity is None:
        return False
    sent = context.sentence_of(token)
    index = token_index(sent.doc)  # the words read off the index: no Token objects
    for i in range(token.i - 1, sent.start - 1, -1):
        other = context.entity_at_position(i)
        if other is not None and other is not entity and other.type == "person":
            if any(pos in VERBS for pos in index.pos[i + 1:token.i]):
                return False  # a clause between: not a chain of descriptions
            between = index.lower[i + 1:token.i]
            words = set(between)
            # (A comma's lower-cased form is its text.)
            listed = any(a == "," and b in {"and", "y", "e"} for a, b in zip(between, between[1:]))
            return bool(words & {"of", "de", "del"}) and ";" not in words and not listed \
                and not any(t in {"who", "quien"} for t in between)
        if index.lower[i] == ";":
            return False
    return False
