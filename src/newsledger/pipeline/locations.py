"""Where an event happened, read off the trigger's clause.

A report names the place on the verb ("arrested in Tijuana"), on the verb the trigger is
conjoined with or governed by, on the patient ("the killing of Camarena in Guadalajara",
where the parser hangs the place on the victim), on the acting body ("a jury in Brooklyn
convicted him") or, for an armed action, as its target ("a strike on Sonora").
"""
from __future__ import annotations

from spacy.tokens import Token

from newsledger.kb import KnowledgeBase
from newsledger.model import Entity
from newsledger.pipeline.mentions import Named, mention_span
from newsledger.pipeline.roles import DocContext, cue_set
from newsledger.pipeline.syntax import (
    OBJECT_DEPS, SUBJECT_DEPS, in_subtree, preposition_of, prepositional_objects,
)
from newsledger.pipeline.tokenindex import VERBS, token_index


# Places whose name, after a comma, only says where a smaller place lies.
LARGER_AREAS = frozenset({"state", "region", "country"})
# The labels of what an act is done to (a subject complement is not acted on).
PATIENT_DEPS = frozenset(OBJECT_DEPS - {"attr", "oprd"})
# The labels along which ``_heads`` climbs to a verb (one set, not a union per step).
_ARGUMENT_DEPS = frozenset(SUBJECT_DEPS | OBJECT_DEPS)


