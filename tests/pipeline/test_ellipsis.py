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


# "In the first, 29 left. Another came. In August, 26. Then more followed."
SERIES = """
In         in         ADP   prep   3
the        the        DET   det    2
first      first      ADJ   pobj   0
29         29         NUM   nsubj  4
left       leave      VERB  ROOT   4
.          .          PUNCT punct  4
Another    another    PRON  nsubj  7
came       come       VERB  ROOT   7
.          .          PUNCT punct  7
In         in         ADP   prep   12
August     August     PROPN pobj   9
,          ,          PUNCT punct  12
26         26         NUM   ROOT   12
.          .          PUNCT punct  12
Then       then       ADV   advmod 16
more       more       PRON  nsubj  16
followed   follow     VERB  ROOT   16
.          .          PUNCT punct  16
"""


def test_sentences_a_finder_may_use_are_those_a_scan_of_their_tokens_finds(
        build: Callable[..., Doc], entities) -> None:
    from newsledger.pipeline.ellipsis import EllipsisSentences, sentences_holding
    from newsledger.pipeline.numbers import ordinals
    from newsledger.pipeline.roles import cue_set

    doc = build(SERIES)
    entities(doc, [])
    context = DocContext(doc, "en")
    sentences = context.sentences
    others, table = cue_set("en", "other_words"), ordinals("en")

    def scanned(test) -> set[int]:  # the straightforward way: every token of every sentence
        return {sent.start for sent in sentences if any(test(t) for t in sent)}

    may = EllipsisSentences(context)
    numbers = scanned(lambda t: t.like_num)
    assert may.elliptical == scanned(lambda t: t.lower_ in table) == {0}
    assert may.another_one == scanned(lambda t: t.lower_ in others) == {6, 14}
    assert may.fragment == numbers == {0, 9}
    assert may.other_group == numbers & scanned(lambda t: t.lower_ in others or t.lemma_.lower() in others)
    assert sentences_holding(sentences, [3, 4, 13]) == [sentences[0], sentences[2]]
    assert sentences_holding(sentences, []) == []


def test_first_date_by_bisection_is_the_first_of_the_list_in_the_words(
        build: Callable[..., Doc], entities) -> None:
    doc = build(SERIES)
    entities(doc, [])
    text = doc.text
    context = DocContext(doc, "en")

    def match(word: str) -> TimexMatch:
        return TimexMatch(text.index(word), text.index(word) + len(word), word, DateValue.unknown())

    def scanned(clause) -> TimexMatch | None:  # the straightforward way: every match in turn
        start, end = clause[0].idx, clause[-1].idx + len(clause[-1].text)
        return next((m for m in doc._.nl_timexes if start <= m.start < end), None)

    clauses = [*doc.sents, list(doc)[1:4], list(doc)[9:], list(doc)[12:14]]
    for found in (["first", "August", "Then"], ["Then", "first", "August"]):  # in order, and not
        doc._.nl_timexes = [match(word) for word in found]
        for clause in clauses:
            assert _first_date(context, clause) is scanned(clause)
    doc._.nl_timexes = []
    assert _first_date(context, list(doc)) is None
