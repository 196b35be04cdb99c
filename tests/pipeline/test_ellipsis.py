"""The first date of a clause: a sentence's own Span gives what the list of its tokens gives."""
from collections.abc import Callable

from spacy.tokens import Doc

from newsledger.model import DateValue
from newsledger.pipeline.ellipsis import _first_date
from newsledger.pipeline.roles import DocContext
from newsledger.timex import TimexMatch

TABLE = """
In         in         ADP   prep   3
February   February   PROPN pobj   0
29         29         NUM   nsubj  3
left       leave      VERB  ROOT   3
.          .          PUNCT punct  3
In         in         ADP   prep   7
August     August     PROPN pobj   5
26         26         NUM   ROOT   7
.          .          PUNCT punct  7
"""


def test_first_date_of_a_sentence_span_is_that_of_its_tokens(build: Callable[..., Doc], entities) -> None:
    doc = build(TABLE)
    entities(doc, [])
    text = doc.text
    doc._.nl_timexes = [TimexMatch(text.index(word), text.index(word) + len(word), word, DateValue.unknown())
                        for word in ("February", "August")]
    context = DocContext(doc, "en")
    first, second = doc.sents
    for sent in (first, second):
        assert _first_date(context, sent) == _first_date(context, list(sent))
    assert _first_date(context, first).text == "February"
    assert _first_date(context, second).text == "August"
    assert _first_date(context, list(second)[2:]) is None  # "26 ." has no date
    assert _first_date(context, []) is None


# "The 29 men who were sent. Sent in February, 29 men. In February, 29 men, who left."
CLAUSES = """
The        the        DET   det    2
29         29         NUM   nummod 2
men        man        NOUN  ROOT   2
who        who        PRON  nsubj  5
were       be         AUX   aux    5
sent       send       VERB  relcl  2
.          .          PUNCT punct  2
Sent       send       VERB  ROOT   7
in         in         ADP   prep   7
February   February   PROPN pobj   8
,          ,          PUNCT punct  7
29         29         NUM   nummod 12
men        man        NOUN  dobj   7
.          .          PUNCT punct  7
In         in         ADP   prep   18
February   February   PROPN pobj   14
,          ,          PUNCT punct  18
29         29         NUM   nummod 18
men        man        NOUN  ROOT   18
,          ,          PUNCT punct  18
who        who        PRON  nsubj  21
left       leave      VERB  advcl  18
.          .          PUNCT punct  18
"""


def test_main_verb_from_the_root_is_what_a_scan_of_the_verbs_says(build: Callable[..., Doc]) -> None:
    from newsledger.pipeline.ellipsis import _has_main_verb

    def scanned(sent):  # the straightforward way: every verb and its ancestors
        return any(t.pos_ in {"VERB", "AUX"} and not any(a.dep_ in {"relcl", "acl", "acl:relcl"}
                                                         for a in [t, *t.ancestors]) for t in sent)

    doc = build(CLAUSES)
    sentences = list(doc.sents)
    assert [_has_main_verb(sent) for sent in sentences] == [scanned(sent) for sent in sentences]
    assert [_has_main_verb(sent) for sent in sentences] == [False, True, True]
