import spacy
import pytest

from newsledger import lang
from newsledger.pipeline.numbers import _joiners, figure_at, figures, word_value


@pytest.mark.parametrize("text, language, value", [
    ("37", "en", 37), ("3,000", "en", 3000), ("twenty-six", "en", 26), ("twelve", "en", 12),
    ("veintiséis", "es", 26), ("29", "es", 29), ("siete", "es", 7),
])
def test_word_value(text: str, language: str, value: int) -> None:
    assert word_value(text, language) == value


def test_word_value_rejects_words() -> None:
    assert word_value("cartel", "en") is None


def test_spanish_compound_number() -> None:
    doc = spacy.blank("es")("envió a treinta y siete reos")
    figure = figure_at(doc, 2, "es")
    assert figure is not None and (figure.value, figure.start, figure.end) == (37, 2, 5)


def test_scale_words() -> None:
    doc = spacy.blank("es")("más de 3 mil elementos y un centenar de reos")
    assert [f.value for f in figures(doc, 0, len(doc), "es")] == [3000, 100]


def test_joiners_are_the_tables_own() -> None:
    """The joining words, read once per language, are the numbers table's."""
    for language in ("en", "es"):
        assert _joiners(language) == set(lang.load(language, "numbers").get("joiners", []))
    assert "y" in _joiners("es")
