"""Evidence per event type (ontology.yaml), checked on a combined frame: a word alone is no
event. Hand-parsed sentences, in both languages."""
from collections.abc import Callable

from spacy.tokens import Doc

from newsledger.pipeline.mentions import Mention
from newsledger.pipeline.sufficiency import Sufficiency

# "The gang members, staging raids on police posts, fled."  - "raids" in passing
IN_PASSING = """
The      the      DET   det    2
gang     gang     NOUN  compound 2
members  member   NOUN  nsubj  9
,        ,        PUNCT punct  2
staging  stage    VERB  acl    2
raids    raid     NOUN  dobj   4
on       on       ADP   prep   5
police   police   NOUN  compound 8
posts    post     NOUN  pobj   6
fled     flee     VERB  ROOT   9
.        .        PUNCT punct  9
"""

# "Ruritania and Borduria agreed on a truce."
AGREED = """
Ruritania  Ruritania PROPN nsubj 3
and        and       CCONJ cc    0
Borduria   Borduria  PROPN conj  0
agreed     agree     VERB  ROOT  3
on         on        ADP   prep  3
a          a         DET   det   6
truce      truce     NOUN  pobj  4
.          .         PUNCT punct 3
"""

# "Los traslados acordados con base en la ley concluyeron."  - an attributive participle
ES_ATTRIBUTIVE = """
Los          el          DET   det   1
traslados    traslado    NOUN  nsubj 8
acordados    acordar     VERB  acl   1
con          con         ADP   case  4
base         base        NOUN  obl   2
en           en          ADP   case  7
la           el          DET   det   7
ley          ley         NOUN  nmod  4
concluyeron  concluir    VERB  ROOT  8
.            .           PUNCT punct 8
"""

# "Un ataque podría ocurrir."  - the noun is a verb's subject
ES_SUBJECT = """
Un       uno      DET   det    1
ataque   ataque   NOUN  nsubj  3
podría   poder    AUX   aux    3
ocurrir  ocurrir  VERB  ROOT   3
.        .        PUNCT punct  3
"""


def _mention(doc: Doc, kind: str, trigger: int) -> Mention:
    return Mention(kind, doc[trigger], doc[:])


def test_a_bare_noun_in_passing_is_no_military_operation(build: Callable[..., Doc]) -> None:
    doc = build(IN_PASSING)
    check = Sufficiency("en")
    raid = _mention(doc, "military_operation", 5)
    assert not check.verb_frame(raid)
    assert not check.holds(raid)
    raid.location = ("Ruritania", None)  # a place it happened makes it one
    assert check.holds(raid)


def test_a_hypothetical_noun_is_governed_by_its_predicate(build: Callable[..., Doc]) -> None:
    doc = build(IN_PASSING)
    raid = _mention(doc, "military_operation", 5)
    raid.hypothetical = True  # "threatened raids on police posts"
    assert Sufficiency("en").holds(raid)


def test_an_agreement_stated_by_a_verb_holds(build: Callable[..., Doc]) -> None:
    doc = build(AGREED)
    assert Sufficiency("en").holds(_mention(doc, "agreement", 3))


def test_an_agreement_needs_two_parties_a_date_or_a_clause(build: Callable[..., Doc]) -> None:
    doc = build(ES_ATTRIBUTIVE, "es")
    check = Sufficiency("es")
    agreed = _mention(doc, "agreement", 2)
    assert not check.verb_frame(agreed)
    assert check.missing(agreed) == ("date", "two_parties", "verb")
    agreed.agents = [("Ruritania", None), ("Borduria", None)]
    assert check.holds(agreed)


def test_a_frame_holds_when_any_member_states_the_act(build: Callable[..., Doc]) -> None:
    doc = build(ES_ATTRIBUTIVE, "es")
    agreed = _mention(doc, "agreement", 2)
    agreed.members.append(_mention(build(AGREED), "agreement", 3))
    assert Sufficiency("es").holds(agreed)


def test_a_noun_subject_of_a_verb_is_a_clause(build: Callable[..., Doc]) -> None:
    doc = build(ES_SUBJECT, "es")
    assert Sufficiency("es").verb_frame(_mention(doc, "military_operation", 1))


# -- end to end, with the real models, on sentences written for these tests ----------------

def _types(text: str, language: str) -> list[str]:
    from datetime import date

    from newsledger.extract import extract_text
    return [e.type for e in extract_text(text, published=date(2026, 3, 12), language=language).events]


def test_a_word_in_passing_is_no_event_en() -> None:
    assert "military_operation" not in _types("In the wake of the attack, the mayor resigned.", "en")
    assert "agreement" not in _types("Under the pact, fugitives are returned within a week.", "en")


def test_a_word_in_passing_is_no_event_es() -> None:
    assert "military_operation" not in _types("Tras el ataque, el alcalde renunció.", "es")


def test_an_agreement_between_two_states_holds_es() -> None:
    text = "Según los acuerdos entre México y Guatemala, los detenidos serán juzgados en su país."
    assert "agreement" in _types(text, "es")


def test_an_attributive_participle_is_no_agreement_es() -> None:
    text = "La fiscalía explicó que no fueron extradiciones, sino traslados acordados con base en la ley."
    assert "agreement" not in _types(text, "es")
