"""Compiling the surface patterns of ``timex.yaml`` and reading the values they capture.

A pattern is a regular expression with placeholders: ``<month>`` becomes a named group
matching every month name of the language, ``<dir:ydir>`` a group named ``ydir`` matching
the direction words, a space any run of white space and ``~`` an optional space or hyphen
("mid-November", "third quarter"). Keeping the grammar in the language file means a new
phrasing is a data change; this module only knows how to expand and read it.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from functools import cache
from typing import Any

from newsledger.errors import KnowledgeBaseError
from newsledger.lang import path_of
from newsledger.timex.interpret import RULES
from newsledger.timex.lexicon import Lexicon, alternation, fold, lexicon
from newsledger.timex.lowered import (  # noqa: F401  # re-exported: find, resolve and the tests import them here
    EDGE, LEFT_EDGE, UNLOWERABLE, Compiled, Probe, case_sensitive as _case_sensitive, edge_matches, lowered_view,
)
from newsledger.timex.window import Window, anchors_of, window, word_group_of

# Placeholder class -> word table it draws on (the value is looked up in that table).
TABLE_CLASSES = {
    "reld": "relative_days", "dir": "directions", "adir": "anaphoric_directions",
    "unit": "units", "qord": "quarter_ordinals", "season": "seasons", "holiday": "holidays",
    "ago": "ago_words", "after": "after_words", "edge": "edges", "daypart": "day_parts", "hedge": "hedges",
    "det": "determiners", "qadj": "quarter_adjectives",
    "latest": "latest_words", "yago": "year_ago_words",
}
# Classes computed from several tables or from digits.
SPECIAL_CLASSES = ("month", "monthname", "weekday", "day", "dayord", "year", "num", "decade", "decnum",
                   "units")
DEFAULT_GROUP = {"monthname": "month", "dayord": "day", "decnum": "decade", "units": "unit"}
PLACEHOLDER = re.compile(r"(?<!\?P)<(\w+)(?::(\w+))?>")
DIGIT_YEAR = re.compile(r"^[1l]\d{3}$|^20\d{2}$")
SHORT_YEAR = re.compile(r"^['’](\d{2})$")
RIGHT_EDGE = r"(?![\w%]|[.,:/]\d)"
# A template that must begin with a word, a choice of words or a named group: its
# pattern is searched for before its edge (see edge_matches).
LITERAL_START = re.compile(r"[^\W_]|\(\?P<\w+>|\(\?:[^()<>?]*\)(?![?*{])")
# Classes made only of words: their regex starts with a letter, see Probe.words_first.
WORD_CLASSES = frozenset(TABLE_CLASSES) | {"units", "monthname", "month", "weekday"}

# An escape, character class, placeholder, group opening or closing, word or other character.
TEMPLATE_TOKEN = re.compile(r"\\.|\[\^?\]?(?:\\.|[^\]\\])*\]|<\w+(?::\w+)?>|\(\?P<\w+>|\((?:\?[:=!<]*)?|\)"
                            r"|[^\W\d_]+|.", re.DOTALL)


def required_words(template: str) -> tuple[str, ...]:
    """The words written in a template that every match contains.

    Those outside any group, or inside named groups that are neither optional nor a
    choice: "día" in "(?:<det> )?día <day>", "atrás" in "<units> (?P<ago>atrás)". A word
    followed by a quantifier ("del?") or in a template that is a choice at its top is
    left out, as is any word inside another kind of group.
    """
    tokens = TEMPLATE_TOKEN.findall(template)
    open_groups: list[int] = []  # index of each open group's token
    plain: set[int] = {-1}  # groups (by opening token; -1 the template) that every match passes through
    candidates: list[tuple[str, tuple[int, ...]]] = []
    choices: set[int] = set()
    for index, token in enumerate(tokens):
        following = tokens[index + 1] if index + 1 < len(tokens) else ""
        if token.startswith("("):
            open_groups.append(index)
        elif token == ")":
            opened = open_groups.pop()
            if tokens[opened].startswith("(?P<") and following[:1] not in ("?", "*", "{", "+"):
                plain.add(opened)
        elif token == "|":
            choices.add(open_groups[-1] if open_groups else -1)
        elif token[0].isalpha() and following[:1] not in ("?", "*", "{"):
            candidates.append((token, (-1, *open_groups)))
    return tuple(dict.fromkeys(word for word, groups in candidates
                               if all(group in plain and group not in choices for group in groups)))


def required_classes(template: str) -> tuple[str, ...]:
    """The placeholders outside any group: a text without one of them cannot match.

    find() uses this to skip, say, the season pattern in a text with no season word.
    """
    plain = re.sub(r"\\.", "x", template)
    depth, found = 0, []
    for token in re.finditer(r"\(|\)|(?<!\?P)<(\w+)(?::\w+)?>", plain):
        if token.group(0) == "(":
            depth += 1
        elif token.group(0) == ")":
            depth -= 1
        elif depth == 0:
            found.append(token.group(1))
    return tuple(dict.fromkeys(found))


@dataclass(frozen=True)
class Grammar:
    lexicon: Lexicon
    patterns: tuple[Compiled, ...]
    probes: dict[str, Probe]  # class -> whether any of its words occurs

    def present(self, text: str, lowered: str | None = None) -> set[str]:
        """The placeholder classes that occur somewhere in ``text`` (``lowered`` is its lowered_view())."""
        return {cls for cls, probe in self.probes.items() if probe.occurs(text, lowered)}


def _joiner(lex: Lexicon) -> str:
    parts = [r"\s+" if not j.strip() else r"\s*" + re.escape(j.strip()) + r"\s*" for j in lex.number_joiners]
    return "(?:" + "|".join(parts) + ")"


def _below_hundred(lex: Lexicon) -> str:
    units = alternation(lex.surface['number_units'])
    return (f"(?:{alternation(lex.surface['number_tens'])}(?:{_joiner(lex)}{units})?"
            f"|{alternation(lex.surface['number_teens'])}|{units})")


def _class_regex(lex: Lexicon, cls: str) -> str:
    tables = lex.tables
    suffixes = "|".join(re.escape(s) for s in lex.day_suffixes)
    number = r"(?:3[01]|[12]\d|0?[1-9])"
    if cls in TABLE_CLASSES:
        return alternation(lex.surface[TABLE_CLASSES[cls]])
    if cls == "units":
        return alternation(lex.surface['units'] + lex.surface['plural_units'])
    if cls == "monthname":
        return alternation(lex.surface['months'])
    if cls == "month":
        return f"(?:{alternation(lex.surface['months'])}|{alternation(lex.surface['month_abbreviations'], True)})"
    if cls == "weekday":
        abbreviations = alternation(lex.surface['weekday_abbreviations'])
        return f"(?:{alternation(lex.surface['weekdays'])}|{abbreviations}\\.)"
    if cls == "day":
        tail = f"(?:{suffixes})?" if suffixes else ""
        return f"(?:{number}{tail}(?!\\d)|{alternation(lex.surface['day_words'])})"
    if cls == "dayord":
        if not suffixes:
            return f"(?:{number}(?!\\d))"
        return f"(?:{number}(?:{suffixes}))"
    if cls == "year":
        spelled = []
        below = _below_hundred(lex)
        if tables["year_centuries"]:
            # "nineteen ninety-six", "twenty twenty-five"; not "twenty-six", a number.
            tens = (f"(?:{alternation(lex.surface['number_tens'])}(?:{_joiner(lex)}"
                    f"{alternation(lex.surface['number_units'])})?|{alternation(lex.surface['number_teens'])})")
            spelled.append(f"{alternation(lex.surface['year_centuries'])}[\\s-]+{tens}")
        if tables["year_thousands"]:
            spelled.append(f"{alternation(lex.surface['year_thousands'])}(?:\\s+(?:and\\s+)?{below})?")
        return "(?:" + "|".join([r"(?:1\d{3}|20\d{2}|l\d{3})(?!\d)", r"['’]\d{2}(?!\d)", *spelled]) + ")"
    if cls == "num":
        return (f"(?:\\d{{1,3}}(?![\\d,.]\\d)|{alternation(lex.surface['number_phrases'])}"
                f"|{_below_hundred(lex)})")
    if cls == "decade":
        return r"(?:(?:1[5-9]|20)\d0['’]?s|['’]?\d0['’]?s|" + alternation(lex.surface['decade_words']) + ")"
    if cls == "decnum":
        return r"(?:(?:(?:1[5-9]|20)\d0|\d0)(?!\d)|" + alternation(lex.surface['decade_words']) + ")"
    raise KeyError(cls)


def _expand(lex: Lexicon, template: str) -> tuple[str, dict[str, str]]:
    classes: dict[str, str] = {}
    body = template.strip().replace("~", r"[\s\-]*").replace(" ", r"\s+")

    def replace(match: re.Match[str]) -> str:
        cls = match.group(1)
        name = match.group(2) or DEFAULT_GROUP.get(cls, cls)
        if cls not in TABLE_CLASSES and cls not in SPECIAL_CLASSES:
            raise KnowledgeBaseError(f"{path_of(lex.language, 'timex')}: unknown placeholder <{cls}> "
                                     f"in pattern {template!r}")
        classes[name] = cls
        return f"(?P<{name}>{_class_regex(lex, cls)})"

    return PLACEHOLDER.sub(replace, body), classes


@cache
def grammar(language: str) -> Grammar:
    """The compiled patterns of ``language``, built once per process."""
    lex = lexicon(language)
    compiled = []
    for pattern in lex.patterns:
        if pattern.rule not in RULES:
            raise KnowledgeBaseError(f"{path_of(language, 'timex')}: pattern {pattern.template!r} names "
                                     f"unknown rule {pattern.rule!r} (known: {', '.join(sorted(RULES))})")
        body, classes = _expand(lex, pattern.template)
        try:
            regex = re.compile(f"{LEFT_EDGE}(?:{body}){RIGHT_EDGE}", re.IGNORECASE)
        except re.error as error:
            raise KnowledgeBaseError(f"{path_of(language, 'timex')}: pattern {pattern.template!r} "
                                     f"does not compile ({error})") from error
        for name in regex.groupindex:
            if name not in classes:
                base = re.sub(r"\d+$", "", name)
                classes[name] = base if base in TABLE_CLASSES or base in SPECIAL_CLASSES else "raw"
        lowered = _case_sensitive(regex)
        words_first = lowered is not None and LITERAL_START.match(pattern.template) is not None
        if lowered is not None and words_first:
            lowered = re.compile(lowered.pattern.removeprefix(LEFT_EDGE), lowered.flags)
        found = None if lowered is None or words_first else _window(lex, pattern.template, lowered)
        compiled.append(Compiled(pattern.rule, regex, pattern.in_text, classes, required_classes(pattern.template),
                                 lowered, words_first, required_words(pattern.template), found))
    needed = {cls for item in compiled if item.in_text for cls in item.required}
    return Grammar(lex, tuple(compiled), {cls: _probe(lex, cls) for cls in needed})


def _window(lex: Lexicon, template: str, lowered: re.Pattern[str]) -> Window | None:
    """Where to try ``lowered`` (a pattern's case-sensitive regex): before its anchor, the
    first placeholder outside any group that stands for words or a year (see timex/window.py),
    else a named group of plain words ("(?P<unit>fin de semana)").
    Other numbers make poor anchors (a text holds many that are no date), and so do month
    abbreviations, which begin many words ("mar", "jun"): trying the pattern before each
    cost more than the scan it saves. A four-digit year is rare enough when the anchor is
    checked for a word start, which it is wherever a space always precedes it: that check
    made every anchor cheaper (timed on 100 ES and EN articles)."""
    template = template.strip()
    chosen = next(((offset, cls) for offset, cls in anchors_of(template)
                   if (cls in WORD_CLASSES and cls != "month") or cls == "year"), None)
    if chosen is not None:
        offset, cls = chosen
        # The probe's own source (see _probe): re.compile's cache then builds each class once.
        source = f"(?:{_class_regex(lex, cls)})"
    elif (group := word_group_of(template)) is not None:
        (offset, words_text), cls = group, ""
        source = words_text.replace(" ", r"\s+")
    else:
        return None
    words = _case_sensitive(re.compile(source, re.IGNORECASE))
    if words is None:
        return None
    prefix, _ = _expand(lex, template[:offset])
    if template[:offset].endswith(" "):
        prefix += r"\s+"  # _expand strips the template it is given; the regex has this space
    found = window(prefix, lowered.pattern, words, LEFT_EDGE, edged=True)
    if found is None and cls != "year":
        found = window(prefix, lowered.pattern, words, LEFT_EDGE)
    return found


def _probe(lex: Lexicon, cls: str) -> Probe:
    regex = re.compile(f"{LEFT_EDGE}(?:{_class_regex(lex, cls)})", re.IGNORECASE)
    if cls in WORD_CLASSES:
        words = _case_sensitive(re.compile(f"(?:{_class_regex(lex, cls)})", re.IGNORECASE))
        if words is not None:
            return Probe(regex, words, words_first=True)
    return Probe(regex, _case_sensitive(regex))


def parse_below_hundred(lex: Lexicon, text: str) -> int | None:
    """The value of a number written in words up to 99 ("twenty-five", "treinta y uno")."""
    key = fold(text)
    for table in ("number_phrases", "number_units", "number_teens", "number_tens"):
        if key in lex.tables[table]:
            return int(lex.tables[table][key])
    joiners = {fold(j) for j in lex.number_joiners} - {""}
    tokens = [t for t in key.split() if t not in joiners]
    if len(tokens) == 2 and tokens[0] in lex.tables["number_tens"] and tokens[1] in lex.tables["number_units"]:
        return int(lex.tables["number_tens"][tokens[0]] + lex.tables["number_units"][tokens[1]])
    return None


def parse_year(lex: Lexicon, text: str, anchor: date) -> int | None:
    raw = text.strip()
    if DIGIT_YEAR.match(raw):
        return int("1" + raw[1:]) if raw[0] in "lL" else int(raw)
    short = SHORT_YEAR.match(raw)
    if short:
        two = int(short.group(1))
        year = anchor.year - anchor.year % 100 + two
        return year - 100 if year > anchor.year + 10 else year
    key = fold(raw)
    for word, value in lex.tables["year_thousands"].items():
        if key == word:
            return int(value)
        if key.startswith(word + " "):
            rest = key[len(word) + 1:]
            rest = rest[4:] if rest.startswith("and ") else rest
            tail = parse_below_hundred(lex, rest)
            return int(value) + tail if tail is not None else None
    for word, century in lex.tables["year_centuries"].items():
        if key.startswith(word + " "):
            tail = parse_below_hundred(lex, key[len(word) + 1:])
            return century * 100 + tail if tail is not None else None
    return None


def parse_decade(lex: Lexicon, text: str, anchor: date) -> int | None:
    """The first year of the decade; two-digit decades are the latest not after the anchor."""
    key = fold(text).replace("'", "").replace("’", "")
    if key in lex.tables["decade_words"]:
        two = int(lex.tables["decade_words"][key])
    else:
        digits = key.rstrip("s")
        if not digits.isdigit():
            return None
        if len(digits) == 4:
            return int(digits) - int(digits) % 10
        two = int(digits)
    start = anchor.year - anchor.year % 100 + two
    return start - 100 if start > anchor.year else start


def parse_group(lex: Lexicon, cls: str, text: str, anchor: date) -> Any:
    """The value a captured group stands for; None when it does not make sense."""
    tables = lex.tables
    key = fold(text)
    if cls in TABLE_CLASSES:
        table = tables[TABLE_CLASSES[cls]]
        if key not in table:
            return None
        return key if table[key] is None else table[key]
    if cls == "units":
        return tables["units"].get(key) or tables["plural_units"].get(key)
    if cls in ("month", "monthname"):
        return tables["months"].get(key) or tables["month_abbreviations"].get(key)
    if cls == "weekday":
        found = tables["weekdays"].get(key)
        return found if found is not None else tables["weekday_abbreviations"].get(key)
    if cls in ("day", "dayord"):
        digits = re.match(r"\d+", key)
        return int(digits.group()) if digits else tables["day_words"].get(key)
    if cls == "year":
        return parse_year(lex, text, anchor)
    if cls == "num":
        return int(key) if key.isdigit() else parse_below_hundred(lex, text)
    if cls in ("decade", "decnum"):
        return parse_decade(lex, text, anchor)
    return text


def fields_of(lex: Lexicon, pattern: Compiled, match: re.Match[str], anchor: date) -> dict[str, Any] | None:
    """Every captured group parsed to its value, or None if one of them is meaningless."""
    fields: dict[str, Any] = {}
    for name, text in match.groupdict().items():
        if text is None:
            continue
        cls = pattern.classes.get(name, "raw")
        if cls == "raw":
            fields[name] = text.strip()
            continue
        if cls in ("edge", "daypart", "hedge", "det", "qadj", "latest"):
            fields[name] = fold(text)
            continue
        value = parse_group(lex, cls, text, anchor)
        if value is None:
            return None
        fields[name] = value
    # A second slot ("dir2", "year3") reads like the first when the first is empty.
    for name in [n for n in fields if n[-1].isdigit()]:
        fields.setdefault(name.rstrip("0123456789"), fields[name])
    return fields
