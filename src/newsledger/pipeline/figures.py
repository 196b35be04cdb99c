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
from newsledger.ontology import types_where
from newsledger.pipeline.doctext import span_text
from newsledger.pipeline.numbers import Figure, _scales, _words, figure_at, ordinals
from newsledger.pipeline.roles import cue_set
from newsledger.pipeline.tokenindex import NOUNS, TokenIndex, token_index
from newsledger.pipeline.triggers import rules

@cache
def _cumulative_patterns(language: str) -> tuple[tuple[re.Pattern[str], str], ...]:
    """The cue phrases with N standing for a figure in digits or in this language's words,
    each with the words it closes with (see ``closing_words``)."""
    numbers = lang.load(language, "numbers")
    words = sorted({str(w).lower() for table in ("units", "tens") for w in numbers[table]},
                   key=len, reverse=True)
    word = "|".join(re.escape(w) for w in words)
    scale = "|".join(re.escape(str(w).lower()) for w in numbers["scales"])
    number = (rf"(?P<n>\d[\d,.]*\d|\d|(?:un|una|a) (?:{scale})|"
              rf"(?:{word})(?:[- ](?:y[- ])?(?:{word}))?)\b")
    patterns = lang.load(language, "cues").get("cumulative_patterns", [])
    return tuple((re.compile(p.replace("N", number)), closing_words(p)) for p in patterns)


_CLOSING = re.compile(r"[a-záéíóúñ ]+$")


def closing_words(pattern: str) -> str:
    """The plain words every match of ``pattern`` ends with ("en total" of "N (?:\\w+ ){0,4}en
    total"), or "" where it ends otherwise. A pattern that opens with the figure tries the
    figure's long alternation at every position of the text; where its closing words do
    not occur in the text, it cannot match and need not run."""
    found = _CLOSING.search(pattern)
    if found is None or not found.group().strip() or pattern[:found.start()].endswith("\\"):
        return ""
    depth = 0
    for char in pattern[:found.start()]:  # a top-level "|" makes the closing words one branch's
        depth += char == "("
        depth -= char == ")"
        if char == "|" and depth == 0:
            return ""
    return found.group().strip()


@cache
def _cue_words(language: str) -> re.Pattern[str]:
    """The words of the running-total cues: a sentence with none of them needs no look."""
    words = {w for p in lang.load(language, "cues").get("cumulative_patterns", [])
             for w in re.findall(r"[a-záéíóúñ]{3,}", re.sub(r"\(\?:[^()]*\)\?", " ", p.replace("N", " ")))}
    return re.compile(r"\b(?:" + "|".join(sorted(map(re.escape, words))) + r")")


@cache
def _figure_words(language: str) -> frozenset[str]:
    """The words a figure above one needs (``figure_at``): a number word worth more than
    one, or a scale ("a dozen", "un millón", "uno mil")."""
    return frozenset({w for w, v in _words(language).items() if v > 1}
                     | {w for w, v in _scales(language).items() if v > 1})


_DIGIT = re.compile(r"\d")


def may_hold_figure(sent: Span, text: str, language: str) -> bool:
    """Whether a figure above one can start in ``sent`` (lower-cased ``text``): a digit, a
    hyphenated number word, or a word of ``_figure_words`` in it or just after it (the scale
    of "a dozen" may open the next sentence). Where none is, no running-total pattern can
    give a figure, and the patterns (each tries a long alternation of number words) need
    not run."""
    if _DIGIT.search(text) or "-" in text:
        return True
    doc = sent.doc
    after = doc[sent.start:min(sent.end + 1, len(doc))]
    return bool(token_index(doc).positions(after, "lower", _figure_words(language)))


