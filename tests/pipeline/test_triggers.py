"""Trigger rules: the vocabulary loads and validates; each condition is tested on
hand-parsed sentences."""
from collections.abc import Callable, Iterator

import pytest
from spacy.tokens import Doc

from newsledger import lang
from newsledger.errors import KnowledgeBaseError
from newsledger.model import EVENT_TYPES
from newsledger.pipeline.roles import cue_set
from newsledger.pipeline.triggers import TriggerFinder, TriggerRule, rules


# -- the vocabulary ---------------------------------------------------------------------

@pytest.mark.parametrize("language", lang.LANGUAGES)
def test_shipped_rules_load(language: str) -> None:
    table = rules(language)
    assert table
    for lemma, found in table.items():
        assert found and all(isinstance(r, TriggerRule) for r in found)
        assert all(r.lemma == lemma == lemma.lower() for r in found)
        assert all(r.type in EVENT_TYPES for r in found)
        assert all(r.pos in {None, "VERB", "NOUN"} for r in found)


def test_shipped_rule_conditions() -> None:
    assert rules("en")["send"] == (TriggerRule(type="transfer", lemma="send", pos="VERB", needs_object=True),)
    assert {r.pos for r in rules("en")["transfer"]} == {"VERB", "NOUN"}
    assert rules("en")["hand"][0].needs_particle == ("over",)
    assert "penalty" in rules("en")["death"][0].not_with
    assert rules("en")["plead"][0].subject_role == "persons"
    assert "orden" in rules("es")["extradición"][0].not_with


@pytest.fixture()
def fake_events(monkeypatch: pytest.MonkeyPatch) -> Iterator[Callable[[object], None]]:
    """Replace the events table that ``lang.load`` returns; ``rules`` is cached, so the
    cache is emptied around the test and a made-up language code is used."""
    real_load = lang.load

    def install(table: object) -> None:
        def load(language: str, name: str) -> object:
            return table if name == "events" else real_load(language, name)
        monkeypatch.setattr(lang, "load", load)

    rules.cache_clear()
    yield install
    rules.cache_clear()


def test_unknown_event_type_names_the_file(fake_events) -> None:
    fake_events({"transfer": [{"lemma": "send"}], "kidnapping": [{"lemma": "abduct"}]})
    with pytest.raises(KnowledgeBaseError, match=r"lang/xx/events\.yaml: unknown event type 'kidnapping'"):
        rules("xx")


def test_entry_without_lemma_is_refused(fake_events) -> None:
    fake_events({"arrest": [{"lemma": "arrest"}, {"pos": "VERB"}]})
    with pytest.raises(KnowledgeBaseError, match=r"lang/xx/events\.yaml: arrest entry 2 has no lemma"):
        rules("xx")


def test_rules_table_is_parsed_and_lowercased(fake_events) -> None:
    fake_events({
        "transfer": [{"lemma": "Hand", "pos": "VERB", "needs_particle": ["Over"]},
                     {"lemma": "hand", "pos": "NOUN", "not_with": ["Washing"]}],
        "charge": [{"lemma": "plead", "subject_role": "persons", "needs_modifier": ["Guilty"]}],
    })
    table = rules("xx")
    assert table["hand"] == (
        TriggerRule(type="transfer", lemma="hand", pos="VERB", needs_particle=("over",)),
        TriggerRule(type="transfer", lemma="hand", pos="NOUN", not_with=("washing",)))
    assert table["plead"] == (TriggerRule(type="charge", lemma="plead", needs_modifier=("guilty",),
                                          subject_role="persons"),)


# -- conditions on parsed sentences ------------------------------------------------------

def found(doc: Doc, language: str = "en", persons: set[int] = frozenset()) -> list[tuple[str, str]]:
    finder = TriggerFinder(language, set(cue_set(language, "people_nouns")), set(persons))
    return [(t.token.text, t.type) for t in finder.find(doc[:])]


SEND = """
Mexico     Mexico     PROPN nsubj  1
sent       send       VERB  ROOT   1
{object}
.          .          PUNCT punct  1
"""


@pytest.mark.parametrize("object_rows, expected", [
    ("26 26 NUM nummod 3\nprisoners prisoner NOUN dobj 1", [("sent", "transfer")]),
    ("them they PRON dobj 1", [("sent", "transfer")]),
    ("a a DET det 3\nletter letter NOUN dobj 1", []),
    ("troops troop NOUN dobj 1", []),
], ids=["people-noun", "pronoun", "letter", "troops"])
def test_needs_object(build: Callable[..., Doc], object_rows: str, expected: list) -> None:
    assert found(build(SEND.format(object=object_rows))) == expected


