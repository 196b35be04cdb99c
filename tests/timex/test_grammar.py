"""Matching lower-cased text case-sensitively (grammar.lowered_view) gives what IGNORECASE gives."""
from __future__ import annotations

import re

import pytest

from newsledger import lang
from newsledger.timex.grammar import (
    LEFT_EDGE, UNLOWERABLE, Compiled, _case_sensitive, grammar, lowered_view, required_words,
)

SENTENCES = {
    "es": [
        "El MARTES 5 DE MAYO de 2026, el Gobierno dijo que el próximo Lunes habría reunión.",
        "A PRINCIPIOS DE FEBRERO del año pasado, hace TRES SEMANAS, la Navidad y el Día de Reyes.",
        "El sábado 3 de octubre; ayer por la TARDE; el 21 de Diciembre del 2025, a mediados de Mayo.",
        "Según «El Mayo» Zambada, en Enero, en los años 90 y en el primer trimestre de 2024.",
        "ESTA SEMANA, el mes pasado y dentro de dos días: el 1º de marzo, el Miércoles siguiente.",
        "En lo que va del año, el 2026-01-20 y x2026-01-20; LO QUE VA DE LA SEMANA, sololo que va del mes.",
    ],
    "en": [
        "On TUESDAY, March 5, 2026, the minister said next Monday would do; LAST FEBRUARY too.",
        "Theresa May met him in May. Three Weeks Ago, in the 1990s and in Q3 2024, on Christmas Day.",
        "Early this month, the Third Quarter, two thousand people, on Jan. 12 and the 20th century.",
        "He spent 28 YEARS in prison before 2013; this coming Friday night; Earlier This Year.",
        "The following Monday, that year, THE 5TH, bathe 5th, Q3 2024, xq3, 2026-01-20 and the day then.",
    ],
}


def test_lookbehind_sees_text_before_pos() -> None:
    """Compiled.finditer re-reads each match with regex.match(text, pos): the left edge must
    still see the character before pos, as it does when finditer reaches pos itself."""
    assert re.compile(r"(?<![\w$])b").match("ab", 1) is None
    assert re.compile(r"(?<![\w$])b").match(" b", 1) is not None


def test_alphabet_has_no_case_surprises() -> None:
    """Every character whose lower case lies in the alphabet matches, with IGNORECASE, exactly
    the literals equal to that lower case, and is a word character, digit or space just
    when its lower case is: what lowered_view() relies on, checked on every code point."""
    alphabet = [c for c in map(chr, range(0x2500)) if c == c.lower() and not UNLOWERABLE.search(c)]
    members = set(alphabet)
    lowerable = [c for c in map(chr, range(0x110000)) if c.lower() in members]
    every = "".join(lowerable)
    for literal in alphabet:
        found = re.compile(re.escape(literal), re.IGNORECASE).findall(every)
        assert found == [c for c in lowerable if c.lower() == literal], literal
    for char in lowerable:
        for category in (r"\w", r"\d", r"\s"):
            assert bool(re.match(category, char)) == bool(re.match(category, char.lower())), char


@pytest.mark.parametrize("text", ["İstanbul", "ſome", "ΟΔΟΣ", "Москва", "dotless ı"])
def test_lowered_view_refuses_unsafe_text(text: str) -> None:
    assert lowered_view(text) is None


def test_lowered_view_of_plain_text() -> None:
    text = "ÁNGEL Núñez — «SÁBADO» 5 de MAYO, 10 € y 20 %…"
    assert lowered_view(text) == text.lower()


@pytest.mark.parametrize("source", [
    r"[A-Z]x", r"[a-z]x", r"(?i:x)y", r"(?-i:x)", r"\x41", r"\u00c1", r"Mayo", r"ıx", r"(a)\1",
])
def test_case_sensitive_refuses_sources(source: str) -> None:
    assert _case_sensitive(re.compile(source, re.IGNORECASE)) is None


@pytest.mark.parametrize("source", [
    r"(?<![\w$€£#@/])(?P<day>[1-9]|1\d)[\s\-]+de\b", r"[\s-]+(?:mayo|sábado)\.?", r"(?P<x>a)(?P=x)",
])
def test_case_sensitive_accepts_sources(source: str) -> None:
    found = _case_sensitive(re.compile(source, re.IGNORECASE))
    assert found is not None and found.pattern == source and not found.flags & re.IGNORECASE


