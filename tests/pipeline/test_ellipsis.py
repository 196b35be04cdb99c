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
