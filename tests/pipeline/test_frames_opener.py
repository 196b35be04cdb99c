"""A running total's opener ("con", "with") is looked for only on the tokens it can hang
from: the same (preposition, object) pairs as asking every token of the sentence."""
from collections.abc import Callable

import pytest
from spacy.tokens import Doc

from newsledger.pipeline import frames
from newsledger.pipeline.frames import FrameAssembler, _opener_words
from newsledger.pipeline.roles import DocContext, cue_set
from newsledger.pipeline.syntax import prepositional_objects

ENGLISH = """
With         with         ADP   prep      8
the          the          DET   det       2
transfer     transfer     NOUN  pobj      0
,            ,            PUNCT punct     8
92           92           NUM   nummod    5
prisoners    prisoner     NOUN  nsubjpass 8
have         have         AUX   aux       8
been         be           AUX   auxpass   8
sent         send         VERB  ROOT      8
along        along        ADP   prep      8
with         with         ADP   prep      9
them         they         PRON  pobj      10
.            .            PUNCT punct     8
Officials    official     NOUN  nsubj     14
spoke        speak        VERB  ROOT      14
with         with         ADP   prep      14
pride        pride        NOUN  pobj      15
.            .            PUNCT punct     14
"""

SPANISH = """
Con          con          ADP   case      1
ellos        él           PRON  obl       5
,            ,            PUNCT punct     5
se           se           PRON  expl      5
han          haber        AUX   aux       5
entregado    entregar     VERB  ROOT      5
92           92           NUM   nummod    7
reos         reo          NOUN  nsubj     5
del          del          ADP   case      9
penal        penal        NOUN  nmod      7
con          con          ADP   case      11
prisa        prisa        NOUN  nmod      9
.            .            PUNCT punct     5
"""


def scanned(sent, openers) -> list:
    """The straightforward way: every token of the sentence asked for its pairs."""
    return [(t.i, prep, obj.i) for t in sent for prep, obj in prepositional_objects(t) if prep in openers]


@pytest.mark.parametrize("language,table", [("en", ENGLISH), ("es", SPANISH)])
def test_opener_heads_give_every_pair_a_scan_gives(build: Callable[..., Doc], entities,
                                                    language: str, table: str) -> None:
    doc = build(table, lang=language)
    entities(doc, [])
    assembler = FrameAssembler(DocContext(doc, language), language, None, None)  # type: ignore[arg-type]
    openers = cue_set(language, "cumulative_openers")
    for sent in doc.sents:
        fast = [(t.i, prep, obj.i) for t in assembler._opener_heads(sent)
                for prep, obj in prepositional_objects(t) if prep in openers]
        assert fast == scanned(sent, openers)
        assert all(sent.start <= t.i < sent.end for t in assembler._opener_heads(sent))
    assert any(scanned(sent, openers) for sent in doc.sents)  # the tables do state openers


def test_opener_words_cover_contractions_and_multiword_openers(monkeypatch: pytest.MonkeyPatch) -> None:
    assert _opener_words("es") is cue_set("es", "cumulative_openers")  # nothing to add: one search
    fake = {"cumulative_openers": frozenset({"de", "a petición de"})}
    monkeypatch.setattr(frames, "cue_set", lambda language, name: fake[name])
    assert _opener_words.__wrapped__("xx") == {"de", "a petición de", "del", "a"}