@pytest.mark.parametrize("language", lang.LANGUAGES)
def test_every_pattern_and_probe_can_match_lowered_text(language: str) -> None:
    gram = grammar(language)
    assert all(probe.lowered is not None for probe in gram.probes.values())
    assert all(pattern.lowered is not None for pattern in gram.patterns)


@pytest.mark.parametrize("text", [
    "la promesa", "la promesa y el mes", "compromiso del mes", "Comprometidos", "el 5", "promesa, mes.",
    "—mes", "x/mes", "el año", "#año y año", "los años 90", "1990s", "agosto", "ENERO", "en-ero",
])
def test_probe_finding_words_first_equals_search(text: str) -> None:
    """Probe.occurs looks for a class's words and only then for the left edge before them."""
    lowered = lowered_view(text)
    for language in lang.LANGUAGES:
        for cls, probe in grammar(language).probes.items():
            assert probe.occurs(text, lowered) == (probe.regex.search(text) is not None), (language, cls)


@pytest.mark.parametrize("language", sorted(SENTENCES))
def test_lowered_matching_equals_ignorecase(language: str) -> None:
    gram = grammar(language)
    for sentence in SENTENCES[language]:
        for text in (sentence, sentence.upper(), sentence.title()):
            lowered = lowered_view(text)
            assert lowered is not None
            assert gram.present(text, lowered) == gram.present(text)
            for pattern in gram.patterns:
                plain = [(m.span(), m.groupdict()) for m in pattern.regex.finditer(text)]
                fast = [(m.span(), m.groupdict()) for m in pattern.finditer(text, lowered)]
                assert fast == plain, (pattern.rule, text)


@pytest.mark.parametrize("body", [r"a*", r"a+|b*", r"(?P<w>ab|a)c?", r"the\s+(?P<n>\d+)", r"\d{2}|"])
def test_words_first_finditer_equals_finditer(body: str) -> None:
    """Patterns searched for before their left edge find what finditer finds, empty matches too."""
    regex = re.compile(f"{LEFT_EDGE}(?:{body})", re.IGNORECASE)
    pattern = Compiled("x", regex, True, {}, (), re.compile(f"(?:{body})"), words_first=True)
    for text in ["", "a", "baab aab a", "xa ab abc abcc", "the 12 bathe 3 the  45", "12 x12 #12 12a", "b aa"]:
        lowered = lowered_view(text)
        fast = [(m.span(), m.groupdict()) for m in pattern.finditer(text, lowered)]
        assert fast == [(m.span(), m.groupdict()) for m in regex.finditer(text)], text


@pytest.mark.parametrize(("template", "words"), [
    ("(?:<det> )?(?:<dir> )?día <day>(?: <dir:dir2>)?", ("día",)),
    ("(?:<hedge> )?<num> <units> (?P<ago>atrás)", ("atrás",)),
    ("lo que va del? (?:<det> )?(?P<unit>mes|año|semana)", ("lo", "que", "va")),
    ("(?:<edge> )?(?:the )?(?P<unit>year)(?:['’]s)?~end", ("year", "end")),
    ("the (?P<unit>day)|then", ()),
    ("(?:the|that) <adir> <unit>", ()),
    ("(?<!\\bla\\s)<reld>(?: (?:por|en) la <daypart>)?", ()),
    ("(?P<qord>q[1-4])(?:,? <year>)?", ("q",)),
    ("(?P<x>fin)? [ab]cd años? (?:(?P<y>ya))", ("cd",)),
])
def test_required_words(template: str, words: tuple[str, ...]) -> None:
    assert required_words(template) == words


@pytest.mark.parametrize("language", sorted(SENTENCES))
def test_required_words_are_in_every_match(language: str) -> None:
    for sentence in SENTENCES[language]:
        for text in (sentence, sentence.upper()):
            lowered = lowered_view(text)
            present = grammar(language).present(text, lowered)
            for pattern in grammar(language).patterns:
                found = list(pattern.regex.finditer(text))
                assert all(word in match.group().lower() for match in found for word in pattern.words)
                assert pattern.may_match(present, lowered) or not found
