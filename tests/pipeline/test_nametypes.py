"""Names the knowledge base does not know, on short reports written for these tests and
read by the real models: page furniture, calendar words and capitals are no names, a
known short name continued is a longer one, and each name gets one type by evidence."""
from datetime import date

import pytest
from spacy.tokens import Span

from newsledger.extract import extract_text
from newsledger.kb import fold
from newsledger.pipeline.nametypes import MAX_SHAPED, NameEvidence, name_data
from tests.pipeline.conftest import make_doc

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


# -- shaped names read from the token index ------------------------------------------------

def _shaped_names_straight(evidence, doc, taken, titles):
    """``NameEvidence.shaped_names`` written the straightforward way, a Token per position."""
    found = []
    i = 0
    while i < len(doc):
        j = i
        while j < len(doc) and j - i < MAX_SHAPED and j not in taken and evidence._name_word(doc[j], titles):
            j += 1
        inside = i > 0 and not doc[i].is_sent_start and not doc[i - 1].is_punct
        if inside and j > i and not (j < len(doc) and doc[j].pos_ == "PROPN" and doc[j].text[:1].isupper()):
            span = Span(doc, i, j, label="PER")
            if j - i == 1:
                head = evidence._head_before(span)
                kind = fold(head.text) if head is not None else ""
                label = "LOC" if kind in evidence.data.place_heads else "ORG" \
                    if kind in evidence.data.organization_heads else None
                span = Span(doc, i, j, label=label) if label else None
            if span is not None and not evidence.is_non_name(span):
                found.append(span)
        i = max(j, i + 1)
    return found


SHAPED = """
Ayer        ayer        ADV   advmod 2
llegaron    llegar      VERB  ROOT   2
Juan        Juan        PROPN nsubj  2
Pablo       Pablo       PROPN flat   3
Ruiz        Ruiz        PROPN flat   3
Soto        Soto        PROPN flat   3
Vega        Vega        PROPN flat   3
Lara        Lara        PROPN flat   3
y           y           CCONJ cc     9
Semanas     semana      PROPN conj   3
al          al          ADP   case   12
municipio   municipio   NOUN  nmod   2
de          de          ADP   case   14
Ahome       Ahome       PROPN nmod   12
con         con         ADP   case   17
el          el          DET   det    17
colectivo   colectivo   NOUN  obl    2
Hijas       Hijas       PROPN nmod   17
,           ,           PUNCT punct  20
Marta       Marta       PROPN appos  17
Ibarra      Ibarra      PROPN flat   20
y           y           CCONJ cc     23
ONU         ONU         PROPN conj   20
Ana         Ana         PROPN conj   20
"""


@pytest.mark.parametrize("taken", [set(), {4}, {12, 13}, set(range(2, 8))])
def test_shaped_names_are_those_of_a_token_per_position(taken: set[int]) -> None:
    """Runs longer than four words, a lexicon word, a taken word, a noun that says what a
    lone name is, a name after punctuation and one that ends the Doc: the same spans as
    reading every position as a Token."""
    doc = make_doc(SHAPED, lang="es")
    evidence = NameEvidence("es", frozenset({"semana"}))
    titles = frozenset({"ruiz"}) if taken else frozenset()
    found = evidence.shaped_names(doc, taken, titles)
    expected = _shaped_names_straight(evidence, doc, taken, titles)
    assert [(s.start, s.end, s.label_) for s in found] == [(s.start, s.end, s.label_) for s in expected]
    assert found  # the sentence has names to find