def cumulative_figures(sent: Span, language: str) -> list[Figure]:
    """Figures that a cue phrase marks as a running total."""
    text = span_text(sent).lower()
    found: dict[int, Figure] = {}
    patterns = _cumulative_patterns(language) \
        if _cue_words(language).search(text) and may_hold_figure(sent, text, language) else ()
    for pattern, closing in patterns:
        if closing not in text:
            continue
        for match in pattern.finditer(text):
            start = sent.start_char + match.start("n")
            span = sent.doc.char_span(start, start + len(match.group("n")), alignment_mode="expand")
            if span is None:
                continue
            figure = figure_at(sent.doc, span.start, language)
            if figure is not None and figure.value > 1 and not _is_year(sent.doc[figure.start]) \
                    and not counts_occurrences(sent.doc[figure.start], language):
                found[figure.start] = figure
    for figure in series_totals(sent, language):
        found.setdefault(figure.start, figure)
    return sorted(found.values(), key=lambda f: f.start)


def counts_occurrences(figure: Token, language: str) -> bool:
    """"55 prisoners in two transfers", "si sumas los tres grupos": a figure that counts
    the rounds of a series is not its running total of people."""
    head = figure.head if figure.dep_ == "nummod" else figure
    return head.i != figure.i and head.lemma_.lower() in cue_set(language, "occurrence_nouns")


def is_series(noun: Token, language: str) -> bool:
    """"the two mass transfers", "ambos envíos": an event noun in the plural with a number
    names a series of events, not one."""
    return _series_at(token_index(noun.doc), noun.i, language)


def _series_at(index: TokenIndex, i: int, language: str) -> bool:
    """``is_series`` of the token at ``i``: its tag, lemma, number and children read off
    the Doc's token index (no Token object per child)."""
    if index.pos[i] not in NOUNS or not rules(language).get(index.lemma[i]):
        return False
    if index.morph(i, "Number") != ["Plur"] and index.doc[i].tag_ != "NNS":
        return False
    both = lang.grammar(language, "both_words")
    return any(index.dep[c] == "nummod" or index.lemma[c] in both for c in index.children(i))


# language -> (the rules and counted types it was read with, the lemmas of those rules
# whose types count people)
_COUNTED: dict[str, tuple[object, frozenset[str], frozenset[str]]] = {}


def _counted_lemmas(language: str) -> frozenset[str]:
    """The trigger lemmas with a rule of a type whose members have head counts, kept
    while the rules are the same object (tests re-read them) and the types the same."""
    rules_, counted = rules(language), types_where(counts_people=True)
    kept = _COUNTED.get(language)
    if kept is None or kept[0] is not rules_ or kept[1] != counted:
        lemmas = frozenset(lemma for lemma, found in rules_.items() if {r.type for r in found} & counted)
        kept = _COUNTED[language] = (rules_, counted, lemmas)
    return kept[2]


def series_totals(sent: Span, language: str) -> list[Figure]:
    """In a sentence about a series, a head count not tied to its own date is a total:
    "the two mass transfers …, in which it sent 55 …: 29 in February … and 26 in August"."""
    index = token_index(sent.doc)
    # A series whose members have head counts: is_series holds only for a noun whose
    # lemma names an event, so only the nouns of those types' lemmas are asked.
    if not any(_series_at(index, i, language) for i in index.positions(sent, "lemma", _counted_lemmas(language))):
        return []
    people = cue_set(language, "people_nouns")
    found = []
    for token in sent:
        if token.dep_ == "nummod" and token.head.lemma_.lower() in people:
            figure = figure_at(sent.doc, token.i, language)
            following = sent.doc[figure.end] if figure and figure.end < len(sent.doc) else None
            if figure and figure.value > 2 and not (following is not None and following.lower_ in lang.grammar(language, "period_prepositions")):
                found.append(figure)
    return found


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
    for token in token_index(sent.doc).with_lower(sent, table):
        value = table[token.lower_]
        head = token.head if token.dep_ in {"amod", "nummod", "det"} else token
        if head.i != token.i and head.pos_ not in {"NOUN", "PROPN"}:
            continue
        if head.i == token.i and token.pos_ not in {"NOUN", "PRON", "ADJ", "NUM", "PROPN"}:
            continue
        if head.i != token.i and head.lemma_.lower() in occurrence:
            found.append(OrdinalMention(value, token, head))
        else:
            found.append(OrdinalMention(value, token, head))
    return found
