"""Head counts with the rule that read them, and the figures set aside, on hand-parsed
sentences."""
from collections.abc import Callable

from spacy.tokens import Doc

from newsledger.pipeline.counts import HeadCounts
from newsledger.pipeline.roles import DocContext

SENT = """
Peru       Peru       PROPN nsubj   1
sent       send       VERB  ROOT    1
92         92         NUM   nummod  3
fugitives  fugitive   NOUN  dobj    1
home       home       ADV   advmod  1
.          .          PUNCT punct   1
"""


def test_a_figure_of_the_object_is_the_count(build: Callable[..., Doc], entities) -> None:
    doc = build(SENT)
    entities(doc, [])
    counts = HeadCounts(DocContext(doc, "en"), "en")
    found = counts.reasoned(doc[1])
    assert found is not None
    figure, rule = found
    assert (figure.value, rule) == (92, "count.object") and counts.rejected == []


def test_a_running_total_is_set_aside_with_its_reason(build: Callable[..., Doc], entities) -> None:
    doc = build(SENT)
    entities(doc, [])
    counts = HeadCounts(DocContext(doc, "en"), "en")
    counts.totals = {2}  # the sentence's cumulative figure starts at "92"
    assert counts.reasoned(doc[1]) is None
    [(figure, rule)] = counts.rejected
    assert (figure.value, figure.start, rule) == (92, 2, "count.total")
