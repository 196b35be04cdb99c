"""A blank line starts a sentence, whatever the parser would make of it."""
from functools import cache

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from newsledger.pipeline.paragraphs import mark_paragraphs


@cache
def blank(language: str) -> Language:
    return spacy.blank(language)


def starts(doc: Doc) -> list[str]:
    return [t.text for t in doc if t.is_sent_start]


def test_token_after_a_blank_line_starts_a_sentence() -> None:
    doc = mark_paragraphs(blank("en")("MEXICO CITY —\n\nMexico sent 26 prisoners north."))
    assert "Mexico" in starts(doc)
    assert doc[[t.text for t in doc].index("Mexico")].is_sent_start


def test_single_line_break_is_no_paragraph() -> None:
    doc = blank("en")("A line\ncontinued here.")
    before = [t.is_sent_start for t in doc]
    assert [t.is_sent_start for t in mark_paragraphs(doc)] == before


def test_every_paragraph_and_trailing_blank_lines() -> None:
    doc = mark_paragraphs(blank("es")("Uno dos.\n\nTres cuatro.\n\n\nCinco seis.\n\n"))
    assert {"Tres", "Cinco"} <= set(starts(doc))
    assert doc[0].is_sent_start  # the first token always starts a sentence


def test_registered_component_runs_in_a_pipeline() -> None:
    nlp = spacy.blank("en")
    nlp.add_pipe("newsledger_paragraphs")
    doc = nlp("First paragraph ends.\n\nSecond one starts.")
    assert "Second" in starts(doc)


def _marked_token_by_token(doc: Doc) -> list[bool]:
    """``mark_paragraphs`` read the straightforward way, a Token per position."""
    from newsledger.pipeline.paragraphs import _RUNS_ON

    starts = [bool(t.is_sent_start) for t in doc]
    for token in doc[1:-1]:
        if not token.is_space or "\n" not in token.text:
            continue
        after, before = doc[token.i + 1], doc[token.i - 1]
        if token.text.count("\n") >= 2 or (after.text[:1].isupper() or after.text[:1].isdigit()) \
                and before.text not in _RUNS_ON and not before.is_space:
            starts[token.i + 1] = True
    return starts


def test_only_the_white_space_tokens_are_read() -> None:
    """The white-space tokens read from an array: the same starts as reading every token."""
    for language, text in (("en", "\n\nMEXICO CITY —\n\nMexico sent 26,\nprisoners  \n 12 north.\n\nEnd\n"),
                           ("es", "Titular: DOJ\nEl traslado, que\nsigue\n«Dijo»\n\n— Nombre\n"),
                           ("en", "\n"), ("en", "")):
        expected = _marked_token_by_token(blank(language)(text))
        assert [bool(t.is_sent_start) for t in mark_paragraphs(blank(language)(text))] == expected, text
