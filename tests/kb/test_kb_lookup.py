"""Lookup of names in the shipped knowledge base: spellings, languages, types, fuzziness."""
from __future__ import annotations

import pytest

from newsledger.kb import KBEntry, KnowledgeBase, fold

KB = KnowledgeBase.default()


def name_of(text: str, **options: object) -> str | None:
    entry = KB.lookup(text, **options)  # type: ignore[arg-type]
    return entry.name if entry else None


def test_fold() -> None:
    assert fold("  Cártel  de Sinaloa ") == "cartel de sinaloa"
    assert fold("Beltrán-Leyva") == fold("Beltrán Leyva") == "beltran leyva"
    assert fold("EE. UU.") == fold("EE.UU.") == "ee uu"
    assert fold("Enrique “Kiki” Camarena") == "enrique kiki camarena"


def test_default_is_loaded_once() -> None:
    assert KnowledgeBase.default() is KB
    assert len(KB) > 500


@pytest.mark.parametrize("text", ["Omar García Harfuch", "omar garcía harfuch", "OMAR GARCIA HARFUCH",
                                  "Omar Garcia Harfuch", "García Harfuch", "Garcia Harfuch"])
def test_accents_and_case_do_not_matter(text: str) -> None:
    assert name_of(text) == "Omar García Harfuch"


def test_leading_article_and_possessive() -> None:
    assert name_of("the Sinaloa Cartel") == "Sinaloa Cartel"
    assert name_of("The Justice Department") == "U.S. Department of Justice"
    assert name_of("the U.S.") == "United States"
    assert name_of("Mexico's") == "Mexico"
    assert name_of("Mexico’s National Security Council") == "Consejo de Seguridad Nacional"


def test_nicknames_with_or_without_article() -> None:
    assert name_of("El Mencho") == "Nemesio Oseguera Cervantes"
    assert name_of("Mencho") == "Nemesio Oseguera Cervantes"
    assert name_of("Z-40") == "Miguel Ángel Treviño Morales"
    assert name_of("Don Neto") == "Ernesto Fonseca Carrillo"
    assert name_of("El Chapo") == "Joaquín Guzmán Loera"
    assert name_of("La Tuta") == name_of("Tuta") == "Servando Gómez Martínez"


def test_cross_language_spellings() -> None:
    assert name_of("Cártel de Sinaloa") == name_of("Sinaloa Cartel") == "Sinaloa Cartel"
    assert name_of("Cártel Jalisco Nueva Generación") == "Jalisco New Generation Cartel"
    assert name_of("CJNG") == "Jalisco New Generation Cartel"
    assert name_of("Departamento de Justicia de EE.UU.") == "U.S. Department of Justice"
    assert name_of("Defense Ministry") == "Secretaría de la Defensa Nacional"
    assert name_of("Ciudad de México") == name_of("CDMX") == "Mexico City"


@pytest.mark.parametrize("text", ["EE.UU.", "EE. UU.", "EEUU", "Estados Unidos", "U.S.", "US", "USA",
                                  "United States of America", "U.S. government", "gobierno estadounidense"])
def test_united_states_spellings(text: str) -> None:
    assert name_of(text, type="place") == "United States"


def test_eu_depends_on_type_or_language() -> None:
    assert name_of("EU", type="place") == "United States"
    assert name_of("EU", language="es") == "United States"
    assert name_of("EU", language="en") == "European Union"
    assert name_of("EU") is None  # a place in Spanish, an organisation in English


def test_acronyms_keep_their_capitals() -> None:
    assert name_of("us") is None
    assert name_of("DEA") == "Drug Enforcement Administration"
    assert name_of("dea") is None
    assert name_of("MEXICO CITY") == "Mexico City"  # a dateline is not an acronym


def test_types_are_respected() -> None:
    assert name_of("Sinaloa") == "Sinaloa"
    assert name_of("Sinaloa", type="organization") is None
    assert name_of("Sinaloa Cartel", type="place") is None
    assert name_of("Washington", type="place") == "Washington"
    assert KB.lookup("Washington").category == "city"
    assert name_of("Tamaulipas", type="person") is None


def test_country_filter() -> None:
    assert name_of("Navy") == "Secretaría de Marina"
    assert name_of("Navy", country="US") is None
    assert name_of("U.S. Navy", country="US") == "United States Navy"


def test_fuzzy_spellings() -> None:
    assert name_of("Jalisco New Generaton Cartel") == "Jalisco New Generation Cartel"
    assert name_of("Cartel Jalisco Nueva Generacion") == "Jalisco New Generation Cartel"
    assert name_of("Jalisco New Generaton Cartel", fuzzy=False) is None
    assert name_of("Mexico Cty", type="place") == "Mexico City"


def test_shortened_full_names_of_people() -> None:
    assert name_of("Omar Harfuch") == "Omar García Harfuch"
    assert name_of("Miguel Treviño") == "Miguel Ángel Treviño Morales"
    assert name_of("Omar Treviño") == "Omar Treviño Morales"
    assert name_of("Nemesio Oseguera") == "Nemesio Oseguera Cervantes"
    assert name_of("Ovidio Guzmán") == "Ovidio Guzmán López"
    assert name_of("Miguel Ángel") is None  # no surname: could be anyone


def test_lone_common_surnames_are_not_resolved() -> None:
    for surname in ("Cole", "Patel", "Bondi", "Durham", "Carrillo Fuentes"):
        assert name_of(surname) is None, surname


def test_titles_before_a_name_are_understood() -> None:
    assert name_of("President Donald Trump") == "Donald Trump"
    assert name_of("Attorney General Pam Bondi") == "Pam Bondi"
    assert name_of("presidenta Claudia Sheinbaum") == "Claudia Sheinbaum"
    assert name_of("President Donald Trump", type="organization") is None


def test_iso_codes_name_countries() -> None:
    assert name_of("MX") == "Mexico"
    assert name_of("VE", type="place") == "Venezuela"


def test_unknown_and_empty() -> None:
    assert KB.lookup("") is None
    assert KB.lookup("  ,  ") is None
    assert KB.lookup("Roberto Salazar") is None
    assert KB.lookup("Kevin Gil Acosta") is None


def test_entry_fields() -> None:
    entry = KB.get("person/omar-garcia-harfuch")
    assert isinstance(entry, KBEntry)
    assert entry.type == "person" and entry.category == "official" and entry.country == "MX"
    assert "Security Minister" in entry.titles["en"]
    assert entry.member_of == "org/sspc"
    assert entry.all_names()[0] == "Omar García Harfuch"
    assert "Harfuch" in entry.all_names("en")
    assert KB.get("place/mexico").all_demonyms("es") == ("mexicano", "mexicana", "mexicanos", "mexicanas")
    assert "Mexican" not in KB.get("place/mexico").all_names()
    with pytest.raises(AttributeError):
        entry.name = "Someone Else"  # type: ignore[misc]
    assert KB.get("person/nobody") is None


def test_part_of_chain() -> None:
    culiacan = KB.lookup("Culiacán")
    assert culiacan.part_of == "place/sinaloa" and KB.get(culiacan.part_of).part_of == "place/mexico"
