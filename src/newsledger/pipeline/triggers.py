"""Event triggers: the words that signal an event of an ontology type.

The vocabulary and its conditions are data (``lang/<code>/events.yaml``); this module
only knows how to test a token against a rule.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from spacy.tokens import Doc, Span, Token

from newsledger import lang
from newsledger.errors import KnowledgeBaseError
from newsledger.model import EVENT_TYPES
from newsledger.pipeline.clause import has_people
from newsledger.pipeline.syntax import in_subtree, is_passive, loose_objects, prepositional_objects
from newsledger.pipeline.tokenindex import NAMES, NOUNS, VERBS, TokenIndex, token_index


@dataclass(frozen=True)
class TriggerRule:
    type: str
    lemma: str
    pos: str | None = None
    needs_object: bool = False
    needs_modifier: tuple[str, ...] = ()
    needs_particle: tuple[str, ...] = ()
    not_with: tuple[str, ...] = ()
    subject_role: str = "agents"
    needs_destination: bool = False
    by_state: str | None = None


@dataclass(frozen=True)
class Trigger:
    token: Token
    type: str
    subject_role: str = "agents"
    needs_destination: bool = False
    # Why the token is a trigger: the ``newsledger.why`` rule id and the lemma it matched.
    rule: str = "trigger"
    cue: str | None = None
    by_state: str | None = None


def _words(entry: dict, key: str, language: str, event_type: str, number: int) -> tuple[str, ...]:
    """A rule's word list; a bare YAML on/no/yes loads as a boolean and must fail loudly."""
    words = entry.get(key, ())
    if any(not isinstance(w, str) for w in words):
        raise KnowledgeBaseError(f"lang/{language}/events.yaml: {event_type} entry {number}: {key} holds "
                                 f"a non-word {[w for w in words if not isinstance(w, str)]!r} (quote it)")
    return tuple(w.lower() for w in words)


@cache
def rules(language: str) -> dict[str, tuple[TriggerRule, ...]]:
    """Trigger rules by lemma; validated so a typo in the data fails loudly."""
    data = lang.load(language, "events")
    by_lemma: dict[str, list[TriggerRule]] = {}
    for event_type, entries in data.items():
        if event_type not in EVENT_TYPES:
            raise KnowledgeBaseError(
                f"lang/{language}/events.yaml: unknown event type {event_type!r} "
                f"(expected one of {', '.join(EVENT_TYPES)})")
        for number, entry in enumerate(entries, start=1):
            if "lemma" not in entry:
                raise KnowledgeBaseError(f"lang/{language}/events.yaml: {event_type} entry {number} has no lemma")
            rule = TriggerRule(
                type=event_type, lemma=str(entry["lemma"]).lower(), pos=entry.get("pos"),
                needs_object=bool(entry.get("needs_object", False)),
                needs_modifier=_words(entry, "needs_modifier", language, event_type, number),
                needs_particle=_words(entry, "needs_particle", language, event_type, number),
                not_with=_words(entry, "not_with", language, event_type, number),
                subject_role=str(entry.get("subject_role", "agents")),
                needs_destination=bool(entry.get("needs_destination", False)),
                by_state=entry.get("by_state"))
            if rule.by_state is not None and rule.by_state not in EVENT_TYPES:
                raise KnowledgeBaseError(f"lang/{language}/events.yaml: {event_type} entry {number}: "
                                         f"unknown by_state type {rule.by_state!r}")
            by_lemma.setdefault(rule.lemma, []).append(rule)
    return {lemma: tuple(found) for lemma, found in by_lemma.items()}


def _misread_verb(token: Token) -> bool:
    """"el Departamento de Estado designó como …": a lower-case word tagged as a name that
    heads a subject is a finite verb the tagger misread."""
    return _misread_at(token_index(token.doc), token.i)


_SUBJECTS = frozenset({"nsubj", "nsubj:pass"})
# The labels of a word that describes its head: the head's words count as nearby.
_DESCRIBING = frozenset({"compound", "amod", "nmod"})


