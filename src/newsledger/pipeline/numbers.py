"""Reading figures written in digits or in words ("37", "3,000", "twenty-six",
"treinta y siete", "3 mil", "un centenar"), with the words from ``lang/<code>/numbers.yaml``.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from spacy.tokens import Doc

from newsledger import lang
from newsledger.pipeline.tokenindex import token_index

_DIGITS = re.compile(r"^\d{1,3}(?:[,.]\d{3})+$|^\d+$")


@dataclass(frozen=True)
class Figure:
    """A number found in a Doc: its value and the token range [start, end)."""

    value: int
    start: int
    end: int


@cache
def _words(language: str) -> dict[str, int]:
    data = lang.load(language, "numbers")
    words: dict[str, int] = {}
    for table in ("units", "tens"):
        words.update({str(k).lower(): int(v) for k, v in data[table].items()})
    return words


@cache
def _scales(language: str) -> dict[str, int]:
    return {str(k).lower(): int(v) for k, v in lang.load(language, "numbers")["scales"].items()}


@cache
def _joiners(language: str) -> frozenset[str]:
    """The words that join a figure's parts ("treinta y siete"), read once, not per figure."""
    return frozenset(lang.load(language, "numbers").get("joiners", []))


@cache
def ordinals(language: str) -> dict[str, int]:
    """Ordinal words and their values (read only: the table is shared)."""
    return {str(k).lower(): int(v) for k, v in lang.load(language, "numbers")["ordinals"].items()}


def word_value(text: str, language: str) -> int | None:
    """The value of one written number ("twenty-six", "veintiséis", "37"), else None."""
    text = text.lower().strip()
    if _DIGITS.match(text):
        return int(re.sub(r"[,.]", "", text))
    words = _words(language)
    if text in words:
        return words[text]
    if "-" in text:
        parts = text.split("-")
        if all(p in words for p in parts):
            return sum(words[p] for p in parts)
    return None


def figure_at(doc: Doc, i: int, language: str) -> Figure | None:
    """The figure that starts at token ``i``, reading on over "y"/"and"/scales."""
    scales = _scales(language)
    joiners = _joiners(language)
    token = doc[i]
    value = word_value(token.text, language)
    start = i
    if value is None:
        # "a hundred", "un centenar", "a dozen"
        if token.lower_ in lang.grammar(language, "indefinite_articles") and i + 1 < len(doc) and doc[i + 1].lower_ in scales:
            return Figure(scales[doc[i + 1].lower_], i, i + 2)
        return None
    end = i + 1
    while end < len(doc):
        word = doc[end].lower_
        if word in joiners and end + 1 < len(doc) and word_value(doc[end + 1].text, language) is not None \
                and value >= 20 and value % 10 == 0 and not _DIGITS.match(doc[end + 1].text):
            value += word_value(doc[end + 1].text, language) or 0
            end += 2
        elif word in scales and scales[word] >= 100:
            value *= scales[word]
            end += 1
        else:
            break
    return Figure(value, start, end)


def figures(doc: Doc, start: int, end: int, language: str) -> list[Figure]:
    """Every figure in tokens [start, end), longest reading first, not overlapping."""
    found: list[Figure] = []
    i = start
    while i < end:
        token = doc[i]
        if token.like_num or token.lower_ in lang.grammar(language, "indefinite_articles"):
            figure = figure_at(doc, i, language)
            if figure is not None:
                found.append(figure)
                i = figure.end
                continue
        i += 1
    return found


@cache
def _approximations(language: str) -> tuple[tuple[tuple[str, ...], str], ...]:
    table = lang.load(language, "numbers").get("approximate", {})
    cues = [(tuple(str(cue).lower().split()), str(kind)) for cue, kind in table.items()]
    return tuple(sorted(cues, key=lambda c: -len(c[0])))


def approximation(doc: Doc, start: int, language: str) -> str | None:
    """How a cue before the figure at ``start`` bends it ("nearly", "más de", "at least"):
    ``below``, ``above``, ``around``, ``at_least``, ``at_most``, or None when exact."""
    lower = token_index(doc).lower  # not a Token object per word and cue
    for words, kind in _approximations(language):
        begin = start - len(words)
        if begin >= 0 and tuple(lower[begin:start]) == words:
            return kind
    return None


def value_range(value: int, kind: str | None) -> tuple[int | None, int | None]:
    """The figures an approximate statement allows: "nearly 100" is 90 to 99."""
    if kind is None:
        return value, value
    spread = max(1, round(value * 0.1))
    return {
        "below": (value - spread, value - 1),
        "above": (value + 1, value + spread),
        "around": (value - spread, value + spread),
        "at_least": (value, None),
        "at_most": (None, value),
    }.get(kind, (value, value))
