"""Property tests of the temporal parser: whatever the text and publication date, ``find``
and ``resolve`` return matches that point into the text (or nothing), never raise.

Texts are drawn from the language's own timex vocabulary mixed with figures and noise,
so that the patterns fire on odd combinations ("the 31st of February 10000", "hace 99
semanas del próximo martes") rather than only on random characters that match nothing.
"""
from __future__ import annotations

from datetime import date
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newsledger import lang
from newsledger.model import DateValue
from newsledger.timex import find, resolve

SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
# Any publication date a reader accepts, year 1 to 9999 ("next year" in 9999 included).
ANCHORS = st.dates()


def _vocabulary(language: str) -> list[str]:
    words: set[str] = set()

    def walk(value: Any) -> None:
        if isinstance(value, str):
            words.update(value.split())
        elif isinstance(value, dict):
            for key, item in value.items():
                walk(str(key))
                walk(item)
        elif isinstance(value, list):
            for item in value:
                walk(item)

    walk(lang.load(language, "timex"))
    return sorted(words)


FIGURES = ["0", "1", "7", "12", "13", "29", "30", "31", "32", "99", "100", "1999", "2024", "2025",
           "9999", "10000", "99999999999999999999", "31/12/2025", "2025-02-29", "12/31", "1990s", "'90s"]
NOISE = [",", ".", "-", "—", "de", "the", "of", "el", "a", "in", "on", "(", ")", "\n", "«", "»", "'"]


def texts(language: str) -> st.SearchStrategy[str]:
    words = st.sampled_from(_vocabulary(language) + FIGURES + NOISE)
    return st.one_of(st.lists(words, max_size=14).map(" ".join), st.text(max_size=80))


def _check(text: str, anchor: date, language: str) -> None:
    for match in find(text, anchor, language):
        assert text[match.start:match.end] == match.text
        assert isinstance(match.date, DateValue)
    value = resolve(text, anchor, language)
    assert value is None or isinstance(value, DateValue)


@SETTINGS
@given(text=texts("en"), anchor=ANCHORS)
def test_english_timex_never_raises(text: str, anchor: date) -> None:
    _check(text, anchor, "en")


@SETTINGS
@given(text=texts("es"), anchor=ANCHORS)
def test_spanish_timex_never_raises(text: str, anchor: date) -> None:
    _check(text, anchor, "es")