def _misread_at(index: TokenIndex, i: int) -> bool:
    """``_misread_verb`` of the token at ``i``, read off the Doc's token index (its tag,
    which ``repair`` keeps there, its letters and its children's labels): no Token
    object per name of every sentence."""
    return index.pos[i] == "PROPN" and index.is_lower[i] and index.alpha[i] \
        and any(index.dep[c] in _SUBJECTS for c in index.children(i))


def _verb_like(token: Token) -> bool:
    """"did not extradite Ruiz": the tagger sometimes calls a bare verb an adjective; an
    auxiliary or a direct object shows it is a verb."""
    return any(c.dep_ in {"aux", "auxpass", "dobj", "neg"} for c in token.children) \
        and any(c.dep_ in {"aux", "auxpass", "dobj"} for c in token.children)


# The tags whose word endings ``_rules_of`` reads: a participle (ADJ, VERB), or a
# finite verb misread as a name (PROPN).
_ENDING_TAGS = frozenset({"ADJ", "VERB", "PROPN"})
_FORMS_KEPT = 200_000
# language -> (the rules and word endings they were read with, form -> rules)
_FORMS: dict[str, tuple[tuple[object, ...], dict[tuple[str, str, str, bool], tuple[TriggerRule, ...]]]] = {}


def _form_cache(language: str, rules_: dict[str, tuple[TriggerRule, ...]], participles: dict[str, list[str]],
                finite: dict[str, list[str]]) -> dict[tuple[str, str, str, bool], tuple[TriggerRule, ...]]:
    """The rules each word form fires, shared by the finders of one language while its
    rules and word endings stay the same objects and values."""
    basis = (rules_, participles, finite)
    kept = _FORMS.get(language)
    if kept is None or kept[0][0] is not rules_ or kept[0][1:] != basis[1:]:
        kept = _FORMS[language] = (basis, {})
    return kept[1]


