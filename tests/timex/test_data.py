"""Integrity of lang/<code>/timex.yaml: every table present, values in range, patterns sound."""
from __future__ import annotations

import re

import pytest

from newsledger import lang
from newsledger.errors import KnowledgeBaseError
from newsledger.timex.grammar import grammar
from newsledger.timex.interpret import RULES
from newsledger.timex.lexicon import CONVENTIONS, TABLES, fold, lexicon


@pytest.mark.parametrize("language", lang.LANGUAGES)
def test_every_table_is_present(language: str) -> None:
    raw = lang.load(language, "timex")
    missing = [key for key in (*TABLES, "conventions", "patterns", "number_joiners") if key not in raw]
    assert not missing, f"{language}/timex.yaml lacks {missing}"


@pytest.mark.parametrize("language", lang.LANGUAGES)
def test_calendar_tables(language: str) -> None:
    tables = lexicon(language).tables
    assert sorted(set(tables["months"].values())) == list(range(1, 13))
    assert set(tables["month_abbreviations"].values()) <= set(range(1, 13))
    assert sorted(set(tables["weekdays"].values())) == list(range(7))
    assert set(tables["weekday_abbreviations"].values()) <= set(range(7))
    assert sorted(set(tables["quarter_ordinals"].values())) == [1, 2, 3, 4]
    assert set(tables["seasons"].values()) == {"SP", "SU", "FA", "WI"}
    assert {"day", "week", "month", "year"} <= set(tables["units"].values())
    assert set(tables["plural_units"].values()) <= set(tables["units"].values())
    assert all(-2 <= offset <= 2 for offset in tables["relative_days"].values())
    assert set(tables["directions"].values()) == {-1, 0, 1}
    assert all(1 <= day <= 31 for day in tables["day_words"].values())


@pytest.mark.parametrize("language", lang.LANGUAGES)
def test_words_are_unique_after_folding(language: str) -> None:
    raw = lang.load(language, "timex")
    for key, kind in TABLES.items():
        words = list(raw[key] or [])
        folded = [fold(str(word)) for word in words]
        assert len(folded) == len(set(folded)), f"{language}/timex.yaml: {key} repeats a word"


@pytest.mark.parametrize("language", lang.LANGUAGES)
def test_patterns_compile_and_name_known_rules(language: str) -> None:
    compiled = grammar(language).patterns
    assert {pattern.rule for pattern in compiled} <= set(RULES)
    assert all(pattern.regex.pattern for pattern in compiled)
    # Every rule a language needs for the news conventions is there.
    assert {"day", "month", "year", "weekday", "relative_day", "relative_unit", "ago"} <= {
        pattern.rule for pattern in compiled}


@pytest.mark.parametrize("language", lang.LANGUAGES)
def test_both_conventions_are_defined(language: str) -> None:
    conventions = lexicon(language).conventions
    assert set(conventions) == set(CONVENTIONS)
    news = conventions["news"]
    assert set(news.modes.values()) == {"on_or_before"}
    assert (news.soon_days, news.soon_months) == (0, 0)


@pytest.mark.parametrize("language", lang.LANGUAGES)
def test_every_month_and_weekday_name_is_matched(language: str) -> None:
    patterns = grammar(language).patterns
    for rule, table in (("weekday", "weekdays"), ("month", "months")):
        for name in lexicon(language).surface[table]:
            assert any(p.regex.fullmatch(name.capitalize()) for p in patterns if p.rule == rule), name


def test_a_malformed_table_is_reported_with_the_file(monkeypatch: pytest.MonkeyPatch) -> None:
    raw = dict(lang.load("en", "timex"))
    raw["months"] = {**raw["months"], "smarch": 13}
    monkeypatch.setattr(lang, "load", lambda language, name: raw)
    lexicon.cache_clear()
    try:
        with pytest.raises(KnowledgeBaseError, match=re.escape("newsledger/lang/en/timex.yaml: months")):
            lexicon("en")
    finally:
        monkeypatch.undo()
        lexicon.cache_clear()
        grammar.cache_clear()
