"""Resolving one temporal expression, as a whole, against an anchor date.

The expression is tried against every pattern of the language as a full match (in the
order of the language file, most specific first), then without a leading preposition
("since February", "desde febrero de 2025"), and last by searching inside it, so that
hedged or extended phrasings ("a good part of 1990", "1994 or later") still yield the
date they contain.
"""
from __future__ import annotations

import re
from datetime import date
from functools import cache

from newsledger.model import DateValue
from newsledger.timex.grammar import Compiled, Grammar, fields_of, grammar
from newsledger.timex.interpret import Context, Focus, interpret
from newsledger.timex.lexicon import alternation

TRAILING = re.compile(r"[\s,;:!?\"'”“»«()\[\]]+$")
LEADING = re.compile(r"^[\s,;:!?\"'”“»«()\[\]]+")


def resolve(expression: str, anchor: date, language: str) -> DateValue | None:
    """The calendar date ``expression`` denotes when published on ``anchor``.

    None when it is not a resolvable calendar reference: a duration ("four decades"),
    a vague one ("now", "recently"), or words the language file does not know.
    """
    found = resolve_in_context(expression, Context(anchor, grammar(language).lexicon, Focus()))
    return found[1] if found else None


def resolve_in_context(expression: str, ctx: Context) -> tuple[str, DateValue] | None:
    """Like :func:`resolve`, with a discourse focus; returns the rule that applied too.

    Callers that walk through a text (the TSV normaliser, :func:`find`) pass the same
    focus along so that "the following year" or "El día 12" read the date before them.
    """
    gram = grammar(ctx.lexicon.language)
    text = LEADING.sub("", TRAILING.sub("", expression))
    if not text:
        return None
    matched = False
    for variant in _variants(gram, text):
        found, matched = _full_match(gram, variant, ctx)
        if found:
            return found
        if matched:
            return None  # a date the calendar lacks ("February 30"), not a month to fall back on
    return _search(gram, text, ctx)


def _variants(gram: Grammar, text: str) -> list[str]:
    """The expression, without a final full stop, and without a leading preposition."""
    variants = [text]
    if text.endswith(".") and not text.endswith(".."):
        variants.append(text[:-1])
    lead = _lead_words(gram.lexicon.language)
    for variant in list(variants):
        stripped = lead.sub("", variant)
        if stripped and stripped != variant:
            variants.append(stripped)
    return variants


@cache
def _lead_words(language: str) -> re.Pattern[str]:
    words = alternation(grammar(language).lexicon.surface["lead_words"])
    return re.compile(rf"^(?:{words})\s+", re.IGNORECASE)


def _full_match(gram: Grammar, text: str, ctx: Context) -> tuple[tuple[str, DateValue] | None, bool]:
    """The first pattern that matches all of ``text`` and resolves; and whether any matched."""
    matched = False
    for pattern in gram.patterns:
        match = pattern.regex.fullmatch(text)
        if match:
            matched = True
            value = _value(gram, pattern, match, ctx)
            if value is not None:
                return (pattern.rule, value), True
    return None, matched


def _value(gram: Grammar, pattern: Compiled, match: re.Match[str], ctx: Context) -> DateValue | None:
    fields = fields_of(gram.lexicon, pattern, match, ctx.anchor)
    if fields is None:
        return None
    value = interpret(pattern.rule, fields, ctx)
    return value if value is not None and value.known else None


def _search(gram: Grammar, text: str, ctx: Context) -> tuple[str, DateValue] | None:
    """The longest (then earliest) stretch inside the expression that running text would yield."""
    best: tuple[int, int, str, DateValue] | None = None
    for pattern in gram.patterns:
        if not pattern.in_text:
            continue  # "year" inside "less than one year", "siete" inside "siete años": no dates
        for match in pattern.regex.finditer(text):
            if match.end() == match.start():
                continue
            length = match.end() - match.start()
            if best is not None and (length, -match.start()) <= (best[0], -best[1]):
                continue
            value = _value(gram, pattern, match, ctx)
            if value is not None:
                best = (length, match.start(), pattern.rule, value)
    return (best[2], best[3]) if best else None