def test_needs_object_person_entity(build: Callable[..., Doc]) -> None:
    doc = build(SEND.format(object="Ovidio Ovidio PROPN compound 3\nGuzmán Guzmán PROPN dobj 1"))
    assert found(doc) == []
    assert found(doc, persons={2, 3}) == [("sent", "transfer")]


def test_needs_object_passive_subject(build: Callable[..., Doc]) -> None:
    doc = build("""
    Forty      forty     NUM   nummod    1
    prisoners  prisoner  NOUN  nsubjpass 3
    were       be        AUX   auxpass   3
    sent       send      VERB  ROOT      3
    .          .         PUNCT punct     3
    """)
    assert found(doc) == [("sent", "transfer")]


HANDED = """
Mexico     Mexico     PROPN nsubj  1
handed     hand       VERB  ROOT   1
{particle}
29         29         NUM   nummod {noun}
prisoners  prisoner   NOUN  dobj   1
.          .          PUNCT punct  1
"""


def test_needs_particle(build: Callable[..., Doc]) -> None:
    assert found(build(HANDED.format(particle="over over ADP prt 1", noun=4))) == [("handed", "transfer")]
    assert found(build(HANDED.format(particle="", noun=3))) == []


def test_needs_particle_and_object(build: Callable[..., Doc]) -> None:
    took = """
    Agents     agent     NOUN  nsubj  1
    took       take      VERB  ROOT   1
    the        the       DET   det    3
    {noun}     {lemma}   NOUN  dobj   1
    {rest}
    .          .         PUNCT punct  1
    """
    to_texas = "to to ADP prep 1\nTexas Texas PROPN pobj 4"
    assert found(build(took.format(noun="prisoners", lemma="prisoner", rest=to_texas))) == [("took", "transfer")]
    assert found(build(took.format(noun="prisoners", lemma="prisoner", rest=""))) == []
    assert found(build(took.format(noun="flight", lemma="flight", rest=to_texas))) == []


OPERATION = """
a          a          DET   det    2
{modifier} {modifier} {pos} {dep}  2
operation  operation  NOUN  ROOT   2
"""


def test_needs_modifier(build: Callable[..., Doc]) -> None:
    assert found(build(OPERATION.format(modifier="military", pos="ADJ", dep="amod"))) == \
        [("operation", "military_operation")]
    assert found(build(OPERATION.format(modifier="rescue", pos="NOUN", dep="compound"))) == []


def test_needs_modifier_of_a_round(build: Callable[..., Doc]) -> None:
    doc = build("""
    a          a          DET   det    2
    second     second     ADJ   amod   2
    round      round      NOUN  ROOT   2
    of         of         ADP   prep   2
    transfers  transfer   NOUN  pobj   3   NNS
    """)
    assert ("round", "transfer") in found(doc)
    assert found(build("a a DET det 1\nround round NOUN ROOT 1")) == []


def test_not_with_head_of_compound(build: Callable[..., Doc]) -> None:
    request = build("""
    the        the         DET   det      2
    extradition extradition NOUN compound 2
    request    request     NOUN  ROOT     2
    """)
    assert found(request) == []
    penalty = build("the the DET det 2\ndeath death NOUN compound 2\npenalty penalty NOUN ROOT 2")
    assert found(penalty) == []


def test_not_with_leaves_the_event_itself(build: Callable[..., Doc]) -> None:
    extradition = build("""
    the        the         DET   det    1
    extradition extradition NOUN ROOT   1
    of         of          ADP   prep   1
    Guzmán     Guzmán      PROPN pobj   2
    """)
    assert found(extradition) == [("extradition", "transfer")]
    death = build("the the DET det 1\ndeath death NOUN ROOT 1\nof of ADP prep 1\nCamarena Camarena PROPN pobj 2")
    assert found(death) == [("death", "killing")]


def test_part_of_speech(build: Callable[..., Doc]) -> None:
    charged = build("Prosecutors prosecutor NOUN nsubj 1\ncharged charge VERB ROOT 1\nhim he PRON dobj 1")
    assert found(charged) == [("charged", "charge")]
    charges = build("the the DET det 1\ncharges charge NOUN ROOT 1 NNS")
    assert found(charges) == []


