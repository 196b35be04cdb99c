"""Who said a quotation, and what is not one, on texts written for these tests."""
from __future__ import annotations

from datetime import date

from newsledger.extract import extract_text
from newsledger.model import Quote
from newsledger.pipeline.quotes import channel_in, quoted_spans

PUBLISHED = date(2026, 3, 12)


def quotes(text: str, language: str = "es") -> list[Quote]:
    return extract_text(text, published=PUBLISHED, language=language).quotes


def spans(text: str) -> list[str]:
    return [text[q.start:q.end] for q in quoted_spans(text)]


def test_dash_list_items_are_not_dialogue() -> None:
    text = ("Estos son los nombres que dio la fiscalía:\n"
            "— Juan Pérez Soto, «El Tigre», del Cártel del Golfo.\n"
            "— Luis Mora Díaz, ligado al Cártel de Sinaloa.\n\n"
            "—No hubo ninguna negociación con ellos —dijo el fiscal.")
    assert spans(text) == ["El Tigre", "No hubo ninguna negociación con ellos"]


def test_a_separator_ornament_is_not_dialogue() -> None:
    assert spans("Fin de la primera parte.\n\n—oOo—\n\nSegunda parte.") == []


def test_headline_quotation_with_the_speakers_name_after_a_colon() -> None:
    [quote] = quotes("«La cooperación sigue firme»: Omar García Harfuch\n\n"
                     "El secretario habló el lunes con periodistas en Monterrey.")
    assert (quote.speaker, quote.text) == ("Omar García Harfuch", "La cooperación sigue firme")


def test_opinar_is_a_speech_verb() -> None:
    [quote] = quotes("«El juicio será largo y costoso», opinó el abogado Omar García Harfuch.")
    assert quote.speaker == "Omar García Harfuch"


def test_an_unattributed_lowercase_fragment_is_a_term_not_a_quotation() -> None:
    assert quotes("Si la respuesta es «lo que diga Washington», la soberanía es una formalidad.") == []
    assert quotes('Lawyers call it "material support" in the filings.', language="en") == []


def test_the_outlet_named_after_an_interview_is_the_channel() -> None:
    assert channel_in("dijo en entrevista con Radio Meseta.", "es") == "Radio Meseta"
    assert channel_in("she said in an interview with Radio Meseta.", "en") == "Radio Meseta"
    assert channel_in("dijo en una entrevista.", "es") == "interview"
