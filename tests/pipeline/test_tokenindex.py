"""The token index answers what a scan of the tokens would, and follows a re-tagging."""
from collections.abc import Callable

import pytest
from spacy.tokens import Doc

from newsledger.pipeline.tokenindex import NAMES, NOUNS, VERBS, TokenIndex, morph_values, token_index

TABLE = """
Mexico  Mexico  PROPN  nsubj  1
sent    send    VERB   ROOT   1
26      26      NUM    nummod 3
Prisoners prisoner NOUN dobj  1
.       .       PUNCT  punct  1
Then    then    ADV    advmod 7
it      it      PRON   nsubj  7
designó designó PROPN  ROOT   7
three   three   NUM    dobj   7
.       .       PUNCT  punct  7
"""
WORDS = frozenset({"prisoner", "then", "three"})


def test_positions_are_the_scan(build: Callable[..., Doc]) -> None:
    doc = build(TABLE)
    index = token_index(doc)
    for span in (doc[0:5], doc[5:10], doc[2:8], doc[0:10]):
        assert index.with_lower(span, WORDS) == [t for t in span if t.lower_ in WORDS]
        assert index.with_word(span, WORDS) == [t for t in span if t.lower_ in WORDS or t.lemma_.lower() in WORDS]
        assert index.with_pos(span, NOUNS) == [t for t in span if t.pos_ in NOUNS]
        assert index.numbers(span) == [t for t in span if t.like_num]
    assert token_index(doc) is index  # kept with the Doc


def test_retagged_token_is_read_again(build: Callable[..., Doc]) -> None:
    doc = build(TABLE)
    index = token_index(doc)
    assert [t.i for t in index.with_pos(doc[0:10], NAMES)] == [0, 7]
    assert index.with_pos(doc[0:10], VERBS) == [doc[1]]
    verbs, lemmas = frozenset({"designar", "send"}), frozenset({"designó", "then"})
    assert index.with_word(doc[0:10], verbs) == [doc[1]]
    assert index.positions(doc[0:10], "lemma", lemmas) == [5, 7]
    token = doc[7]
    token.pos_, token.lemma_ = "VERB", "designar"
    index.retagged(token)
    # the searches kept before are corrected, and agree with a new scan
    assert [t.i for t in index.with_word(doc[0:10], verbs)] == [1, 7]
    assert index.positions(doc[0:10], "lemma", lemmas) == [5]
    fresh = TokenIndex(doc)
    for words in (NAMES, VERBS, NOUNS):
        assert index.positions(doc[0:10], "pos", words) == fresh.positions(doc[0:10], "pos", words)
    assert [t.i for t in index.with_pos(doc[0:10], NAMES)] == [0]
    assert [t.i for t in index.with_pos(doc[0:10], VERBS)] == [1, 7]
    assert [t.i for t in index.with_word(doc[0:10], frozenset({"designar"}))] == [7]


def test_index_belongs_to_its_doc(build: Callable[..., Doc]) -> None:
    first, second = build(TABLE), build(TABLE.replace("Prisoners prisoner", "Reos reo"))
    token_index(first)
    second.user_data.update(first.user_data)
    assert token_index(second).with_word(second[0:10], WORDS) == [second[5], second[8]]


def test_the_last_index_is_the_docs_own(build: Callable[..., Doc]) -> None:
    """The index kept for the last Doc asked is the one its user_data holds, for each of
    two Docs asked in turn."""
    first, second = build(TABLE), build(TABLE.replace("Prisoners prisoner", "Reos reo"))
    one, two = token_index(first), token_index(second)
    assert one is not two
    for doc, index in ((first, one), (first, one), (second, two), (first, one), (second, two)):
        assert token_index(doc) is index
        assert doc.user_data[("newsledger", "tokens")] is index and index.doc is doc


@pytest.mark.parametrize("language,text", [
    ("en", "Mexico sent 26 alleged cartel members to the U.S. on Tuesday, 3 more than planned."),
    ("es", "México envió el martes a veintiséis presuntos integrantes de cárteles a Estados Unidos."),
])
def test_the_index_reads_what_the_tokens_say(language: str, text: str) -> None:
    from newsledger.pipeline import nlp_for

    doc = nlp_for(language)(text)
    index = TokenIndex(doc)
    assert [(index.lower[t.i], index.lemma[t.i], index.pos[t.i], index.like_num[t.i], index.alpha[t.i])
            for t in doc] == [(t.lower_, t.lemma_.lower(), t.pos_, t.like_num, t.is_alpha) for t in doc]