class TriggerFinder:
    """Tests tokens against the rules; ``is_people(token)`` decides what a person object is."""

    def __init__(self, language: str, people_nouns: set[str], person_tokens: set[int]):
        self.rules = rules(language)
        self.language = language
        endings = lang.load(language, "cues").get("participle_endings") or {}
        self.participles = {str(k): [str(v) for v in vs] for k, vs in
                            sorted(endings.items(), key=lambda kv: -len(str(kv[0])))}
        finite = lang.load(language, "cues").get("finite_endings") or {}
        self.finite = {str(k): [str(v) for v in vs] for k, vs in
                       sorted(finite.items(), key=lambda kv: -len(str(kv[0])))}
        self.people_nouns = people_nouns
        self.forces = {str(w).lower() for w in lang.load(language, "cues").get("force_nouns", ())}
        self.person_tokens = person_tokens
        self.pronouns = lang.grammar(language, "people_pronouns")
        self._found_in: Doc | None = None
        self._forms = _form_cache(language, self.rules, self.participles, self.finite)
        self._found: dict[tuple[int, int], tuple[Trigger, ...]] = {}

    def repair(self, sent: Span) -> None:
        """Re-tag an event verb the tagger misread as a name ("designó" as PROPN), so the
        rules that read verbs see it as one."""
        self._found.pop((sent.start, sent.end), None)
        index = token_index(sent.doc)
        for i in index.positions(sent, "pos", NAMES):
            if _misread_at(index, i):
                token = sent.doc[i]
                found = self._rules_for(token)
                if found:
                    token.pos_, token.lemma_ = "VERB", found[0].lemma
                    index.retagged(token)

    def find(self, sent: Span) -> list[Trigger]:
        """The triggers of a span. Several components read the same sentence's triggers
        (reading, ellipsis, lists, frames, recalled events), so the answer is kept by the
        finder, keyed by the span's offsets, until ``repair`` changes its tags or another
        Doc is read."""
        if self._found_in is not sent.doc:
            self._found_in, self._found = sent.doc, {}
        key = (sent.start, sent.end)
        if key not in self._found:
            self._found[key] = tuple(self._find(sent))
        return list(self._found[key])

    def _find(self, sent: Span) -> list[Trigger]:
        found = []
        index = token_index(sent.doc)
        for i in self.candidates(index, sent):
            candidates = self.rules_at(index, i)
            if not candidates:
                continue
            token = sent.doc[i]
            for rule in candidates:
                if self._matches(token, rule):
                    direct = rule.lemma in (index.lemma[i], index.lower[i])
                    found.append(Trigger(token, rule.type, rule.subject_role, rule.needs_destination,
                                         "trigger" if direct else "trigger.participle", rule.lemma, rule.by_state))
                    break
        return found

    def rules_for(self, token: Token) -> tuple[TriggerRule, ...]:
        """The rules a token's lemma, or the verb its participle comes from, may fire."""
        return self._rules_for(token)

    def candidates(self, index: TokenIndex, span: Span) -> list[int]:
        """The positions of ``span`` where ``rules_at`` may find rules: a rule's lemma or
        form, or a tag whose word endings ``_rules_of`` reads. Two searches of the index,
        kept per Doc, instead of a ``rules_at`` look-up at every token of every sentence."""
        named = index.positions(span, "word", self.rules)
        tagged = index.positions(span, "pos", _ENDING_TAGS)
        return sorted({*named, *tagged})

    def rules_at(self, index: TokenIndex, i: int) -> tuple[TriggerRule, ...]:
        """``rules_for`` of the token at position ``i``, read off the Doc's token index."""
        pos = index.pos[i]
        # (only a lower-case name can be a misread verb: no Token object for the others)
        misread = pos == "PROPN" and _misread_at(index, i)
        return self._rules_of_form((index.lemma[i], index.lower[i], pos, misread))

    def _rules_for(self, token: Token) -> tuple[TriggerRule, ...]:
        return self._rules_of_form((token.lemma_.lower(), token.lower_, token.pos_, _misread_verb(token)))

    def _rules_of_form(self, form: tuple[str, str, str, bool]) -> tuple[TriggerRule, ...]:
        # What the rules say depends on the word's form and tag only, and the same forms
        # come back in every sentence: each form is looked up once.
        found = self._forms.get(form)
        if found is None:
            if len(self._forms) >= _FORMS_KEPT:
                self._forms.clear()
            found = self._forms[form] = self._rules_of(*form)
        return found

    def _rules_of(self, lemma: str, word: str, pos: str, misread: bool) -> tuple[TriggerRule, ...]:
        rules_ = self.rules.get(lemma, ()) or self.rules.get(word, ())
        if rules_ or pos not in {"ADJ", "VERB"} and not misread:
            return rules_
        for ending, infinitives in (self.finite if misread else self.participles).items():
            if word.endswith(ending):
                for infinitive in infinitives:
                    found = tuple(r for r in self.rules.get(word[:-len(ending)] + infinitive, ())
                                  if r.pos == "VERB")
                    if found:
                        return found
        return ()

    def _matches(self, token: Token, rule: TriggerRule) -> bool:
        # The token's words, tag and label, its head's and its children's, are read off
        # the index (no Token object per child), and its prepositional objects once.
        index, i = token_index(token.doc), token.i
        pos, dep = index.pos[i], index.dep[i]
        if rule.pos == "VERB" and pos not in VERBS \
                and not (pos == "ADJ" and (self.participles or _verb_like(token))):
            return False
        if rule.pos == "NOUN" and pos not in NOUNS:
            return False
        lower, lemma, head = index.lower, index.lemma, index.head[i]
        children = index.children(i)
        nearby = {lower[c] for c in children} | {lemma[c] for c in children}
        if dep in _DESCRIBING:
            nearby |= {lower[head], lemma[head]}
        objects = tuple(prepositional_objects(token)) \
            if rule.pos == "VERB" and rule.not_with or rule.needs_modifier or rule.needs_particle else ()
        if rule.not_with:
            complements = {lemma[o.i] for _, o in objects} if rule.pos == "VERB" else set()
            if not (nearby | complements).isdisjoint(rule.not_with):
                return False  # "took them into custody": an arrest, not a transfer
            if lemma[head] in rule.not_with and dep in {"compound", "amod"}:
                return False
        if rule.needs_modifier:
            modifiers = nearby | {lower[g] for c in children for g in index.children(c)}
            # "puso en manos de la justicia": the words of a multiword preposition
            modifiers |= {w for p, _ in objects for w in p.split()}
            if modifiers.isdisjoint(rule.needs_modifier):
                return False
        if rule.needs_particle and {p for p, _ in objects}.isdisjoint(rule.needs_particle) \
                and nearby.isdisjoint(rule.needs_particle):
            return False
        if rule.needs_object and not self._has_people_object(token):
            return False
        return True

    def _has_people_object(self, token: Token) -> bool:
        """Generic verbs ("send", "fly") count only when people or a count are moved."""
        candidates = loose_objects(token)
        if is_passive(token) or token.dep_ == "conj" and token.tag_ == "VBN" and is_passive(token.head):
            # "Morales fue entregado": the subject is the one moved
            subjects = [c for c in token.children if c.dep_ in {"nsubj", "nsubj:pass", "nsubjpass"}]
            candidates += subjects or _implied_subjects(token)
        candidates += [obj for prep, obj in prepositional_objects(token) if prep in {"a", "of"}]
        if token.dep_ in {"acl", "relcl", "amod"}:
            candidates.append(token.head)
        if token.pos_ in {"NOUN", "PROPN"}:  # "un segundo grupo de 26": the group's own count
            candidates += [c for c in token.children if c.dep_ == "nummod"]
        for candidate in candidates:
            for t in [candidate, *candidate.conjuncts]:
                if self._is_people(t):
                    return True
        return has_people(self._own_words(token), self.people_nouns,
                          frozenset(self.forces), self.language)

    @staticmethod
    def _own_words(token: Token) -> list[Token]:
        """The verb's words where a misplaced object may sit: its subtree without its
        active subject and without the clauses that describe its nouns."""
        skip = [c for c in token.children if c.dep_ in {"relcl", "acl", "acl:relcl", "ccomp", "parataxis"}
                or c.dep_ in {"nsubj", "csubj"} and not is_passive(token)]
        return [t for t in token.subtree if not any(in_subtree(t, s) for s in skip)]

    def _is_people(self, token: Token) -> bool:
        if token.lemma_.lower() in self.forces or token.lower_ in self.forces:
            return False  # "sent 10,000 National Guard troops to its border"
        if token.i in self.person_tokens or token.like_num:
            return True
        if token.lemma_.lower() in self.people_nouns or token.lower_ in self.people_nouns:
            return True
        if token.pos_ == "PRON" and token.lower_ in self.pronouns:
            return True
        return False



def _implied_subjects(verb: Token) -> list[Token]:
    """Who a passive verb without a subject moves: a coordinated verb's subject ("the 26
    were taken from prison and flown to Texas"), else, in a language that drops subjects
    ("Los 14 reclusos pidieron el traslado. Fueron transferidos el viernes"), the subject
    of the sentence before."""
    subject_deps = {"nsubj", "nsubj:pass", "nsubjpass"}
    if verb.dep_ == "conj":
        # Only a subject both verbs undergo: the count and people rules read a passive's
        # own subject, and one borrowed from an active verb would leave them without it.
        if not is_passive(verb.head):
            return []
        return [c for c in verb.head.children if c.dep_ in subject_deps]
    sentence = verb.sent
    if verb.i != sentence.root.i and not (verb.dep_ in {"advcl", "ccomp"} and verb.head.i == sentence.root.i):
        return []
    if sentence.start == 0 or verb.lang_ != "es":
        return []
    before = verb.doc[sentence.start - 1].sent
    return [c for c in before.root.children if c.dep_ in subject_deps]
