"""Names the knowledge base does not know, on short reports written for these tests and
read by the real models: page furniture, calendar words and capitals are no names, a
known short name continued is a longer one, and each name gets one type by evidence."""
from datetime import date

import pytest

from newsledger.extract import extract_text
from newsledger.pipeline.nametypes import name_data

PUBLISHED = date(2026, 3, 12)

SPANISH = """RADIO CUMBRE 101.5 FM · VOZ DEL NORTE

Redacción

Semanas después, el colectivo Hijas del Río Seco denunció la desaparición de tres jóvenes \
en el municipio de Tlacoyan. Lee también: Tlacoyan, la ciudad que nadie ve

Tlacoyan había vivido en calma. La Fiscalía General del Estado abrió una carpeta. \
La entrevista se transmitió por Radio Cumbre."""

DATELINE = """Culiacán, Sinaloa · Jueves 4 de marzo de 2026

Una avioneta con matrícula XC-LKR aterrizó el martes en un aeródromo de San Lorenzo, Chihuahua. \
A bordo iba Marcelo Quintana Ruelas, detenido por agentes federales. Quintana fue llevado a una prisión."""

ENGLISH = """OPINION

Background

Analysis: The plane, a Hercules with tail number N512QT, landed at an airfield in Port Arlen, \
Texas. Aboard was Marcelo Quintana Ruelas. Quintana was arrested by the Patel County Sheriff."""


def entities(text: str, language: str) -> dict[str, str]:
    found = extract_text(text, published=PUBLISHED, language=language).entities
    names = [e.name for e in found]
    assert len(names) == len(set(names)), f"a name with two types: {names}"
    return {e.name: e.type for e in found}


def test_spanish_page_furniture_capitals_and_types() -> None:
    assert entities(SPANISH, "es") == {
        "Hijas del Río Seco": "organization",        # "el colectivo …"
        "Tlacoyan": "place",                         # one type, voted over three mentions
        "Fiscalía General del Estado": "organization",  # not the federal FGR
        "Radio Cumbre": "organization",              # "CUMBRE" in the masthead joins it
    }


def test_dateline_weekday_and_registration_are_no_names() -> None:
    found = entities(DATELINE, "es")
    assert found["San Lorenzo"] == "place"
    assert found["Marcelo Quintana Ruelas"] == "person"
    assert not {"Jueves", "XC-LKR", "Quintana"} & set(found)


def test_english_section_labels_and_aircraft() -> None:
    found = entities(ENGLISH, "en")
    assert not {"Opinion", "Background", "Analysis", "Hercules", "N512QT"} & set(found)
    assert found["Port Arlen"] == "place"
    assert found["Marcelo Quintana Ruelas"] == "person"


@pytest.mark.parametrize("language", ["en", "es"])
def test_name_data_is_folded_and_shapes_compile(language: str) -> None:
    data = name_data(language)
    for words in (data.non_names, data.organization_heads, data.place_heads, data.thing_heads,
                  data.place_prefixes, data.organization_prefixes):
        assert words and all(w == w.lower().strip() for w in words)
    assert data.shapes and data.calendar


def test_a_name_the_model_reads_past_is_found_by_its_shape() -> None:
    text = ("Entre los enviados figura Raúl Peña, requerido por el asesinato del ayudante del "
            "sheriff del condado de Los Ángeles Mauricio Lerdo Anaya en 2011.")
    found = entities(text, "es")
    assert found.get("Mauricio Lerdo Anaya") == "person"
    assert "Los Ángeles" not in found or found["Los Ángeles"] == "place"


def test_a_fort_named_in_spanish_is_a_place_in_english_text() -> None:
    found = entities("Soldiers detained the smuggler Marcelo Quintana Ruelas at the Fuerte Yarumal "
                     "military complex on Tuesday.", "en")
    assert found.get("Fuerte Yarumal") == "place"


def test_a_name_after_the_word_airport_is_a_place() -> None:
    assert entities("El avión despegó del aeropuerto Ramiro Quezada Ortiz, en Celaya, el martes.",
                    "es").get("Ramiro Quezada Ortiz") == "place"
    assert entities("The detainees were flown from the airport Ramiro Quezada Ortiz to Houston.",
                    "en").get("Ramiro Quezada Ortiz") == "place"


def test_a_photo_credit_is_no_name() -> None:
    found = entities("Los detenidos llegaron a la capital.\nFoto Lucía Berriozábal\n3 de marzo de 2026", "es")
    assert not any("Berriozábal" in name for name in found), found


def test_a_capitalised_plural_cut_at_a_particle_is_no_name() -> None:
    found = entities("Helicópteros del Ejército y de la Marina trasladaron a los detenidos.", "es")
    assert not any(name.lower().startswith("helicópteros") for name in found), found
