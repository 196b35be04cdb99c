"""Finding every date expression in running text and resolving it in reading order.

Only patterns marked ``in_text`` in the language file are searched for: bare numbers and
loose anaphora ("el 5", "the day", "then") resolve when handed over as an expression but
would flood running text with false hits. Overlapping candidates are settled longest
first, and the matches are then resolved left to right so that anaphora and bare day
numbers see the date mentioned before them.
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from datetime import date
from functools import cache, partial
from typing import Any

from newsledger.model import DateValue
from newsledger.timex.grammar import Compiled, fields_of, grammar, lowered_view
from newsledger.timex.interpret import Context, Focus, interpret
from newsledger.timex.lexicon import Lexicon, alternation, fold

SENTENCE_END = re.compile(r"[.!?;\n](?=\s)|\n")
WORD = re.compile(r"[\w’']+")
LEAN_WINDOW = 5  # words before a date (in its clause) in which a future cue counts


@dataclass(frozen=True)
class TimexMatch:
    """A date expression found in a text: ``text == document[start:end]``."""

    start: int
    end: int
    text: str
    date: DateValue


@dataclass(frozen=True)
class _Cues:
    """The regexes and word sets find() needs besides the patterns, built once per language."""

    coordinator: re.Pattern[str]
    preposition: re.Pattern[str]
    function_words: frozenset[str]


@cache
def _cues(language: str) -> _Cues:
    lex = grammar(language).lexicon
    coordinator = re.compile(rf"(?<![\w])(?:{alternation(lex.surface['coordinators'])})(?![\w])",
                             re.IGNORECASE)
    preposition = re.compile(rf"(?<![\w])(?:{alternation(lex.surface['span_prepositions'])})\s+$",
                             re.IGNORECASE)
    function_words = frozenset(lex.tables["lead_words"]) | frozenset(lex.tables["determiners"])
    return _Cues(coordinator, preposition, function_words)


@dataclass(frozen=True)
class _Candidate:
    start: int
    end: int
    order: int
    rule: str
    fields: dict[str, Any]


def find(text: str, anchor: date, language: str) -> list[TimexMatch]:
    """Every date expression of ``text`` resolved against ``anchor``, in order, non-overlapping."""
    gram = grammar(language)
    lex = gram.lexicon
    candidates = []
    lowered = lowered_view(text)
    present = gram.present(text, lowered)
    for order, pattern in enumerate(gram.patterns):
        if not pattern.in_text or not pattern.may_match(present, lowered):
            continue
        for match in pattern.finditer(text, lowered):
            if match.end() > match.start() and _plausible(text, match, pattern, lex, anchor):
                fields = fields_of(lex, pattern, match, anchor)
                if fields is not None:
                    candidates.append(_Candidate(match.start(), match.end(), order, pattern.rule, fields))
    focus = Focus()
    found: list[TimexMatch] = []
    for candidate in _share_years(text, _select(candidates), lex):
        ctx = Context(anchor, lex, focus,
                      read_lean=partial(_lean, text, candidate.start, candidate.end, lex))
        value = interpret(candidate.rule, candidate.fields, ctx)
        if value is None or not value.known:
            continue
        focus.update(candidate.rule, value)
        start = _with_preposition(text, candidate.start, found[-1].end if found else 0, lex)
        found.append(TimexMatch(start, candidate.end, text[start:candidate.end], value))
    return found


def _select(candidates: list[_Candidate]) -> list[_Candidate]:
    """Longest first, then earliest, then the language file's order; no overlaps."""
    starts: list[int] = []  # the chosen spans, kept sorted and disjoint
    chosen: list[_Candidate] = []
    for candidate in sorted(candidates, key=lambda c: (c.start - c.end, c.start, c.order)):
        at = bisect.bisect_right(starts, candidate.start)
        if at > 0 and chosen[at - 1].end > candidate.start:
            continue
        if at < len(chosen) and chosen[at].start < candidate.end:
            continue
        starts.insert(at, candidate.start)
        chosen.insert(at, candidate)
    return chosen


YEAR_FIELDS = ("year", "ydir")


def _share_years(text: str, chosen: list[_Candidate], lex: Lexicon) -> list[_Candidate]:
    """"29 in February and 26 in August of last year": the year qualifies both months."""
    shared = list(chosen)
    coordinator = _cues(lex.language).coordinator
    for index in range(len(shared) - 2, -1, -1):
        first, second = shared[index], shared[index + 1]
        if first.rule != "month" or any(k in first.fields for k in (*YEAR_FIELDS, "dir", "dir2")):
            continue
        if second.rule not in ("month", "day") or not any(k in second.fields for k in YEAR_FIELDS):
            continue
        gap = text[first.end:second.start]
        if len(gap) > 40 or SENTENCE_END.search(gap) or not coordinator.search(gap):
            continue
        fields = dict(first.fields)
        fields.update({k: second.fields[k] for k in YEAR_FIELDS if k in second.fields})
        shared[index] = _Candidate(first.start, first.end, first.order, first.rule, fields)
    return shared


