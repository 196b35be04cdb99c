"""Dependency-tree helpers, on hand-parsed sentences in both label schemes."""
from collections.abc import Callable

import pytest
from spacy.tokens import Doc

from newsledger.pipeline.syntax import in_subtree, is_passive, path_length, preposition_of, prepositional_objects

# ClearNLP labels, as the English model writes them.
SENT_TO = """
Mexico     Mexico     PROPN nsubj  1
sent       send       VERB  ROOT   1
26         26         NUM   nummod 3
prisoners  prisoner   NOUN  dobj   1
to         to         ADP   prep   1
the        the        DET   det    6
U.S.       U.S.       PROPN pobj   4
from       from       ADP   prep   1
Altiplano  Altiplano  PROPN pobj   7
.          .          PUNCT punct  1
"""

# Universal Dependencies labels, as the Spanish model writes them.
ENVIO = """
México     México     PROPN nsubj  1
envió      enviar     VERB  ROOT   1
a          a          ADP   case   4
29         29         NUM   nummod 4
reos       reo        NOUN  obj    1
a          a          ADP   case   6
Estados    Estados    PROPN obl    1
Unidos     Unidos     PROPN flat   6
desde      desde      ADP   case   10
el         el         DET   det    10
penal      penal      NOUN  obl    1
del        del        ADP   case   12
Altiplano  Altiplano  PROPN nmod   10
.          .          PUNCT punct  1
"""


@pytest.fixture()
def sent_to(build: Callable[..., Doc]) -> Doc:
    return build(SENT_TO)


@pytest.fixture()
def envio(build: Callable[..., Doc]) -> Doc:
    return build(ENVIO, lang="es")


def pairs(found) -> list[tuple[str, str]]:
    return [(prep, token.text) for prep, token in found]


def test_path_length(sent_to: Doc) -> None:
    assert path_length(sent_to[1], sent_to[1]) == 0
    assert path_length(sent_to[0], sent_to[1]) == 1       # subject - verb
    assert path_length(sent_to[2], sent_to[1]) == 2       # 26 - prisoners - sent
    assert path_length(sent_to[0], sent_to[6]) == 3       # Mexico - sent - to - U.S.
    assert path_length(sent_to[2], sent_to[8]) == 4       # 26 … Altiplano through the verb


def test_path_length_is_symmetric(sent_to: Doc) -> None:
    for a in sent_to:
        for b in sent_to:
            assert path_length(a, b) == path_length(b, a)


def test_in_subtree(sent_to: Doc) -> None:
    assert in_subtree(sent_to[6], sent_to[4])             # U.S. under "to"
    assert in_subtree(sent_to[5], sent_to[1])             # everything under the root
    assert in_subtree(sent_to[3], sent_to[3])             # a token is in its own subtree
    assert not in_subtree(sent_to[6], sent_to[3])         # U.S. is not under "prisoners"
    assert not in_subtree(sent_to[1], sent_to[4])         # the head is not under its child
    assert not in_subtree(sent_to[8], sent_to[4])         # a sibling's object


def test_prepositional_objects_clearnlp(sent_to: Doc) -> None:
    assert pairs(prepositional_objects(sent_to[1])) == [("to", "U.S."), ("from", "Altiplano")]
    assert pairs(prepositional_objects(sent_to[3])) == []


def test_prepositional_objects_clearnlp_nested_and_agent(build: Callable[..., Doc]) -> None:
    doc = build("""
    They       they      PRON  nsubjpass 2
    were       be        AUX   auxpass   2
    flown      fly       VERB  ROOT      2
    out        out       ADP   prep      2
    of         of        ADP   prep      3
    Sinaloa    Sinaloa   PROPN pobj      4
    by         by        ADP   agent     2
    the        the       DET   det       8
    Navy       Navy      PROPN pobj      6
    .          .         PUNCT punct     2
    """)
    # "out of Sinaloa" reads as "of"; the passive agent keeps "by".
    assert pairs(prepositional_objects(doc[2])) == [("of", "Sinaloa"), ("by", "Navy")]


