"""Which way the words around a date look (find._lean), read only when a rule asks (Context.leaning)."""
from __future__ import annotations

from datetime import date

import pytest

from newsledger.timex.find import _lean
from newsledger.timex.grammar import grammar
from newsledger.timex.interpret import Context, Focus, interpret

CASES = [
    ("en", "The new tariffs will take effect Tuesday, officials said.", "Tuesday", "future"),
    ("en", "Mexico sent 29 cartel figures in February.", "February", "past"),
    ("en", "Since February the border has been calmer.", "February", "past"),
    ("en", "Talks resume in March. Nobody knows more.", "March", None),
    ("en", "Officials met in March and agreed on a plan.", "March", "past"),
    ("es", "El Gobierno anunciará el plan el martes.", "martes", "future"),
    ("es", "México envió 29 detenidos en febrero.", "febrero", "past"),
    ("es", "La reunión es en marzo. Nadie sabe más.", "marzo", None),
    ("es", "En marzo los ministros firmaron el acuerdo.", "marzo", "past"),
]


@pytest.mark.parametrize(("language", "text", "date_text", "lean"), CASES)
def test_lean(language: str, text: str, date_text: str, lean: str | None) -> None:
    start = text.index(date_text)
    assert _lean(text, start, start + len(date_text), grammar(language).lexicon) == lean


@pytest.mark.parametrize(("language", "text", "date_text", "lean"), CASES)
def test_lean_read_later_gives_the_same_value(language: str, text: str, date_text: str, lean: str | None) -> None:
    """A Context that reads its lean when first asked resolves as one given it up front."""
    lex = grammar(language).lexicon
    start = text.index(date_text)
    reads: list[int] = []

    def read() -> str | None:
        reads.append(1)
        return _lean(text, start, start + len(date_text), lex)

    anchor = date(2026, 1, 20)
    for rule, fields in (("month", {"month": 2}), ("weekday", {"weekday": 1}), ("day", {"month": 3, "day": 5}),
                         ("day_of_month", {"day": 25}), ("year", {"year": 1985})):
        eager = interpret(rule, dict(fields), Context(anchor, lex, Focus(), lean))
        reads.clear()
        lazy_context = Context(anchor, lex, Focus(), read_lean=read)
        assert interpret(rule, dict(fields), lazy_context) == eager
        assert lazy_context.leaning() == lean and len(reads) <= 1