def _plausible(text: str, match: re.Match[str], pattern: Compiled, lex: Lexicon, anchor: date) -> bool:
    """Reject the readings that only look like dates in running text."""
    for name, value in match.groupdict().items():
        if value is None:
            continue
        cls = pattern.classes.get(name)
        key = fold(value)
        if cls in ("month", "monthname") and key in lex.tables["capitalised_only"] and value[0].islower():
            return False  # "may", "march" as verb or noun
        if key in lex.tables["proper_name_risk"] and value[0].isupper() and match.start(name) == match.start():
            if _beside_name(text, match.start(), match.end(), lex):
                return False  # "Theresa May", "Santo Domingo", "Domingo Pérez"
        if key in lex.tables["proper_name_risk"] and value[0].isupper() and _alias(text, match.start(name), lex):
            return False  # "Ismael «El Mayo» Zambada", "El Mayo declaró"
    if pattern.rule == "day_of_month":
        after = WORD.findall(text[match.end():match.end() + 30])
        if after and fold(after[0]) in lex.tables["ordinal_blockers"]:
            return False  # "the 20th century"
    year_text = match.groupdict().get("year")
    if year_text and match.start("year") == match.start() and any(
            fold(year_text).startswith(word) for word in lex.tables["year_thousands"]):
        return False  # "two thousand people"; "the year two thousand" is kept
    if pattern.rule == "year" and match.group(0).isdigit():
        year = int(match.group(0))
        if not 1800 <= year <= anchor.year + 30:
            return False
    return True


QUOTES = "«“\"'‘"
NEIGHBOUR_BEFORE = re.compile(r"([\w’']+)[ \t]+$")
NEIGHBOUR_AFTER = re.compile(r"^[ \t]+([\w’']+)")


def _alias(text: str, start: int, lex: Lexicon) -> bool:
    """A capitalised article right before the word ("El Mayo"), or a quote mark opening
    it, makes it a name: a month after an article is written in lower case."""
    before = NEIGHBOUR_BEFORE.search(text[max(0, start - 40):start])
    article = before.group(1).lstrip("’'") if before else ""
    if article[:1].isupper() and fold(article) in lex.tables["name_articles"]:
        return True
    return start > 0 and text[start - 1] in QUOTES


def _beside_name(text: str, start: int, end: int, lex: Lexicon) -> bool:
    """Whether a capitalised word touches the span, unless a preposition introduces it."""
    before = NEIGHBOUR_BEFORE.search(text[max(0, start - 40):start])
    if before and fold(before.group(1)) in _cues(lex.language).function_words:
        return False  # "in May", "since April"
    after = NEIGHBOUR_AFTER.search(text[end:end + 40])
    return any(found and found.group(1)[0].isupper() for found in (before, after))


def _lean(text: str, start: int, end: int, lex: Lexicon) -> str | None:
    """Which way the words around a date look: "future", "past" or None (no sign).

    A future cue just before the date wins ("will take effect Tuesday"); otherwise
    "since February" or a past-tense verb anywhere in the sentence ("Mexico sent 29
    in February") marks it as past. Without either, the language's conventions apply.
    """
    before = text[max(0, start - 200):start]
    ends = list(SENTENCE_END.finditer(before))
    if ends:
        before = before[ends[-1].end():]
    clause = before.rsplit(",", 1)[-1]
    near = WORD.findall(clause)[-LEAN_WINDOW:]
    for word in near:
        lowered = word.lower()
        if fold(lowered) in lex.tables["future_cues"] or _ends_with(lowered, lex.future_suffixes):
            return "future"
    words = WORD.findall(before)
    if words and fold(words[-1]) in lex.tables["past_cues"]:
        return "past"
    if _any_past(words, lex):
        return "past"
    after = text[end:end + 200]  # read only when the words before say nothing
    stop = SENTENCE_END.search(after)
    if stop:
        after = after[:stop.start()]
    return "past" if _any_past(WORD.findall(after), lex) else None


def _any_past(words: list[str], lex: Lexicon) -> bool:
    """Whether a word is a past marker or, in lower case, ends like a past-tense verb."""
    past_words, suffixes = lex.tables["past_words"], lex.past_suffixes
    for word in words:
        lowered = word.lower()
        if fold(lowered) in past_words or (word[0].islower() and _ends_with(lowered, suffixes)):
            return True
    return False


def _ends_with(word: str, suffixes: tuple[str, ...]) -> bool:
    return len(word) > 4 and word.endswith(suffixes)  # str.endswith tries each of a tuple


def _with_preposition(text: str, start: int, floor: int, lex: Lexicon) -> int:
    """Start the span at a preceding "in"/"en": "in 1985" is how the text states the year."""
    match = _cues(lex.language).preposition.search(text, max(floor, start - 20), start)
    return match.start() if match else start