class Locator:
    """The language's location and target prepositions, applied to a trigger."""

    def __init__(self, context: DocContext, language: str):
        self.context = context
        self.at = cue_set(language, "location_prepositions")
        self.targets = cue_set(language, "target_prepositions")
        self.linking = cue_set(language, "place_linking_prepositions")
        self._at_or_linking = self.at | self.linking  # (made once, not per step of a walk)

    def of(self, token: Token, places: list[tuple[Entity, Token]], compounds: bool = False,
           targets: bool = False) -> Named | None:
        found = self._of(token, places, compounds, targets)
        return self._finer(found) if found is not None else None

    def _finer(self, found: Named) -> Named:
        """"in the municipality of Ahome, in northern Sinaloa", "una corte de Brooklyn, en
        Nueva York": the place chosen may be the larger area that locates a smaller one
        named just before it; the smaller one says where. It is taken when the knowledge
        base puts it inside the chosen place, or when only a comma, locative prepositions
        and adjectives stand between them and the chosen one is a state, region or country."""
        name, span = found
        doc = self.context.doc
        chosen = doc.char_span(span.start, span.end, alignment_mode="expand")
        entity = self.context.entity_at(chosen.root) if chosen is not None else None
        if chosen is None or entity is None:
            return found
        kb = KnowledgeBase.default()
        for other, t in self.context.span_entities(self.context.sentence_of(chosen.root), "place"):
            if other.id == entity.id or not 0 < chosen.start - t.i <= 8:
                continue
            between = doc[t.i + 1:chosen.start]
            words = [w for w in between if self.context.entity_at(w) is not other]
            joined = bool(words) and words[0].text == "," and all(
                w.is_punct or w.lower_ in self.at or w.pos_ in {"ADJ", "DET"} for w in words)
            nested = bool(other.kb_id and entity.kb_id and kb.inside(other.kb_id, entity.kb_id))
            if nested and (joined or all(w.lower_ in self.linking for w in words)) \
                    or joined and entity.category in LARGER_AREAS and other.category not in LARGER_AREAS | {"country"}:
                return other.name, mention_span(t, other, "location.finer")
        return found

    def _of(self, token: Token, places: list[tuple[Entity, Token]], compounds: bool,
            targets: bool) -> Named | None:
        sentence_places = self.context.span_entities(self.context.sentence_of(token), "place")
        # Every reading off the clause picks one of the sentence's places: with none, the
        # walk of the trigger's heads, patients and actors is skipped.
        found = self._in_clause(token, sentence_places, targets) if sentence_places else None
        if found is not None:
            return found
        for entity, t in places:
            if t.dep_ == "conj" and self.context.entity_at(t.head) is None:
                continue  # "in American courts and Washington": another item of a list
            prep = preposition_of(t) or (preposition_of(t.head) if entity.category != "country" else None)
            if prep in self.at and not (in_subtree(t, token) and not self._within_place(t, token, clauses_only=True)):
                return entity.name, mention_span(t, entity, "location.place-preposition", prep)
        if compounds:
            for entity, t in places:
                if t.head.i == token.i and t.dep_ in {"compound", "nmod", "amod"}:
                    return entity.name, mention_span(t, entity, "location.compound")
        return None

    def _in_clause(self, token: Token, sentence_places: list[tuple[Entity, Token]], targets: bool) -> Named | None:
        """Where the act happened, among the sentence's places: one a locative preposition
        hangs on the trigger, on what it is done to, on its actor or on the verbs it goes
        with, or, for an armed action, its target."""
        heads = self._heads(token)
        head = token_index(token.doc).head  # (heads read off the index: no Token objects)
        own = [h for h in heads if h.i == token.i or head[h.i] == token.i]
        found = self._on(own, sentence_places, self.at, "location.preposition")
        if found is None:
            # "the killing of Camarena in Guadalajara", "arrested Lara in Tijuana": a place
            # hung on the person acted on is where the act happened, not where they live.
            found = self._on(self._patients(own), sentence_places, self.at, "location.patient", only_object=True)
        if found is None:
            found = self._on(self._actors(token), sentence_places, self.at, "location.actor", only_object=True)
        if found is None:
            found = self._on([h for h in heads if h not in own], sentence_places, self.at, "location.preposition")
        if found is None:
            found = self._on(self._patients(heads), sentence_places, self.at, "location.patient", only_object=True)
        if found is None and targets:
            found = self._on(heads[:1], sentence_places, self.targets, "location.target", only_object=True)
        if found is None and targets:
            # "to invade Mexico": the place an armed action is aimed at is its object.
            index = token_index(token.doc)
            objects = {c for c in index.children(token.i) if index.dep[c] in {"dobj", "obj"}}
            found = next(((e.name, mention_span(t, e, "location.target", token)) for e, t in sentence_places
                          if t.i in objects), None)
        return found

    @staticmethod
    def _heads(token: Token) -> list[Token]:
        """The trigger, its own clauses, and the verbs it is conjoined with or governed by."""
        # The labels and heads read off the token index: Token objects only for the heads
        # kept. (``node.head is not node`` held for every labelled token, since spaCy makes
        # a new Token at each ``head``; a token without a label is its own head.)
        doc, index = token.doc, token_index(token.doc)
        dep, head, pos = index.dep, index.head, index.pos
        heads = [token]
        heads += [doc[c] for c in index.children(token.i) if dep[c] in {"relcl", "acl", "acl:relcl"}]
        node = token.i
        while len(heads) < 5 and dep[node] != "" and (
                dep[node] in {"conj", "advcl"} or dep[node] in _ARGUMENT_DEPS and pos[head[node]] in VERBS):
            node = head[node]
            heads.append(doc[node])
        return heads

    @staticmethod
    def _patients(heads: list[Token]) -> list[Token]:
        found: list[Token] = []
        if not heads:
            return found
        doc, index = heads[0].doc, token_index(heads[0].doc)  # (children read off the index)
        for head in heads:
            found += [doc[c] for c in index.children(head.i) if index.dep[c] in PATIENT_DEPS]
            found += [obj for prep, obj in prepositional_objects(head) if prep in {"of", "de"}]
        return found

    def _actors(self, token: Token) -> list[Token]:
        """The acting body ("a jury in Brooklyn convicted him"): the verb's own subject, or
        where the parser lost it ("after a jury … convicted": the subject read as the
        object of "after"), the noun phrase right before the verb."""
        if token.pos_ not in {"VERB", "AUX"}:
            return []
        index = token_index(token.doc)  # (children read off the index)
        subjects = [token.doc[c] for c in index.children(token.i) if index.dep[c] in SUBJECT_DEPS]
        if not subjects and token.i > 0:
            node = top = token.doc[token.i - 1]
            while node.head is not node and node.head.i < token.i and node.head.right_edge.i == token.i - 1:
                node = node.head
                top = node if node.pos_ in {"NOUN", "PROPN"} else top
            subjects = [top] if top.pos_ in {"NOUN", "PROPN"} else []
        return [s for s in subjects if self.context.entity_at(s) is None]

    def _on(self, heads: list[Token], places: list[tuple[Entity, Token]], preps: frozenset[str],
            rule: str, only_object: bool = False) -> Named | None:
        for head in heads:
            for prep, obj in prepositional_objects(head):
                if prep not in preps:
                    continue
                for entity, t in places:
                    if t.i == obj.i or not only_object and in_subtree(t, obj) \
                            and entity.category != "country" and not _listed_with_other(t, obj) \
                            and self._within_place(t, obj):
                        return entity.name, mention_span(t, entity, rule, prep)
        return None


    def _within_place(self, place: Token, obj: Token, clauses_only: bool = False) -> bool:
        """"en una corte federal de Brooklyn", "in a field in Sonora": a place inside the
        object of the locative preposition still says where, when every phrase between
        them is introduced by a locative or linking preposition; "en un momento delicado
        para la relación con Washington" or "el mayor … del que se tenga registro en
        México" name a place that is not where the act happened. A place among the
        trigger's own words is kept unless a relative clause comes between ("taken into
        custody in New Mexico" hangs "in" on "custody")."""
        # Walked on the token index's labels and heads, a Token object only where a
        # preposition is read. (``node.head is not node`` held for every labelled token.)
        doc, index = place.doc, token_index(place.doc)
        dep, head = index.dep, index.head
        node = place.i
        while node != obj.i and dep[node] != "":
            if dep[node] in {"relcl", "acl", "acl:relcl"}:
                return False
            if not clauses_only:
                prep = preposition_of(doc[node])
                if prep is not None and prep not in self._at_or_linking:
                    return False
            node = head[node]
        return True


def _listed_with_other(place: Token, obj: Token) -> bool:
    """"pleaded guilty in American courts and Washington …": a place conjoined with the
    object noun is another item of a list, not a place inside the object."""
    return place.dep_ == "conj" and place.head.i == obj.i


__all__ = ["Locator"]
