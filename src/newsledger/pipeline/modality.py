"""Whether a mention is denied or only planned, read off its trigger and the words
that govern it."""
from __future__ import annotations

from spacy.tokens import Token

from newsledger import lang
from newsledger.model import Evidence
from newsledger.pipeline.evidence import because
from newsledger.pipeline.numbers import ordinals
from newsledger.pipeline.roles import DocContext, cue_set
from newsledger.pipeline.tokenindex import TokenIndex, morph_values, token_index

# How a trigger may hang below a word for that word to make it planned or denied.
GOVERNED_DEPS = {"xcomp", "ccomp", "dobj", "obj", "nsubjpass", "nsubj:pass", "prep", "pobj", "pcomp",
                 "acl", "obl", "nmod", "case", "mark", "csubj"}


def _negates(token: Token) -> bool:
    return token.dep_ == "neg" or token.dep_ == "advmod" and token.lower_ in lang.grammar_any("negative_adverbs")


def _negates_at(index: TokenIndex, i: int) -> bool:
    """``_negates`` of the token at position ``i``, read off the Doc's token index."""
    dep = index.dep[i]
    return dep == "neg" or dep == "advmod" and index.lower[i] in lang.grammar_any("negative_adverbs")


class Modality:
    """The language's negation, hypothesis, modal and denial cues, applied to triggers."""

    def __init__(self, context: DocContext, language: str):
        self.context = context
        self.negation = cue_set(language, "negation")
        self.negative_determiners = lang.grammar(language, "negative_determiners")
        self.hypothetical = cue_set(language, "hypothetical")
        self.modals = cue_set(language, "modal_auxiliaries")
        self.denial = cue_set(language, "denial")
        self.occurrence = cue_set(language, "occurrence_verbs")
        self.ordinals = set(ordinals(language))
        self.definite = cue_set(language, "definite_determiners")
        endings = lang.load(language, "cues").get("participle_endings") or {}
        self.participles = {str(k): [str(v) for v in vs] for k, vs in endings.items()}
        self.happening = cue_set(language, "happening_verbs")
        self.performing = cue_set(language, "performing_verbs")
        self.ruling_out = cue_set(language, "ruling_out")

    def _modal(self, verb: Token) -> Token | None:
        """"will", and its contracted form "wo" in "won't", by lemma as well as by form."""
        index = token_index(verb.doc)  # (the children read off the index: no Token objects)
        found = next((c for c in index.children(verb.i) if index.dep[c] == "aux"
                      and (index.lower[c] in self.modals or index.lemma[c] in self.modals)), None)
        return verb.doc[found] if found is not None else None

    def _carrier(self, noun: Token) -> Token | None:
        """The verb whose negation and mood are the event noun's own: "the strike did not
        happen", "won't make an attack"; not "the transfer did not include Caro Quintero"."""
        if noun.pos_ not in {"NOUN", "PROPN"}:
            return None
        head = noun.head
        lemma = head.lemma_.lower()
        if noun.dep_ in {"nsubj", "nsubjpass", "nsubj:pass"} and lemma in self.happening:
            return head
        if noun.dep_ in {"dobj", "obj"} and lemma in self.performing:
            return head
        return None

    def of(self, token: Token) -> tuple[bool, bool]:
        negated, hypothetical = self.reasons(token)
        return negated is not None, hypothetical is not None

    def reasons(self, token: Token) -> tuple[Evidence | None, Evidence | None]:
        """Why the trigger is denied or only planned (None: it is not), read off the
        trigger and the words that govern it directly ("no further transfer is planned",
        "the idea of military action"); the first cue found is the reason given."""
        index, doc = token_index(token.doc), token.doc  # (children read off the index)
        children = index.children(token.i)
        negators = self.negation | self.negative_determiners
        negated = next((because(doc[c], "negated.trigger", doc[c]) for c in children
                        if _negates_at(index, c)), None)
        negated = negated or next((because(doc[c], "negated.determiner", doc[c]) for c in children
                                   if index.dep[c] == "det" and index.lower[c] in negators), None)
        modal = self._modal(token)
        hypothetical = because(modal, "hypothetical.modal", modal) if modal is not None else None
        if hypothetical is None and self._judged(token):
            hypothetical = because(token.head, "hypothetical.judged", token.head)
        if hypothetical is None and "Fut" in morph_values(token, "Tense"):
            hypothetical = because(token, "hypothetical.future", token)
        if hypothetical is None and token.pos_ in {"NOUN", "PROPN"}:
            # "un posible nuevo envío", "a possible strike": the noun's own attribute plans it.
            hypothetical = next((because(c, "hypothetical.attribute", c.lemma_) for c in token.children
                                 if c.dep_ == "amod" and (c.lemma_.lower() in self.hypothetical
                                                          or c.lower_ in self.hypothetical)), None)
        existential = token.dep_ in {"obj", "dobj"} and token.head.lemma_.lower() in self.occurrence
        if hypothetical is None and (token.dep_ in {"nsubj", "nsubjpass", "nsubj:pass"} or existential) \
                and token.pos_ in {"NOUN", "PROPN"} and not self._said_of_known(token):
            # "another transfer could follow", "otro envío podría llegar"
            head = token.head
            modal = self._modal(head)
            if modal is not None:
                hypothetical = because(modal, "hypothetical.modal", modal)
            elif "Fut" in morph_values(head, "Tense"):
                hypothetical = because(head, "hypothetical.future", head)
            elif head.lower_ in self.modals:
                hypothetical = because(head, "hypothetical.modal", head)
        carrier = self._carrier(token)
        if carrier is not None:
            negated = negated or next((because(c, "negated.carrier", c) for c in carrier.children
                                       if _negates(c)), None)
            modal = self._modal(carrier)
            if hypothetical is None and modal is not None:
                hypothetical = because(modal, "hypothetical.carrier", modal)
        node = token
        for _ in range(4):
            if node.head is node:
                break
            # "no se prevé otro envío": a subject counts only below a cue verb.
            subject_of_cue = node.dep_ == "nsubj" and (node.head.lemma_.lower() in self.hypothetical | self.denial
                                                       or self._periphrastic_cue(node.head))
            if node.dep_ not in GOVERNED_DEPS and not subject_of_cue:
                break
            head = node.head
            lemma = head.lemma_.lower()
            if self.context.is_speech_verb(head) and lemma not in self.denial:
                break
            if lemma in self.hypothetical or self._periphrastic_cue(head):
                hypothetical = hypothetical or because(head, "hypothetical.governor", head.lemma_)
                negated = negated or next((because(c, "negated.governor", c) for c in head.children
                                           if _negates(c)), None)
            if lemma in self.denial and node.i == token.i and not any(_negates(c) for c in head.children):
                # ("no descartó otro envío" rules nothing out: the denial is itself denied.)
                negated = negated or because(head, "negated.denial", head.lemma_)
                if lemma in self.ruling_out:
                    # "ruled out a military action": what is ruled out was only ever possible.
                    hypothetical = hypothetical or because(head, "hypothetical.ruled-out", head.lemma_)
            modal = self._modal(head)
            if modal is not None:
                hypothetical = hypothetical or because(modal, "hypothetical.governor-modal", modal)
            if head.pos_ in {"NOUN", "PROPN"} and lemma not in self.hypothetical | self.denial:
                # "no se pedirá la pena de muerte para los 26 enviados": what governs
                # another noun is said of that noun, not of the event inside it.
                break
            node = head
        return negated, hypothetical

    def _periphrastic_cue(self, verb: Token) -> bool:
        """"no se tiene contemplado otro envío", "tienen previsto": the cue is the participle
        the verb carries."""
        for child in verb.children:
            if child.dep_ in {"obj", "xcomp", "acomp", "amod"} and child.pos_ in {"ADJ", "VERB"}:
                if child.lemma_.lower() in self.hypothetical or child.lower_ in self.hypothetical:
                    return True
                word = child.lower_
                for ending, infinitives in self.participles.items():
                    if word.endswith(ending) and any(word[:-len(ending)] + i in self.hypothetical
                                                     for i in infinitives):
                        return True
        return False

    def _said_of_known(self, noun: Token) -> bool:
        """"el traslado no representará problemas": a future on a verb that is not one of
        taking place predicates something of an event already known; it plans nothing."""
        head = noun.head
        definite = any(c.dep_ in {"det", "poss"} and c.lower_ in self.definite for c in noun.children)
        return definite and head.lemma_.lower() not in self.occurrence | self.hypothetical

    def _judged(self, token: Token) -> bool:
        """"U.S. intervention was not necessary": an event noun only judged, not reported
        ("el envío fue el tercero" ranks it, and judges nothing)."""
        head = token.head
        if token.pos_ not in {"NOUN", "PROPN"} or token.dep_ != "nsubj" or head.lower_ in self.ordinals:
            return False
        if head.lemma_ in lang.grammar_any("copulas"):
            # "was the second this year" ranks the act; "was not necessary" judges it.
            return any(c.pos_ == "ADJ" and (c.dep_ == "acomp" or c.dep_ == "attr" and c.ent_type_ != "ORDINAL"
                                            and "Ord" not in morph_values(c, "NumType"))
                       for c in head.children)
        return head.pos_ == "ADJ" and any(c.dep_ == "cop" for c in head.children)


__all__ = ["GOVERNED_DEPS", "Modality"]
