"""Modality: denied and planned triggers, each with the cue that makes them so, on
hand-parsed sentences."""
from collections.abc import Callable

from spacy.tokens import Doc

from newsledger.pipeline.modality import Modality
from newsledger.pipeline.roles import DocContext


def reasons(doc: Doc, i: int, lang: str = "en"):
    return Modality(DocContext(doc, lang), lang).reasons(doc[i])


def test_negation_word_of_the_trigger(build: Callable[..., Doc], entities) -> None:
    doc = build("""
    Peru       Peru       PROPN nsubj  3
    did        do         AUX   aux    3
    not        not        PART  neg    3
    extradite  extradite  VERB  ROOT   3
    the        the        DET   det    5
    smuggler   smuggler   NOUN  dobj   3
    .          .          PUNCT punct  3
    """)
    entities(doc, [])
    negated, hypothetical = reasons(doc, 3)
    assert hypothetical is None and negated is not None
    assert (negated.text, negated.rule, negated.cue) == ("not", "negated.trigger", "not")


def test_modal_auxiliary_of_the_trigger(build: Callable[..., Doc], entities) -> None:
    doc = build("""
    Peru       Peru       PROPN nsubj  2
    might      might      AUX   aux    2
    extradite  extradite  VERB  ROOT   2
    him        he         PRON  dobj   2
    .          .          PUNCT punct  2
    """)
    entities(doc, [])
    negated, hypothetical = reasons(doc, 2)
    assert negated is None and hypothetical is not None
    assert (hypothetical.rule, hypothetical.cue) == ("hypothetical.modal", "might")


def test_plan_verb_governing_the_trigger_and_its_negation(build: Callable[..., Doc], entities) -> None:
    doc = build("""
    Chile      Chile      PROPN nsubj  3
    does       do         AUX   aux    3
    not        not        PART  neg    3
    plan       plan       VERB  ROOT   3
    to         to         PART  aux    5
    expel      expel      VERB  xcomp  3
    them       they       PRON  dobj   5
    .          .          PUNCT punct  3
    """)
    entities(doc, [])
    negated, hypothetical = reasons(doc, 5)
    assert hypothetical is not None and (hypothetical.rule, hypothetical.cue) == ("hypothetical.governor", "plan")
    assert negated is not None and (negated.rule, negated.text) == ("negated.governor", "not")
    assert Modality(DocContext(doc, "en"), "en").of(doc[5]) == (True, True)


def test_negation_read_off_the_index_is_the_tokens() -> None:
    from newsledger.pipeline import nlp_for
    from newsledger.pipeline.modality import _negates, _negates_at
    from newsledger.pipeline.tokenindex import token_index

    for language, text in (("en", "Mexico did not send them and never will, nor was it planned."),
                           ("es", "México no los envió ni nunca los enviará; tampoco se planeó.")):
        doc = nlp_for(language)(text)
        index = token_index(doc)
        assert [_negates_at(index, t.i) for t in doc] == [_negates(t) for t in doc]
        assert any(_negates(t) for t in doc)
