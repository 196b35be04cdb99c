"""Evidence from the parse: ``because(words, rule, cue)`` for whatever a rule read.

The one call a slot-setting site makes to say why (see ``newsledger.why`` for the rule
ids). It accepts what the rules have at hand (a token, a spaCy span, a list of tokens, a
text span, a date match) so that recording a reason never costs a rule extra work.
"""
from __future__ import annotations

from collections.abc import Sequence

from spacy.tokens import Span, Token

from newsledger import why
from newsledger.model import Evidence
from newsledger.model import Span as TextSpan
from newsledger.pipeline.doctext import span_text
from newsledger.timex import TimexMatch

Words = Token | Span | Sequence[Token] | TextSpan | TimexMatch


def text_span(words: Words) -> TextSpan:
    """The stretch of document text ``words`` cover (a token list from first to last)."""
    if isinstance(words, TextSpan):
        return words
    if isinstance(words, TimexMatch):
        return TextSpan(words.start, words.end, words.text)
    if isinstance(words, Token):
        start, text = words.idx, words.text  # each read of a Token attribute makes a new str or int
        return TextSpan(start, start + len(text), text)
    if isinstance(words, Span):
        text = span_text(words).rstrip()
        return TextSpan(words.start_char, words.start_char + len(text), text)
    tokens = sorted(words, key=lambda t: t.i)
    while len(tokens) > 1 and tokens[0].is_punct:  # "— México": the dash is the dateline's
        tokens.pop(0)
    while len(tokens) > 1 and tokens[-1].is_punct:
        tokens.pop()
    first, last = tokens[0], tokens[-1]
    return text_span(first.doc[first.i:last.i + 1])


def because(words: Words, rule: str, cue: Token | str | None = None) -> Evidence:
    """The evidence that ``rule`` chose a value stated by ``words``, firing on ``cue``."""
    if isinstance(cue, Token):
        cue = cue.text
    return why.because(text_span(words), rule, cue)


__all__ = ["Words", "because", "text_span"]
