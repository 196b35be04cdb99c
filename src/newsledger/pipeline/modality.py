"""Whether a mention is denied or only planned, read off its trigger and the words
that govern it."""
from __future__ import annotations

from spacy.tokens import Token

from newsledger.pipeline.roles import DocContext, cue_set

# How a trigger may hang below a word for that word to make it planned or denied.
GOVERNED_DEPS = {"xcomp", "ccomp", "dobj", "obj", "nsubjpass", "nsubj:pass", "prep", "pobj", "pcomp",
                 "acl", "obl", "nmod", "case", "mark", "csubj"}


def _negates(token: Token) -> bool:
    return token.dep_ == "neg" or token.dep_ == "advmod" and token.lower_ in {"no", "not", "nunca", "never"}


class Modality:
    """The language's negation, hypothesis, modal and denial cues, applied to triggers."""

    def __init__(self, context: DocContext, language: str):
        self.context = context
        self.negation = cue_set(language, "negation")
        self.hypothetical = cue_set(language, "hypothetical")
        self.modals = cue_set(language, "modal_auxiliaries")
        self.denial = cue_set(language, "denial")

    def of(self, token: Token) -> tuple[bool, bool]:
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


__all__ = ["GOVERNED_DEPS", "Modality"]