@pytest.mark.parametrize("language,text", [
    ("en", "Mexico sent 26 prisoners; it will send more, and the men were transferred."),
    ("es", "México enviará a veintiséis reos; los detenidos fueron trasladados a Estados Unidos."),
])
def test_lower_case_and_morphology_read_as_the_tokens_say(language: str, text: str) -> None:
    from newsledger.pipeline import nlp_for

    doc = nlp_for(language)(text)
    index = TokenIndex(doc)
    assert index.is_lower == [t.is_lower for t in doc]
    for field in ("Tense", "Number", "VerbForm", "NumType"):
        # twice: the second answer comes from what the first kept
        for _ in range(2):
            assert [morph_values(t, field) for t in doc] == [t.morph.get(field) for t in doc]


def test_morphology_of_a_hand_built_doc(build: Callable[..., Doc]) -> None:
    doc = build("""
    They    they    PRON nsubj 2 _ Number=Plur
    will    will    AUX  aux   2 _ _
    sent    send    VERB ROOT  2 _ Tense=Past|VerbForm=Part
    .       .       PUNCT punct 2
    """)
    assert [morph_values(t, "VerbForm") for t in doc] == [[], [], ["Part"], []]
    assert morph_values(doc[0], "Number") == ["Plur"]
    values = morph_values(doc[2], "Tense")
    values.append("Fut")  # a caller's list is its own
    assert morph_values(doc[2], "Tense") == ["Past"]


@pytest.mark.parametrize("language,text", [
    ("en", "Mexico sent 26 prisoners to the United States, which had requested them. "
           "It was the second transfer this year, officials said."),
    ("es", "México envió a 26 reos a Estados Unidos, que los había pedido. "
           "Fue el segundo envío de este año, dijeron funcionarios que no fueron identificados."),
])
def test_the_tree_reads_as_the_tokens_say(language: str, text: str) -> None:
    """Heads, labels, children, subtrees and ancestry read off the index are spaCy's."""
    from newsledger.pipeline import nlp_for

    doc = nlp_for(language)(text)
    index = TokenIndex(doc)
    assert index.head == [t.head.i for t in doc]
    assert index.dep == [t.dep_ for t in doc]
    for token in doc:
        assert index.children(token.i) == [c.i for c in token.children]
        assert index.subtree(token.i) == [t.i for t in token.subtree]
        assert index.ancestors(token.i) == [a.i for a in token.ancestors]
        for root in doc:
            assert index.in_subtree(token.i, root.i) == (
                token.i == root.i or any(a.i == root.i for a in token.ancestors))


def test_the_tree_of_a_hand_built_doc(build: Callable[..., Doc]) -> None:
    doc = build(TABLE)
    index = token_index(doc)
    assert index.children(1) == [0, 3, 4] and index.children(3) == [2]
    assert index.subtree(1) == [0, 1, 2, 3, 4]
    assert index.in_subtree(2, 1) and not index.in_subtree(1, 3) and not index.in_subtree(5, 1)


@pytest.mark.parametrize("language,text", [
    ("en", "Mexico sent 26 alleged cartel members to the U.S. on Tuesday,  3 more.\n\nThen \"El Ricky\" left."),
    ("es", "México envió el martes a «Delta 1» y a 26 reos a Estados Unidos.\nLee también:  otra nota"),
])
def test_texts_and_offsets_read_as_the_tokens_say(language: str, text: str) -> None:
    from newsledger.pipeline import nlp_for

    doc = nlp_for(language)(text)
    assert TokenIndex(doc).texts() == ([t.text for t in doc], [t.idx for t in doc])


def test_texts_of_a_hand_built_doc(build: Callable[..., Doc]) -> None:
    doc = build(TABLE)
    assert token_index(doc).texts() == ([t.text for t in doc], [t.idx for t in doc])
    empty = Doc(doc.vocab, words=[])
    assert TokenIndex(empty).texts() == ([], [])
