"""Whether a combined event states enough to be an event at all.

A word alone ("agreement", "attacks", "acuerdo", "operativo") does not make an event: the
type table (``ontology.yaml``) says which evidence each type needs, and this check runs
once per document frame, after the mentions of one event are combined, so that a count in
the next sentence or a date in the dateline counts as the event's evidence.
"""
from __future__ import annotations

from spacy.tokens import Token

from newsledger import lang
from newsledger.ontology import missing_evidence
from newsledger.pipeline.mentions import Mention
from newsledger.pipeline.syntax import OBJECT_DEPS, SUBJECT_DEPS

# A verb in these relations describes a noun ("the agreed transfers", "traslados
# acordados"): an attribute, not a clause stating the act.
_ATTRIBUTIVE_DEPS = {"amod", "acl", "compound"}
# A noun in these relations is a verb's argument (made once, not a union per test).
_ARGUMENT_DEPS = SUBJECT_DEPS | OBJECT_DEPS


class Sufficiency:
    """Checks a frame against the evidence its type requires."""

    def __init__(self, language: str):
        self.light_verbs = lang.grammar(language, "light_verbs")

    def holds(self, event: Mention) -> bool:
        return self.missing(event) is None

    def missing(self, event: Mention) -> tuple[str, ...] | None:
        """The alternatives of the first requirement the frame does not meet, or None."""
        dated = event.date_value is not None and event.date_value.known
        return missing_evidence(event, dated=dated, verb=self.verb_frame(event))

    def verb_frame(self, event: Mention) -> bool:
        """Whether some mention of the frame states the act in a clause: a predicate verb
        ("Mexico and the U.S. agreed …"), an event noun that is a verb's subject or object
        ("the deal was reached", "un ataque podría ocurrir", "held a call"), or one governed
        by a denying or hypothetical predicate ("ruled out military action"), never a bare
        noun in passing ("leading attacks on officials", "conforme a los acuerdos")."""
        if event.negated or event.hypothetical:
            return True
        return any(self._clausal(m.trigger) for m in (event, *event.members))

    def _clausal(self, trigger: Token) -> bool:
        if trigger.pos_ in {"VERB", "AUX"}:
            return trigger.dep_ not in _ATTRIBUTIVE_DEPS
        if trigger.dep_ in _ARGUMENT_DEPS and trigger.head is not trigger:
            head = trigger.head
            if head.dep_ in _ATTRIBUTIVE_DEPS:
                return False  # "members staging raids on police posts": a description
            return head.pos_ in {"VERB", "AUX"} or head.lemma_.lower() in self.light_verbs
        return False


__all__ = ["Sufficiency"]
