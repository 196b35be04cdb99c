"""A pattern tried only before its anchor (timex/window.py) finds what a scan of the text finds."""
from __future__ import annotations

import re
import re._parser as sre_parse  # type: ignore[import-not-found]

import pytest

from newsledger.timex.grammar import LEFT_EDGE, grammar, lowered_view
from newsledger.timex.window import anchor_of, anchored_matches, anchors_of, spaced_before, window, word_group_of

TEXTS = {
    "es": [
        "El martes 5 de mayo de 2026, el Gobierno dijo que el próximo lunes habría reunión.",
        "La semana pasada, el mes   pasado y  el año en curso; la próxima   semana; el  pasado\n  martes por la noche.",
        "Desde el - - próximo mes de  marzo del año que viene, el mes-pasado, los martes y el lunes pasado.",
        "Este año, este mes; el próximo miércoles. Marzo, abril y mayo de 2024; el domingo; semana",
        "amartes, xmes pasado, lunesx; el el el próximo próximo lunes; en enero del año pasado por la tarde.",
        "",
        "mes",
        "x2024, año2024, el año 2024, a-2024, $2024 y 1999; el fin de semana, el fin  de\nsemana, finde semana, xfin de semana.",
        "El 5 de mayo, x5 de mayo, 2024 de mayo, 15-de mayo; hace 3 días, x3 días atrás, 3 días atrás; mayo de 2024.",
    ],
    "en": [
        "On Tuesday, March 5, 2026, the minister said next Monday would do; last February too.",
        "Last week, this  month and next   year; the past three weeks; early this month; late last year.",
        "In January of last year, xjanuary, januaryx, the coming Friday night, this-coming Friday.",
        "",
        "week",
        "year-end, the year's end, yearend, x3 days later, 3 days later, in 2024, x2024, fiscal 2024; over the weekend.",
    ],
}


def _windowed(language: str) -> list:
    found = [p for p in grammar(language).patterns if p.window is not None]
    assert found  # the optional-word patterns of both languages have a window
    return found


@pytest.mark.parametrize("language", sorted(TEXTS))
def test_same_matches_as_finditer(language: str) -> None:
    for text in TEXTS[language]:
        lowered = lowered_view(text)
        assert lowered is not None
        for pattern in _windowed(language):
            assert pattern.lowered is not None and pattern.window is not None
            expected = [(m.span(), m.groupdict()) for m in pattern.lowered.finditer(lowered)]
            got = [(m.span(), m.groupdict()) for m in anchored_matches(pattern.lowered, pattern.window, lowered)]
            assert got == expected, (pattern.rule, text)


def test_anchor_is_first_placeholder_outside_groups() -> None:
    assert anchor_of("(?:<det> )?(?:<dir> )?<weekday>(?: <dir:dir2>)?") == (22, "weekday")
    assert anchor_of(r"\(<det>\) <unit>") == (2, "det")
    assert anchor_of("(?:<det> )?(?P<unit>mes)") is None
    assert anchors_of("(?:<det> )?<num> <units> (?P<ago>atrás)") == [(11, "num"), (17, "units")]


def test_word_group_is_a_named_group_of_words_outside_groups() -> None:
    assert word_group_of("(?:<det> )?(?P<unit>fin de semana)") == (11, "fin de semana")
    assert word_group_of("(?:<det> )?(?P<unit>fin de semana)?") is None  # optional
    assert word_group_of("(?:(?P<unit>year) )?end") is None  # inside a group
    assert word_group_of("(?P<unit>day|week)") is None  # a choice


def test_spaced_before_needs_white_space_at_every_end() -> None:
    def spaced(regex: str) -> bool:
        return spaced_before(sre_parse.parse(regex))

    assert spaced("") and spaced(r"(?<!x)") and spaced(r"(?:el\s+)?(?:día\s+)?") and spaced(r"de\s+")
    assert not spaced("de") and not spaced(r"(?:el\s+|la)?") and not spaced(r"el[\s\-]*") and not spaced(r"x(?:\s+)?")


@pytest.mark.parametrize("language", sorted(TEXTS))
def test_some_anchors_are_checked_for_a_word_start(language: str) -> None:
    assert any(pattern.window.edge is not None for pattern in _windowed(language))


def test_unbounded_or_space_led_patterns_get_no_window() -> None:
    anchor = re.compile("lunes")
    assert window(r"(?:\w+\s+)?", r"(?:\w+\s+)?lunes", anchor, LEFT_EDGE) is None  # reach unbounded
    assert window(r"(?:el\s+)?", r"\s*(?:el\s+)?lunes", anchor, LEFT_EDGE) is None  # may start with a space
    found = window(r"(?:el|la[\s\-]+)?", r"(?:el|la[\s\-]+)?lunes", anchor, LEFT_EDGE)
    assert found is not None and found.back.pattern.endswith("{0,2}")
    regex = re.compile(LEFT_EDGE + r"(?:el\s+|la[\s\-]+)?lunes")
    text = "el  lunes, la- -lunes, xla lunes, ellunes, lunes"
    assert [m.span() for m in anchored_matches(regex, found, text)] == [m.span() for m in regex.finditer(text)]
