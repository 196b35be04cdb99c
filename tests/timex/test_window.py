"""A pattern tried only before its anchor (timex/window.py) finds what a scan of the text finds."""
from __future__ import annotations

import re

import pytest

from newsledger.timex.grammar import LEFT_EDGE, grammar, lowered_view
from newsledger.timex.window import anchor_of, anchored_matches, window

TEXTS = {
    "es": [
        "El martes 5 de mayo de 2026, el Gobierno dijo que el próximo lunes habría reunión.",
        "La semana pasada, el mes   pasado y  el año en curso; la próxima   semana; el  pasado\n  martes por la noche.",
        "Desde el - - próximo mes de  marzo del año que viene, el mes-pasado, los martes y el lunes pasado.",
        "Este año, este mes; el próximo miércoles. Marzo, abril y mayo de 2024; el domingo; semana",
        "amartes, xmes pasado, lunesx; el el el próximo próximo lunes; en enero del año pasado por la tarde.",
        "",
        "mes",
    ],
    "en": [
        "On Tuesday, March 5, 2026, the minister said next Monday would do; last February too.",
        "Last week, this  month and next   year; the past three weeks; early this month; late last year.",
        "In January of last year, xjanuary, januaryx, the coming Friday night, this-coming Friday.",
        "",
        "week",
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


def test_unbounded_or_space_led_patterns_get_no_window() -> None:
    anchor = re.compile("lunes")
    assert window(r"(?:\w+\s+)?", r"(?:\w+\s+)?lunes", anchor, LEFT_EDGE) is None  # reach unbounded
    assert window(r"(?:el\s+)?", r"\s*(?:el\s+)?lunes", anchor, LEFT_EDGE) is None  # may start with a space
    found = window(r"(?:el|la[\s\-]+)?", r"(?:el|la[\s\-]+)?lunes", anchor, LEFT_EDGE)
    assert found is not None and found.back.pattern.endswith("{0,2}")
    regex = re.compile(LEFT_EDGE + r"(?:el\s+|la[\s\-]+)?lunes")
    text = "el  lunes, la- -lunes, xla lunes, ellunes, lunes"
    assert [m.span() for m in anchored_matches(regex, found, text)] == [m.span() for m in regex.finditer(text)]
