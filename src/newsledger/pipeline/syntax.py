"""Dependency-tree helpers shared by the event, quote and claim rules.

The English model labels dependencies in the ClearNLP style (dobj, prep + pobj) and
the Spanish one in Universal Dependencies (obj, obl + case); these helpers hide that
difference so the rules read the same for both languages.
"""
from __future__ import annotations

from collections.abc import Iterable, Iterator

from spacy.tokens import Token

from newsledger.pipeline.tokenindex import morph_values, token_index

OBJECT_DEPS = {"dobj", "obj", "nsubjpass", "nsubj:pass", "dative", "iobj", "oprd", "attr"}
SUBJECT_DEPS = {"nsubj", "csubj", "agent"}
PASSIVE_SUBJECT_DEPS = {"nsubjpass", "nsubj:pass"}
# Unions the rules test per word, made once here (``a | b`` inside a loop makes a new set
# at every test).
ANY_SUBJECT_DEPS = SUBJECT_DEPS | PASSIVE_SUBJECT_DEPS
OBJECT_OR_PASSIVE_SUBJECT_DEPS = OBJECT_DEPS | PASSIVE_SUBJECT_DEPS
# Spanish preposition + article contractions, read as the bare preposition.
CONTRACTIONS = {"del": "de", "al": "a"}
CLAUSE_DEPS = {"ccomp", "advcl", "parataxis", "xcomp", "csubj", "relcl", "acl"}


def preposition_of(token: Token) -> str | None:
    """The preposition that introduces ``token`` ("to" in "to the U.S.", "a" in "a EE.UU.")."""
    if token.dep_ == "pobj" and token.head.dep_ in {"prep", "agent", "dative", "prt"}:
        return token.head.lower_
    for child in token.children:
        if child.dep_ == "case":
            fixed = [g.lower_ for g in child.children if g.dep_ == "fixed"]
            if fixed:  # "a petición de", "por parte de": a multiword preposition of its own
                return " ".join([child.lower_, *fixed])
            return CONTRACTIONS.get(child.lower_, child.lower_)
    return None


# Where prepositional_objects keeps its answers in a Doc's user_data.
_OBJECTS_KEY = ("newsledger", "prepositional_objects")


def prepositional_objects(token: Token) -> Iterator[tuple[str, Token]]:
    """(preposition, object head) pairs hanging off ``token``, in both label schemes.

    The rules ask again and again about the same verbs and nouns, and each walk makes a
    new ``Token`` object per child; the labels and heads do not change once parsed (the
    one repair re-tags, it never re-attaches), so each token's pairs are read once per Doc.
    """
    doc = token.doc
    kept = doc.user_data.get(_OBJECTS_KEY)
    # user_data can be copied into another Doc: the answers kept count for their own Doc only.
    if kept is None or kept[0] is not doc:
        kept = doc.user_data[_OBJECTS_KEY] = (doc, {})
    found = kept[1].get(token.i)
    if found is None:
        found = kept[1][token.i] = tuple(_prepositional_objects(token))
    return iter(found)


def _prepositional_objects(token: Token) -> Iterator[tuple[str, Token]]:
    for child in token.children:
        if child.dep_ in {"prep", "dative", "agent"} or (child.dep_ == "prt" and child.lower_ in {"over", "back"}):
            for grandchild in child.children:
                if grandchild.dep_ in {"pobj", "pcomp"}:
                    yield child.lower_, grandchild
                elif grandchild.dep_ == "prep":
                    for great in grandchild.children:
                        if great.dep_ == "pobj":
                            yield grandchild.lower_, great
        elif child.dep_ in {"obl", "nmod", "obj", "iobj", "obl:arg", "obl:agent"}:
            prep = preposition_of(child)
            if prep:
                yield prep, child
        elif child.dep_ == "advmod" and child.lower_ in {"back", "home"}:
            yield child.lower_, child


def path_length(a: Token, b: Token) -> int:
    """Edges between two tokens of the same sentence in the dependency tree."""
    if a.i == b.i:
        return 0
    index = token_index(a.doc)  # (ancestors walked on the index: no Token per step)
    up_a = [a.i, *index.ancestors(a.i)]
    depth = {t: d for d, t in enumerate(up_a)}
    for d_b, t in enumerate([b.i, *index.ancestors(b.i)]):
        if t in depth:
            return depth[t] + d_b
    return len(up_a) + d_b + 1


def in_subtree(token: Token, root: Token) -> bool:
    # The ancestors walked on the token index's head column, no Token object per step,
    # and the root's edges read only for a token below it.
    return token_index(token.doc).in_subtree(token.i, root.i) and root.left_edge.i <= token.i <= root.right_edge.i


def lemmas(tokens: Iterable[Token]) -> set[str]:
    return {t.lemma_.lower() for t in tokens}



def is_passive(verb: Token) -> bool:
    """"were sent", "fue derrocado", "fueron entregados": the subject is the patient."""
    index = token_index(verb.doc)  # (the children read off the index: no Token objects)
    children, dep = index.children(verb.i), index.dep
    if any(dep[c] in {"auxpass", "aux:pass", "nsubjpass", "nsubj:pass"} for c in children):
        return True
    return "Part" in index.morph(verb.i, "VerbForm") and any(
        dep[c] in {"aux", "cop"} and index.lemma[c] in {"ser", "be"} for c in children)


def loose_objects(token: Token) -> list[Token]:
    """The verb's objects, also where the parser hung them elsewhere: "sent 29 prisoners
    north" comes out with "prisoners" as a noun modifier of "north"."""
    found = [c for c in token.children if c.dep_ in OBJECT_DEPS]
    for child in token.children:
        if child.dep_ == "npadvmod" and child.pos_ == "NOUN":
            found.append(child)
        elif child.dep_ == "advmod":
            found += [g for g in child.children if g.dep_ == "npadvmod" and g.pos_ == "NOUN"]
    return found


def controller(verb: Token) -> Token | None:
    """The subject a non-finite verb borrows from the verb it depends on: "After speaking
    with Arce, Torres said …", "Tras hablar con Arce, Torres afirmó …" (Torres speaks).
    None for a verb with a subject of its own, a finite one, or no verb to borrow from."""
    if verb.pos_ not in {"VERB", "AUX"} or any(c.dep_ in ANY_SUBJECT_DEPS for c in verb.children):
        return None
    if not ({"Ger", "Inf", "Part"} & set(morph_values(verb, "VerbForm")) or verb.tag_ in {"VBG", "VB"}):
        return None
    head = verb.head
    if verb.dep_ == "pcomp" and head.dep_ == "prep":
        head = head.head  # "after speaking": the preposition hangs from the main verb
    elif verb.dep_ not in {"advcl", "xcomp"}:
        return None
    if head is verb or head.pos_ not in {"VERB", "AUX"}:
        return None
    subjects = [c for c in head.children if c.dep_ in SUBJECT_DEPS]
    return min(subjects, key=lambda c: abs(c.i - head.i)) if subjects else None