def test_prepositional_objects_adverb_back(build: Callable[..., Doc]) -> None:
    doc = build("""
    Mexico   Mexico  PROPN nsubj  1
    sent     send    VERB  ROOT   1
    them     they    PRON  dobj   1
    back     back    ADV   advmod 1
    .        .       PUNCT punct  1
    """)
    assert pairs(prepositional_objects(doc[1])) == [("back", "back")]


def test_prepositional_objects_ud(envio: Doc) -> None:
    assert pairs(prepositional_objects(envio[1])) == [("a", "reos"), ("a", "Estados"), ("desde", "penal")]


def test_contraction_del_reads_as_de(envio: Doc) -> None:
    assert pairs(prepositional_objects(envio[10])) == [("de", "Altiplano")]
    assert preposition_of(envio[12]) == "de"


def test_contraction_al_reads_as_a(build: Callable[..., Doc]) -> None:
    doc = build("""
    Entregaron  entregar   VERB  ROOT  0
    al          al         ADP   case  2
    detenido    detenido   NOUN  obj   0
    .           .          PUNCT punct 0
    """, lang="es")
    assert pairs(prepositional_objects(doc[0])) == [("a", "detenido")]


def test_preposition_of(sent_to: Doc, envio: Doc) -> None:
    assert preposition_of(sent_to[6]) == "to"
    assert preposition_of(sent_to[8]) == "from"
    assert preposition_of(sent_to[0]) is None
    assert preposition_of(envio[6]) == "a"
    assert preposition_of(envio[10]) == "desde"
    assert preposition_of(envio[0]) is None


def test_is_passive_english(build: Callable[..., Doc], sent_to: Doc) -> None:
    doc = build("""
    The        the       DET   det       1
    prisoners  prisoner  NOUN  nsubjpass 3
    were       be        AUX   auxpass   3
    sent       send      VERB  ROOT      3   VBN
    to         to        ADP   prep      3
    Texas      Texas     PROPN pobj      4
    .          .         PUNCT punct     3
    """)
    assert is_passive(doc[3])
    assert not is_passive(sent_to[1])


SPANISH_PARTICIPLE = """
Los        el        DET   det    1  _  Definite=Def|Gender=Masc|Number=Plur|PronType=Art
reos       reo       NOUN  nsubj  3  _  Gender=Masc|Number=Plur
{aux}      {lemma}   AUX   aux    3  _  Mood=Ind|Number=Plur|Person=3|Tense=Past|VerbForm=Fin
entregados entregar  VERB  ROOT   3  _  Gender=Masc|Number=Plur|Tense=Past|VerbForm=Part
.          .         PUNCT punct  3
"""


def test_is_passive_spanish_participle_with_ser(build: Callable[..., Doc]) -> None:
    doc = build(SPANISH_PARTICIPLE.format(aux="fueron", lemma="ser"), lang="es")
    assert is_passive(doc[3])


def test_is_passive_spanish_perfect_is_active(build: Callable[..., Doc]) -> None:
    # "han entregado": a participle with haber is the perfect tense, not a passive.
    doc = build(SPANISH_PARTICIPLE.format(aux="han", lemma="haber"), lang="es")
    assert not is_passive(doc[3])


def test_is_passive_ud_passive_subject(build: Callable[..., Doc]) -> None:
    doc = build("""
    Guzmán     Guzmán    PROPN nsubj:pass 2
    fue        ser       AUX   aux:pass   2
    extraditado extraditar VERB ROOT      2
    .          .         PUNCT punct      2
    """, lang="es")
    assert is_passive(doc[2])


def test_a_subjectless_clause_borrows_the_subject_of_its_verb() -> None:
    from newsledger.pipeline import nlp_for
    from newsledger.pipeline.syntax import controller

    doc = nlp_for("en")("After speaking with Luis Arce, Ana Torres said the talks went well.")
    speaking = next(t for t in doc if t.text == "speaking")
    assert controller(speaking) is not None and controller(speaking).text == "Torres"
    said = next(t for t in doc if t.text == "said")
    assert controller(said) is None  # finite, with a subject of its own
    went = next(t for t in doc if t.text == "went")
    assert controller(went) is None


