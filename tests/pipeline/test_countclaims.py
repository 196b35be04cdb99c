"""Count figures of the groups an act names: the group nouns read from the token index
give the same figure as reading every token of the trigger's subtree and sentence."""
from spacy.tokens import Doc, Token

from newsledger.pipeline import extensions
from newsledger.pipeline.countclaims import _MODIFIERS, CountFigures
from newsledger.pipeline.numbers import Figure
from tests.pipeline.conftest import make_doc

GROUPS = """
Canada      Canada      PROPN nsubj   1  NNP
designated  designate   VERB  ROOT    1  VBD
five        five        NUM   nummod  4  CD
criminal    criminal    ADJ   amod    4  JJ
groups      group       NOUN  dobj    1  NNS
and         and         CCONJ cc      7  CC
two         two         NUM   nummod  7  CD
cartels     cartel      NOUN  conj    4  NNS
,           ,           PUNCT punct   4  ,
one         one         NUM   appos   4  CD
of          of          ADP   prep    9  IN
eight       eight       NUM   nummod  12 CD
gangs       gang        NOUN  pobj    10 NNS
that        that        PRON  nsubj   14 WDT
joined      join        VERB  relcl   12 VBD
the         the         DET   det     16 DT
group       group       NOUN  dobj    14 NN
.           .           PUNCT punct   1  .
"""


def _of_groups_straight(counter: CountFigures, trigger: Token) -> Figure | None:
    """``CountFigures.of_groups`` written the straightforward way, a Token per position."""
    nouns = [t for t in trigger.subtree if t.i != trigger.i and counter._is_group(t)]
    if trigger.dep_ in {"acl", "relcl", "acl:relcl"} and counter._is_group(trigger.head):
        nouns.insert(0, trigger.head)
    nouns += [t for t in trigger.sent if counter._is_group(t) and counter._one_of(t)]
    for noun in nouns:
        for token in counter.doc[noun.left_edge.i:noun.i]:
            if token.like_num and token.dep_ in _MODIFIERS:
                figure = counter._figure(token)
                if figure is not None and figure.value > 1:
                    return figure
    return None


def _doc() -> Doc:
    extensions.register()
    return make_doc(GROUPS)


def test_the_figure_of_the_groups_an_act_names() -> None:
    doc = _doc()
    counter = CountFigures(doc, "en")
    assert counter.of_groups(doc[1]) == Figure(5, 2, 3)  # "designated five criminal groups"
    assert counter.of_groups(doc[14]) == Figure(8, 11, 12)  # "eight gangs that joined"


def test_group_nouns_from_the_index_are_those_of_the_tokens() -> None:
    """Every token as the trigger, one counter asked again and again (its group nouns are
    kept) and a new one each time: the same figure as reading every token."""
    doc = _doc()
    kept = CountFigures(doc, "en")
    for trigger in doc:
        expected = _of_groups_straight(CountFigures(doc, "en"), trigger)
        assert kept.of_groups(trigger) == expected, trigger.text
        assert CountFigures(doc, "en").of_groups(trigger) == expected, trigger.text
