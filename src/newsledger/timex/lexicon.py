"""The temporal vocabulary of one language, read from ``lang/<code>/timex.yaml``.

The YAML holds every word (month names, weekdays, direction words, number words…) and
the surface patterns that combine them; this module turns the word tables into lookups
and regular-expression alternations, and checks the file's shape once, so that a typo
in the data fails loudly with the file and key named instead of silently matching less.
"""
from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import Any

from newsledger import lang
from newsledger.errors import KnowledgeBaseError

# Word tables: key in the YAML -> what each entry maps to ("int", "str", "none" for a list).
TABLES: dict[str, str] = {
    "months": "int",
    "month_abbreviations": "int",
    "weekdays": "int",
    "weekday_abbreviations": "int",
    "day_words": "int",
    "relative_days": "int",
    "directions": "int",
    "anaphoric_directions": "int",
    "units": "str",
    "plural_units": "str",
    "quarter_ordinals": "int",
    "seasons": "str",
    "holidays": "str",
    "decade_words": "int",
    "year_centuries": "int",
    "year_thousands": "int",
    "number_units": "int",
    "number_teens": "int",
    "number_tens": "int",
    "number_phrases": "int",
    "ago_words": "int",
    "after_words": "int",
    "edges": "none",
    "day_parts": "none",
    "hedges": "none",
    "determiners": "none",
    "quarter_adjectives": "none",
    "latest_words": "none",
    "year_ago_words": "none",
    "span_prepositions": "none",
    "lead_words": "none",
    "capitalised_only": "none",
    "proper_name_risk": "none",
    "name_articles": "none",
    "ordinal_blockers": "none",
    "future_cues": "none",
    "past_cues": "none",
    "past_words": "none",
    "coordinators": "none",
}
UNITS = ("day", "week", "weekend", "month", "quarter", "year", "decade")
SEASON_CODES = ("SP", "SU", "FA", "WI")
CONVENTIONS = ("news", "timeml")
# Kind of unmarked expression -> the readings a convention may choose for it.
MODES = {
    "weekday": ("on_or_before", "nearest", "same_week"),
    "day_month": ("on_or_before", "nearest"),
    "month": ("on_or_before", "nearest"),
    "day_of_month": ("on_or_before", "same_month"),
}
HOLIDAY = re.compile(r"^(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$")


@lru_cache(maxsize=65536)
def fold(word: str) -> str:
    """Lower-case, accent-free, single-spaced: the key every lookup goes through.

    Spanish news is not always accented ("proximo", "miercoles") and hyphens vary
    ("mid-November", "mid November"), so keys and matched text meet in this form.
    """
    decomposed = unicodedata.normalize("NFD", word.lower().replace("’", "'"))
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return re.sub(r"[\s\-]+", " ", plain).strip().rstrip(".").strip()


SEPARATOR = r"[\s\-]+"


def _atoms(word: str) -> list[str]:
    atoms: list[str] = []
    for char in word.strip():
        if char in " -\t\n":
            if atoms and atoms[-1] != SEPARATOR:
                atoms.append(SEPARATOR)
        else:
            atoms.append("['’]" if char == "'" else re.escape(char))
    return atoms


def _emit(node: dict[str, Any]) -> str:
    ends = "" in node
    branches = [atom + _emit(child) for atom, child in node.items() if atom != ""]
    if not branches:
        return ""
    if len(branches) == 1 and not ends:
        return branches[0]
    return "(?:" + "|".join(branches) + ")" + ("?" if ends else "")


def alternation(words: Iterable[str], optional_dot: bool = False) -> str:
    """A regex matching any of the words, accented or not, as a prefix tree.

    The tree keeps matching cheap however long the word lists grow (each position
    of a text tries one branch per first letter, not one per word) and, being greedy,
    prefers the longest word: "sept" over "sep", "this coming" over "this".
    """
    trie: dict[str, Any] = {}
    for word in words:
        for variant in {word.lower().replace("’", "'"), fold(word)}:
            if not variant.strip():
                continue
            node = trie
            for atom in _atoms(variant):
                node = node.setdefault(atom, {})
            node[""] = {}
    if not trie:
        return "(?!)"
    return "(?:" + _emit(trie) + (r"\.?" if optional_dot else "") + ")"


@dataclass(frozen=True)
class Pattern:
    """One surface form of the language and the rule that interprets it."""

    rule: str
    template: str
    in_text: bool


@dataclass(frozen=True)
class Convention:
    """How unmarked expressions are read: a mode per kind, and how far ahead is "soon".

    ``news`` is the spec's convention (the latest such day or month not after the
    anchor) that resolve() and find() follow; ``timeml`` is how the TimeBank-style
    evaluation sets are annotated, where a yearless date shortly ahead is the coming one.
    """

    modes: dict[str, str]
    soon_days: int
    soon_months: int


@dataclass(frozen=True)
class Lexicon:
    """The parsed timex.yaml of one language (treat as read-only)."""

    language: str
    tables: dict[str, dict[str, Any]]
    surface: dict[str, tuple[str, ...]]  # the words as written, for building regexes
    day_suffixes: tuple[str, ...]
    number_joiners: tuple[str, ...]
    conventions: dict[str, Convention]
    ago_week_precision: str
    future_suffixes: tuple[str, ...]
    past_suffixes: tuple[str, ...]
    patterns: tuple[Pattern, ...]


