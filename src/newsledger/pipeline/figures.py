"""Figures that speak of a series rather than one event: running totals ("92 people
in total", "suman 55") and ordinals ("the third time", "el primer envío").

The event rules must not read a running total as the head count of one transfer, and
the claim rules report both kinds, so both read them from here.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from spacy.tokens import Span, Token

from newsledger import lang
from newsledger.pipeline.numbers import Figure, figure_at, ordinals
from newsledger.pipeline.roles import cue_set

_NUMBER = r"(?P<n>\d[\d,.]*\d|\d|[a-záéíóúñü]+(?:[- ]y[- ][a-záéíóúñü]+|-[a-z]+)?)"


@cache
def _cumulative_patterns(language: str) -> tuple[re.Pattern[str], ...]:
    patterns = lang.load(language, "cues").get("cumulative_patterns", [])
    return tuple(re.compile(p.replace("N", _NUMBER)) for p in patterns)


def cumulative_figures(sent: Span, language: str) -> list[Figure]:
    """Figures that a cue phrase marks as a running total."""
    text = sent.text.lower()
    found: dict[int, Figure] = {}
    for pattern in _cumulative_patterns(language):
        for match in pattern.finditer(text):
            start = sent.start_char + match.start("n")
            span = sent.doc.char_span(start, start + len(match.group("n")), alignment_mode="expand")
            if span is None:
                continue
            figure = figure_at(sent.doc, span.start, language)
            if figure is not None and figure.value > 1 and not _is_year(sent.doc[figure.start]):
                found[figure.start] = figure
    return sorted(found.values(), key=lambda f: f.start)


def _is_year(token: Token) -> bool:
    return token.text.isdigit() and len(token.text) == 4 and 1900 <= int(token.text) <= 2100


@dataclass(frozen=True)
class OrdinalMention:
    value: int
    token: Token          # the ordinal word
    anchor: Token         # the noun it counts ("time", "transfer", "envío") or itself


def ordinal_mentions(sent: Span, language: str) -> list[OrdinalMention]:
    """Ordinal words that count occurrences of an event, not positions in a list."""
    table = ordinals(language)
    occurrence = cue_set(language, "occurrence_nouns")
    found = []
    for token in sent:
        value = table.get(token.lower_)
        if value is None:
            continue
        head = token.head if token.dep_ in {"amod", "nummod", "det"} else token
        if head.i != token.i and head.pos_ not in {"NOUN", "PROPN"}:
            continue
        if head.i == token.i and token.pos_ not in {"NOUN", "PRON", "ADJ", "NUM", "PROPN"}:
            continue
        if head.i != token.i and head.lemma_.lower() in occurrence | {"vez"}:
            found.append(OrdinalMention(value, token, head))
        else:
            found.append(OrdinalMention(value, token, head))
    return found