def test_prepositional_objects_are_kept_per_doc(sent_to: Doc, envio: Doc) -> None:
    # Answers are kept in the Doc: asking again gives the same pairs, and a Doc that
    # carries a copy of another's user_data does not get the other Doc's answers.
    first = pairs(prepositional_objects(sent_to[1]))
    assert pairs(prepositional_objects(sent_to[1])) == first == [("to", "U.S."), ("from", "Altiplano")]
    envio.user_data.update(sent_to.user_data)
    assert pairs(prepositional_objects(envio[1])) == [("a", "reos"), ("a", "Estados"), ("desde", "penal")]


def test_path_length_is_the_walk_of_the_tokens() -> None:
    """Read off the token index, the edges between two tokens are those a walk of the
    tokens' ancestors counts."""
    from newsledger.pipeline import nlp_for
    from newsledger.pipeline.syntax import path_length

    def walked(a, b):
        if a.i == b.i:
            return 0
        up_a = [a, *a.ancestors]
        depth = {t.i: d for d, t in enumerate(up_a)}
        for d_b, t in enumerate([b, *b.ancestors]):
            if t.i in depth:
                return depth[t.i] + d_b
        return len(up_a) + d_b + 1

    doc = nlp_for("es")("México envió a 26 reos a Estados Unidos, que los había pedido. Fue el segundo envío.")
    assert [path_length(a, b) for a in doc for b in doc] == [walked(a, b) for a in doc for b in doc]
    assert max(path_length(a, b) for a in doc for b in doc) > 3


PARSED = {
    "es": "México envió a 26 reos a Estados Unidos desde el penal del Altiplano, a petición de la fiscalía, "
          "y los devolvió al norte. Fueron entregados por parte de las autoridades en manos de la DEA.",
    "en": "Mexico sent 26 prisoners back to the United States from the Altiplano prison, and flew them home "
          "out of Sinaloa. They were handed over by the Navy to agents of the DEA.",
}


def _walked_objects(token):
    """prepositional_objects as spaCy's Tokens read it: each child, grandchild and label."""
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
            prep = _walked_preposition(child)
            if prep:
                yield prep, child
        elif child.dep_ == "advmod" and child.lower_ in {"back", "home"}:
            yield child.lower_, child


def _walked_preposition(token):
    if token.dep_ == "pobj" and token.head.dep_ in {"prep", "agent", "dative", "prt"}:
        return token.head.lower_
    for child in token.children:
        if child.dep_ == "case":
            fixed = [g.lower_ for g in child.children if g.dep_ == "fixed"]
            if fixed:
                return " ".join([child.lower_, *fixed])
            return {"del": "de", "al": "a"}.get(child.lower_, child.lower_)
    return None


@pytest.mark.parametrize("lang", ["es", "en"])
def test_objects_read_off_the_index_are_the_walk_of_the_tokens(lang: str) -> None:
    """Prepositions, prepositional objects (as Tokens and as positions), loose objects and
    subtree membership read off the token index are what walking spaCy's Tokens gives."""
    from newsledger.pipeline import nlp_for
    from newsledger.pipeline.syntax import OBJECT_DEPS, loose_objects, object_positions

    doc = nlp_for(lang)(PARSED[lang])
    walked = {t.i: [(prep, obj.i) for prep, obj in _walked_objects(t)] for t in doc}
    assert any(walked.values())
    assert {t.i: [(prep, obj.i) for prep, obj in prepositional_objects(t)] for t in doc} == walked
    assert {t.i: list(object_positions(doc, t.i)) for t in doc} == walked
    assert [preposition_of(t) for t in doc] == [_walked_preposition(t) for t in doc]

    def walked_loose(token):
        found = [c for c in token.children if c.dep_ in OBJECT_DEPS]
        for child in token.children:
            if child.dep_ == "npadvmod" and child.pos_ == "NOUN":
                found.append(child)
            elif child.dep_ == "advmod":
                found += [g for g in child.children if g.dep_ == "npadvmod" and g.pos_ == "NOUN"]
        return [t.i for t in found]

    assert [[t.i for t in loose_objects(t)] for t in doc] == [walked_loose(t) for t in doc]

    def walked_in_subtree(token, root):
        return root.left_edge.i <= token.i <= root.right_edge.i and (
            token.i == root.i or any(a.i == root.i for a in token.ancestors))

    assert [in_subtree(a, b) for a in doc for b in doc] == [walked_in_subtree(a, b) for a in doc for b in doc]