def _fail(language: str, message: str) -> KnowledgeBaseError:
    return KnowledgeBaseError(f"{lang.path_of(language, 'timex')}: {message}")


def _table(language: str, raw: dict[str, Any], key: str, kind: str) -> dict[str, Any]:
    if key not in raw:
        raise _fail(language, f"missing key {key!r}")
    value = raw[key] or ({} if kind != "none" else [])
    if kind == "none":
        if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
            raise _fail(language, f"{key!r} must be a list of words")
        return {fold(v): None for v in value}
    if not isinstance(value, dict):
        raise _fail(language, f"{key!r} must map words to values")
    table: dict[str, Any] = {}
    for word, target in value.items():
        expected = int if kind == "int" else str
        if not isinstance(word, str) or not isinstance(target, expected) or isinstance(target, bool):
            raise _fail(language, f"{key}: entry {word!r}: {target!r} is not a {expected.__name__}")
        table[fold(word)] = target
    return table


def _check(language: str, tables: dict[str, dict[str, Any]]) -> None:
    """Value ranges that the resolver relies on."""
    ranges = {"months": (1, 12), "month_abbreviations": (1, 12), "weekdays": (0, 6),
              "weekday_abbreviations": (0, 6), "day_words": (1, 31), "quarter_ordinals": (1, 4),
              "directions": (-1, 1), "anaphoric_directions": (-1, 1), "ago_words": (-1, 1),
              "after_words": (-1, 1),
              "number_units": (0, 9), "number_teens": (10, 29), "number_tens": (20, 90),
              "decade_words": (0, 90), "year_centuries": (10, 21), "year_thousands": (1000, 2000)}
    for key, (low, high) in ranges.items():
        for word, value in tables[key].items():
            if not low <= value <= high:
                raise _fail(language, f"{key}: {word!r} -> {value} is outside {low}..{high}")
    if sorted(set(tables["months"].values())) != list(range(1, 13)):
        raise _fail(language, "months must name all twelve months")
    if sorted(set(tables["weekdays"].values())) != list(range(7)):
        raise _fail(language, "weekdays must name all seven days (0 = Monday)")
    for key in ("units", "plural_units"):
        for word, unit in tables[key].items():
            if unit not in UNITS:
                raise _fail(language, f"{key}: {word!r} -> {unit!r} is not one of {', '.join(UNITS)}")
    for word, code in tables["seasons"].items():
        if code not in SEASON_CODES:
            raise _fail(language, f"seasons: {word!r} -> {code!r} is not one of {', '.join(SEASON_CODES)}")
    for word, day in tables["holidays"].items():
        if not HOLIDAY.match(day):
            raise _fail(language, f"holidays: {word!r} -> {day!r} is not MM-DD")


def _convention(language: str, name: str, raw: Any) -> Convention:
    if not isinstance(raw, dict):
        raise _fail(language, f"conventions.{name} must be a mapping")
    for kind, allowed in MODES.items():
        if raw.get(kind) not in allowed:
            raise _fail(language, f"conventions.{name}.{kind} must be one of {', '.join(allowed)}")
    limits = {"soon_days": 366, "soon_months": 11}
    for key, most in limits.items():
        number = raw.get(key, 0)
        if not isinstance(number, int) or isinstance(number, bool) or not 0 <= number <= most:
            raise _fail(language, f"conventions.{name}.{key} must be a whole number from 0 to {most}")
    return Convention({kind: raw[kind] for kind in MODES}, raw.get("soon_days", 0),
                      raw.get("soon_months", 0))


@cache
def lexicon(language: str) -> Lexicon:
    """The checked vocabulary of ``language``; cached for the life of the process."""
    raw = lang.load(language, "timex")
    if not isinstance(raw, dict):
        raise _fail(language, "top level must be a mapping")
    tables = {key: _table(language, raw, key, kind) for key, kind in TABLES.items()}
    surface = {key: tuple(str(word) for word in (raw[key] or ())) for key in TABLES}
    _check(language, tables)
    conventions = raw.get("conventions")
    if not isinstance(conventions, dict) or set(conventions) != set(CONVENTIONS):
        raise _fail(language, f"'conventions' must define exactly {', '.join(CONVENTIONS)}")
    read = {name: _convention(language, name, conventions[name]) for name in CONVENTIONS}
    week_precision = raw.get("ago_week_precision", "week")
    if week_precision not in ("day", "week"):
        raise _fail(language, "ago_week_precision must be 'day' or 'week'")
    patterns = []
    for index, entry in enumerate(raw.get("patterns") or []):
        if not isinstance(entry, dict) or not isinstance(entry.get("rule"), str) \
                or not isinstance(entry.get("match"), str):
            raise _fail(language, f"patterns[{index}] needs 'rule' and 'match' strings")
        patterns.append(Pattern(entry["rule"], entry["match"], bool(entry.get("in_text", True))))
    if not patterns:
        raise _fail(language, "missing key 'patterns'")
    suffixes = tuple(str(s) for s in raw.get("day_suffixes") or ())
    past_suffixes = tuple(str(s).lower() for s in raw.get("past_suffixes") or ())
    future_suffixes = tuple(str(s).lower() for s in raw.get("future_suffixes") or ())
    joiners = tuple(str(j) for j in raw.get("number_joiners") or ())
    if not joiners:
        raise _fail(language, "missing key 'number_joiners'")
    return Lexicon(language, tables, surface, suffixes, joiners, read, week_precision,
                   future_suffixes, past_suffixes, tuple(patterns))