def test_spanish_object_with_a(build: Callable[..., Doc]) -> None:
    doc = build("""
    México     México     PROPN nsubj  1
    envió      enviar     VERB  ROOT   1
    a          a          ADP   case   4
    26         26         NUM   nummod 4
    reos       reo        NOUN  obj    1
    """, lang="es")
    assert found(doc, "es") == [("envió", "transfer")]
    letter = build("México México PROPN nsubj 1\nenvió enviar VERB ROOT 1\nuna uno DET det 3\ncarta carta NOUN obj 1",
                   lang="es")
    assert found(letter, "es") == []


def test_spanish_not_with_governing_noun(build: Callable[..., Doc]) -> None:
    order = build("""
    la          el          DET   det   1
    orden       orden       NOUN  ROOT  1
    de          de          ADP   case  3
    extradición extradición NOUN  nmod  1
    """, lang="es")
    assert found(order, "es") == []
    act = build("""
    la          el          DET   det   1
    extradición extradición NOUN  ROOT  1
    de          de          ADP   case  3
    Guzmán      Guzmán      PROPN nmod  1
    """, lang="es")
    assert found(act, "es") == [("extradición", "transfer")]


def test_spanish_needs_modifier(build: Callable[..., Doc]) -> None:
    doc = build("una uno DET det 1\noperación operación NOUN ROOT 1\nmilitar militar ADJ amod 1", lang="es")
    assert found(doc, "es") == [("operación", "military_operation")]
    doc = build("una uno DET det 1\noperación operación NOUN ROOT 1\nfinanciera financiero ADJ amod 1", lang="es")
    assert found(doc, "es") == []


# -- where the finder looks ------------------------------------------------------------

@pytest.mark.parametrize("language,text", [
    ("en", "Mexico sent 26 prisoners to the United States, which had requested their extradition."),
    ("es", "México envió a 26 reos trasladados a Estados Unidos, que había pedido su extradición."),
    ("es", "El Departamento de Estado designó como terroristas a ocho cárteles tras el envío."),
])
def test_candidates_hold_every_position_with_rules(language: str, text: str) -> None:
    from newsledger.pipeline import nlp_for
    from newsledger.pipeline.tokenindex import token_index

    doc = nlp_for(language)(text)
    finder = TriggerFinder(language, set(cue_set(language, "people_nouns")), set())
    index = token_index(doc)
    for span in (doc[:], doc[2:9]):
        with_rules = [i for i in range(span.start, span.end) if finder.rules_at(index, i)]
        assert set(with_rules) <= set(finder.candidates(index, span))
        assert finder.candidates(index, span) == sorted(finder.candidates(index, span))
        # the triggers: the scan of every position gives the same
        scan = []
        for i in with_rules:
            token = doc[i]
            rule = next((r for r in finder.rules_at(index, i) if finder._matches(token, r)), None)
            if rule is not None:
                scan.append((i, rule.type))
        assert [(t.token.i, t.type) for t in finder._find(span)] == scan
        assert scan or span.start  # the sentences have triggers


def test_candidates_follow_a_retagged_verb(build: Callable[..., Doc]) -> None:
    doc = build("""
    El        el        DET   det    1
    gobierno  gobierno  NOUN  nsubj  2
    extraditó extraditó PROPN ROOT   2
    a         a         ADP   case   4
    Ruiz      Ruiz      PROPN obj    2
    .         .         PUNCT punct  2
    """, lang="es")
    finder = TriggerFinder("es", set(cue_set("es", "people_nouns")), {4})
    finder.repair(doc[:])
    assert doc[2].pos_ == "VERB"
    assert [(t.token.text, t.type) for t in finder.find(doc[:])] == [("extraditó", "transfer")]


def test_misread_verb_read_off_the_index(build: Callable[..., Doc]) -> None:
    """The index's reading of a misread verb is the Token's: a lower-case, alphabetic
    name heading a subject."""
    from newsledger.pipeline.tokenindex import token_index
    from newsledger.pipeline.triggers import _misread_at

    doc = build("""
    Estado    Estado    PROPN nsubj  1
    designó   designó   PROPN ROOT   1
    a         a         ADP   case   3
    México    México    PROPN obj    1
    y         y         CCONJ cc     5
    envió2    envió2    PROPN conj   1
    ellos     él        PRON  nsubj  5
    .         .         PUNCT punct  1
    """, lang="es")
    index = token_index(doc)
    direct = [t.pos_ == "PROPN" and t.is_lower and t.is_alpha
              and any(c.dep_ in {"nsubj", "nsubj:pass"} for c in t.children) for t in doc]
    assert [_misread_at(index, i) for i in range(len(doc))] == direct == [
        False, True, False, False, False, False, False, False]
    doc[1].pos_ = "VERB"
    index.retagged(doc[1])
    assert not _misread_at(index, 1)
