"""EntityRuler patterns from the knowledge base, loaded into blank spaCy pipelines."""
from __future__ import annotations

from functools import cache

import pytest
import spacy
from spacy.language import Language

from newsledger.kb import KnowledgeBase

KB = KnowledgeBase.default()
LABELS = {"PERSON", "ORG", "GPE", "LOC", "FAC", "NORP"}


@cache
def ruler(language: str) -> Language:
    nlp = spacy.blank(language)
    ruler = nlp.add_pipe("entity_ruler", config={"validate": True})
    ruler.add_patterns(KB.patterns(language))  # type: ignore[attr-defined]
    return nlp


def ents(language: str, text: str) -> list[tuple[str, str, str]]:
    return [(e.text, e.label_, e.ent_id_) for e in ruler(language)(text).ents]


@pytest.mark.parametrize("language", ["en", "es"])
def test_pattern_shape(language: str) -> None:
    patterns = KB.patterns(language)
    assert len(patterns) > 2000
    for pattern in patterns:
        assert set(pattern) == {"label", "pattern", "id"}
        assert pattern["label"] in LABELS
        assert KB.get(pattern["id"]) is not None
        assert isinstance(pattern["pattern"], (str, list))


def test_patterns_are_copies() -> None:
    KB.patterns("en").clear()
    assert KB.patterns("en")


def test_tamaulipas_is_a_gpe_with_its_id() -> None:
    assert ents("en", "a remnant of the Zetas based in Tamaulipas.") == [
        ("Zetas", "ORG", "org/los-zetas"), ("Tamaulipas", "GPE", "place/tamaulipas")]


def test_people_organisations_places_and_facilities() -> None:
    found = ents("en", "Omar García Harfuch said the Sinaloa Cartel members left Felipe Ángeles "
                       "International Airport for the Metropolitan Detention Center.")
    assert ("Omar García Harfuch", "PERSON", "person/omar-garcia-harfuch") in found
    assert ("Sinaloa Cartel", "ORG", "org/sinaloa-cartel") in found
    assert ("Felipe Ángeles International Airport", "FAC", "place/felipe-angeles-international-airport") in found
    assert ("Metropolitan Detention Center", "FAC", "place/metropolitan-detention-center") in found


def test_acronyms_are_case_sensitive() -> None:
    assert ents("en", "He told us the U.S. and US officials agreed.") == [
        ("U.S.", "GPE", "place/united-states"), ("US", "GPE", "place/united-states")]


def test_datelines_and_unaccented_spellings() -> None:
    assert ents("en", "MEXICO CITY — Omar Garcia Harfuch")[0] == ("MEXICO CITY", "GPE", "place/mexico-city")
    assert ents("en", "MEXICO CITY — Omar Garcia Harfuch")[1][2] == "person/omar-garcia-harfuch"
    assert ents("es", "CIUDAD DE MÉXICO.— El gobierno")[0] == ("CIUDAD DE MÉXICO", "GPE", "place/mexico-city")


def test_names_match_in_any_case_after_the_first_word() -> None:
    assert ents("en", "the Sinaloa cartel and the Gulf cartel") == [
        ("Sinaloa cartel", "ORG", "org/sinaloa-cartel"), ("Gulf cartel", "ORG", "org/gulf-cartel")]
    found = ents("es", "la Secretaría de seguridad y protección ciudadana informó")
    assert found == [("Secretaría de seguridad y protección ciudadana", "ORG", "org/sspc")]
    assert ents("en", "the Texas attorney general's office said") == [("Texas", "GPE", "place/texas")]


def test_quotes_in_names_match_any_style() -> None:
    for text in ("Enrique “Kiki” Camarena", 'Enrique "Kiki" Camarena', "Enrique «Kiki» Camarena"):
        assert ents("en", f"agent {text} died") == [(text, "PERSON", "person/enrique-camarena")]


def test_demonyms_are_norp_with_the_country_id() -> None:
    assert ents("en", "Mexican officials") == [("Mexican", "NORP", "place/mexico")]
    assert ents("es", "autoridades estadounidenses") == [("estadounidenses", "NORP", "place/united-states")]
    assert ents("en", "Latin American leaders") == [("Latin American", "NORP", "place/latin-america")]


def test_government_phrases_are_the_country() -> None:
    assert ents("en", "the Mexican government said") == [("Mexican government", "GPE", "place/mexico")]
    assert ents("es", "el gobierno de México dijo") == [("gobierno de México", "GPE", "place/mexico")]


def test_eu_follows_the_language() -> None:
    assert ents("es", "viajó a EU") == [("EU", "GPE", "place/united-states")]
    assert ents("en", "tariffs on the EU") == [("EU", "ORG", "org/european-union")]


def test_cross_language_names_in_both_pipelines() -> None:
    assert ents("en", "members of the Cártel de Sinaloa")[0][2] == "org/sinaloa-cartel"
    assert ents("es", "miembros del Sinaloa Cartel")[0][2] == "org/sinaloa-cartel"


def test_surnames_and_generic_words_are_not_patterns() -> None:
    assert ents("en", "Cole and Patel met the president of the cartel.") == []
    assert ents("en", "He said us.") == []


def test_longest_match_wins() -> None:
    assert ents("en", "the Jalisco New Generation Cartel") == [
        ("Jalisco New Generation Cartel", "ORG", "org/jalisco-new-generation-cartel")]
    assert ents("en", "Mexico City") == [("Mexico City", "GPE", "place/mexico-city")]
