"""Language detection, content hashing and date parsing."""
from __future__ import annotations

from datetime import date

import pytest

from newsledger import lang
from newsledger.errors import InputError
from newsledger.ingest import content_hash, detect_language, parse_date


@pytest.mark.parametrize(("text", "expected"), [
    ("Mexico sent 37 prisoners to the United States on Tuesday, officials said.", "en"),
    ("The Navy said it had seized two tonnes of cocaine off the coast of Oaxaca.", "en"),
    ("México envió a 37 presos a Estados Unidos el martes, informó el gabinete de seguridad.", "es"),
    ("La Marina aseguró dos toneladas de cocaína frente a las costas de Oaxaca, según las autoridades.", "es"),
    ("Omar García Harfuch dijo que los detenidos fueron trasladados en aviones de la Fiscalía.", "es"),
    ("García Harfuch said the detainees were flown out on Navy planes from Mexico City.", "en"),
])
def test_detect_language(text: str, expected: str) -> None:
    assert detect_language(text) == expected


def test_detect_language_defaults_to_english_without_evidence() -> None:
    assert detect_language("") == "en"
    assert detect_language("12345 Oaxaca") == "en"


def test_stopword_profiles_are_lists_of_strings_and_mostly_disjoint() -> None:
    profiles = {code: lang.load(code, "stopwords")["words"] for code in lang.LANGUAGES}
    for words in profiles.values():
        assert len(words) > 50 and all(isinstance(w, str) and w == w.lower() for w in words)
        assert len(words) == len(set(words))
    assert len(set(profiles["en"]) & set(profiles["es"])) < 5


def test_content_hash_normalises() -> None:
    text = "Se\u0301nor said\r\nhello.  "
    assert content_hash(text) == content_hash("  S\u00e9nor said\nhello.")
    assert content_hash(text).startswith("sha256:") and len(content_hash(text)) == 71
    assert content_hash("a") != content_hash("b")


@pytest.mark.parametrize(("value", "expected"), [
    ("2026-01-20", date(2026, 1, 20)),
    ("2026-01-20T23:30:00-06:00", date(2026, 1, 20)),
    ("2026-01-20T10:00:00Z", date(2026, 1, 20)),
    ("2026-01-20 10:00", date(2026, 1, 20)),
    ("Tue, 20 Jan 2026 23:30:00 -0600", date(2026, 1, 20)),
])
def test_parse_date(value: str, expected: date) -> None:
    assert parse_date(value, "a.txt") == expected


@pytest.mark.parametrize("value", ["yesterday", "20/01/2026", "2026-02-30", ""])
def test_parse_date_refuses_naming_the_source(value: str) -> None:
    with pytest.raises(InputError) as caught:
        parse_date(value, "batch.jsonl", 7)
    assert str(caught.value).startswith("batch.jsonl:7: unparseable date")
