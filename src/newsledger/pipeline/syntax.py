"""Dependency-tree helpers shared by the event, quote and claim rules.

The English model labels dependencies in the ClearNLP style (dobj, prep + pobj) and
the Spanish one in Universal Dependencies (obj, obl + case); these helpers hide that
difference so the rules read the same for both languages.
"""
from __future__ import annotations

from collections.abc import Iterable, Iterator

from spacy.tokens import Doc, Token

from newsledger.pipeline.tokenindex import TokenIndex, morph_values, token_index

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
    return preposition_at(token_index(token.doc), token.i)


def preposition_at(index: TokenIndex, i: int) -> str | None:
    """``preposition_of(doc[i])`` read off the token index: the labels, heads and forms it
    tests are columns there, with no ``Token`` object per child looked at."""
    dep, lower = index.dep, index.lower
    if dep[i] == "pobj" and dep[index.head[i]] in {"prep", "agent", "dative", "prt"}:
        return lower[index.head[i]]
    for child in index.children(i):
        if dep[child] == "case":
            fixed = [lower[g] for g in index.children(child) if dep[g] == "fixed"]
            if fixed:  # "a petición de", "por parte de": a multiword preposition of its own
                return " ".join([lower[child], *fixed])
            return CONTRACTIONS.get(lower[child], lower[child])
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
    kept = _kept_objects(doc)[1]
    found = kept.get(token.i)
    if found is None:
        found = kept[token.i] = tuple((prep, doc[i]) for prep, i in object_positions(doc, token.i))
    return iter(found)


def object_positions(doc: Doc, i: int) -> tuple[tuple[str, int], ...]:
    """``prepositional_objects(doc[i])`` with each object's position, not its ``Token``:
    for the rules that only test positions (which entity, which country)."""
    kept = _kept_objects(doc)[2]
    found = kept.get(i)
    if found is None:
        found = kept[i] = tuple(_object_positions(token_index(doc), i))
    return found


# What prepositional_objects and object_positions keep of a Doc: the Doc, the pairs with
# Tokens and the pairs with positions, per token position.
_Kept = tuple[Doc, dict[int, tuple[tuple[str, Token], ...]], dict[int, tuple[tuple[str, int], ...]]]
# The answers of the last Doc asked about: the rules ask for one Doc at a time, and the
# ``user_data`` look-up (a tuple key hashed anew each time) cost more than the answer. It
# holds the last Doc alive until the next one asks, as the token index's does.
_last_objects: _Kept | None = None


def _kept_objects(doc: Doc) -> _Kept:
    global _last_objects
    if _last_objects is not None and _last_objects[0] is doc:
        return _last_objects
    kept = doc.user_data.get(_OBJECTS_KEY)
    # user_data can be copied into another Doc: the answers kept count for their own Doc only.
    if kept is None or kept[0] is not doc:
        kept = doc.user_data[_OBJECTS_KEY] = (doc, {}, {})
    _last_objects = kept
    return kept


def _object_positions(index: TokenIndex, i: int) -> list[tuple[str, int]]:
    """``prepositional_objects`` by position, read off the token index (no ``Token``
    object per child and grandchild looked at)."""
    dep, lower, children = index.dep, index.lower, index.children
    found: list[tuple[str, int]] = []
    for child in children(i):
        label = dep[child]
        if label in {"prep", "dative", "agent"} or (label == "prt" and lower[child] in {"over", "back"}):
            for grandchild in children(child):
                if dep[grandchild] in {"pobj", "pcomp"}:
                    found.append((lower[child], grandchild))
                elif dep[grandchild] == "prep":
                    found += [(lower[grandchild], great) for great in children(grandchild) if dep[great] == "pobj"]
        elif label in {"obl", "nmod", "obj", "iobj", "obl:arg", "obl:agent"}:
            prep = preposition_at(index, child)
            if prep:
                found.append((prep, child))
        elif label == "advmod" and lower[child] in {"back", "home"}:
            found.append((lower[child], child))
    return found


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
    index = token_index(token.doc)  # (the children read off the index: a Token per object only)
    dep, pos, children = index.dep, index.pos, index.children(token.i)
    found = [c for c in children if dep[c] in OBJECT_DEPS]
    for child in children:
        if dep[child] == "npadvmod" and pos[child] == "NOUN":
            found.append(child)
        elif dep[child] == "advmod":
            found += [g for g in index.children(child) if dep[g] == "npadvmod" and pos[g] == "NOUN"]
    doc = token.doc
    return [doc[i] for i in found]


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
