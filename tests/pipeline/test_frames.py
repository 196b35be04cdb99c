"""Document-level frames, end to end with the real models on short reports written for
these tests: people listed under an introducing line paragraphs after the act, running
totals that must not become events, one event restated with a later date, and head
counts stated outside the trigger's own phrase."""
from __future__ import annotations

from datetime import date

import pytest

from newsledger.extract import extract_text
from newsledger.model import Event, Extraction
from newsledger.pipeline import nlp_for

PUBLISHED = date(2026, 3, 12)  # a Thursday: "Tuesday" / "este martes" is 10 March


def transfers(extraction: Extraction) -> list[Event]:
    return [e for e in extraction.events if e.type == "transfer"]


@pytest.fixture(scope="module")
def spanish_list() -> Extraction:
    return extract_text("""\
CIUDAD DE MÉXICO — El gobierno de México envió este martes a Estados Unidos a 31 reos \
vinculados con el narcotráfico.

El traslado se realizó en aviones de la Fuerza Aérea desde el aeropuerto de Toluca.

Entre las personas enviadas se encuentran las siguientes:

1. Aurelio Benítez Carrasco, alias «El Tordo», señalado como operador del Cártel de Sinaloa.
2. Fermín Olvera Castañeda, exlíder de Los Caballeros Templarios.
3. Rodrigo Quezada Lara, alias «El Güero», requerido por delitos contra la salud.

El resto de los trasladados tenía solicitudes de extradición pendientes.
""", published=PUBLISHED, language="es")


def test_numbered_list_names_the_people_of_the_event(spanish_list: Extraction) -> None:
    [event] = transfers(spanish_list)
    assert event.count == 31
    assert {"Aurelio Benítez Carrasco", "Fermín Olvera Castañeda", "Rodrigo Quezada Lara"} <= set(event.persons)
    assert "Sinaloa Cartel" in event.organizations
    assert "Knights Templar" in event.organizations


def test_english_bullets_under_the_group_included() -> None:
    extraction = extract_text("""\
MEXICO CITY — Mexico sent 18 prisoners to the United States on Tuesday.

The flight left from Toluca in the morning, officials said.

The group included:

- Luis Alberto Peña Soto, a commander of the Gulf Cartel.
- Horacio Villaseñor Tapia, wanted in Texas.
- Juan Manuel Ortega Ruiz, a Sinaloa Cartel money launderer.
""", published=PUBLISHED, language="en")
    [event] = transfers(extraction)
    assert event.count == 18
    assert {"Luis Alberto Peña Soto", "Horacio Villaseñor Tapia", "Juan Manuel Ortega Ruiz"} <= set(event.persons)
    assert {"Gulf Cartel", "Sinaloa Cartel"} <= set(event.organizations)


def test_bulleted_summary_lines_are_not_members() -> None:
    extraction = extract_text("""\
MEXICO CITY — Mexico sent 18 prisoners to the United States on Tuesday.

Key points:

- The transfer was approved by the National Security Council.
- Prosecutors in Texas will see most of the prisoners.
""", published=PUBLISHED, language="en")
    [event] = transfers(extraction)
    assert event.persons == []


@pytest.mark.parametrize("text, language", [
    ("MEXICO CITY — Mexico sent 37 prisoners to the United States on Tuesday. With the transfer, "
     "92 prisoners have been sent to the United States this year, the minister said.", "en"),
    ("CIUDAD DE MÉXICO — México envió este martes a Estados Unidos a 37 reos. Con este traslado, "
     "ya son 92 los criminales enviados a Estados Unidos.", "es"),
    ("CIUDAD DE MÉXICO — México envió este martes a Estados Unidos a 37 reos. Con ellos, "
     "se han entregado 92 criminales a ese país.", "es"),
])
def test_a_total_counted_on_top_of_the_event_is_no_event(text: str, language: str) -> None:
    extraction = extract_text(text, published=PUBLISHED, language=language)
    assert [e.count for e in transfers(extraction)] == [37]
    assert any(c.kind == "cumulative_total" and c.value == 92 for c in extraction.claims)


def test_a_count_that_adds_up_the_others_is_their_total() -> None:
    extraction = extract_text("""\
Mexico sent 29 prisoners to the United States in February 2025. In August 2025 it sent \
another 26 prisoners to the United States. Mexico has now handed 55 prisoners to U.S. \
authorities.
""", published=PUBLISHED, language="en")
    counts = sorted(e.count for e in transfers(extraction) if e.count)
    assert counts == [26, 29]


@pytest.mark.parametrize("text, language", [
    ("México envió el martes a Estados Unidos a 40 reos. El Departamento de Justicia celebró este "
     "miércoles la entrega de los 40 reos.", "es"),
    ("Mexico sent 40 prisoners to the United States on Tuesday. On Wednesday the Justice Department "
     "praised the handover of 40 prisoners.", "en"),
])
def test_one_event_praised_a_day_later_stays_one(text: str, language: str) -> None:
    extraction = extract_text(text, published=PUBLISHED, language=language)
    [event] = transfers(extraction)
    assert event.count == 40
    assert event.date.value == "2026-03-10"


@pytest.mark.parametrize("text, language", [
    ("Treinta y cuatro reos del penal del Altiplano fueron trasladados a Estados Unidos este martes.", "es"),
    ("En el primer envío, este martes, salieron del país 34 reos rumbo a Estados Unidos.", "es"),
])
def test_head_count_outside_the_trigger_phrase(text: str, language: str) -> None:
    [event] = transfers(extract_text(text, published=PUBLISHED, language=language))
    assert event.count == 34


def test_groups_listed_under_a_question_heading() -> None:
    extraction = extract_text("""\
Last Thursday, the State Department designated four criminal organizations as terrorist \
organizations.

Which groups are on the list?

1. The Sinaloa Cartel, one of the oldest trafficking groups.
2. The Gulf Cartel, based in Tamaulipas.
3. The Jalisco New Generation Cartel, led by a fugitive.
""", published=PUBLISHED, language="en")
    [event] = [e for e in extraction.events if e.type == "designation"]
    assert {"Sinaloa Cartel", "Gulf Cartel", "Jalisco New Generation Cartel"} <= set(event.organizations)


def test_frame_values_say_why(spanish_list: Extraction) -> None:
    [event] = transfers(spanish_list)
    assert event.provenance["persons:Fermín Olvera Castañeda"].rule == "persons.list-block"
    assert event.provenance["organizations:Knights Templar"].rule == "organizations.list-block"


def test_count_read_from_the_frame_says_why() -> None:
    [event] = transfers(extract_text(
        "Treinta y cuatro reos del penal del Altiplano fueron trasladados a Estados Unidos este martes.",
        published=PUBLISHED, language="es"))
    assert event.provenance["count"].rule in {"count.object", "count.frame"}


@pytest.mark.parametrize("text, language", [
    ("MEXICO CITY — Mexico sent 21 prisoners to the United States on Tuesday. The prisoners have been "
     "tied to the Sinaloa Cartel and the Gulf Cartel, officials said.", "en"),
    ("CIUDAD DE MÉXICO — México envió este martes a Estados Unidos a 21 reos. Las organizaciones a las "
     "que pertenecían los reos trasladados son el Cártel de Sinaloa y el Cártel del Golfo.", "es"),
])
def test_a_sentence_tying_the_people_to_groups_names_their_groups(text: str, language: str) -> None:
    [event] = [e for e in transfers(extract_text(text, published=PUBLISHED, language=language)) if e.count]
    assert {"Sinaloa Cartel", "Gulf Cartel"} <= set(event.organizations)
    assert event.provenance["organizations:Gulf Cartel"].rule in {"organizations.affiliation", "organizations.scope"}


def test_those_transferred_include() -> None:
    extraction = extract_text(
        "MEXICO CITY — Mexico sent 21 prisoners to the United States on Tuesday.\n\n"
        "Those transferred include Horacio Villaseñor Tapia, a leader of the Gulf Cartel.",
        published=PUBLISHED, language="en")
    [event] = transfers(extraction)
    assert "Horacio Villaseñor Tapia" in event.persons


def test_earlier_figures_of_the_series_with_de() -> None:
    extraction = extract_text(
        "CIUDAD DE MÉXICO — México envió este martes a Estados Unidos a 37 reos. Con él, ya son noventa y "
        "dos los detenidos remitidos a Estados Unidos, tras los veintinueve de febrero y los veintiséis de agosto.",
        published=PUBLISHED, language="es")
    counts = sorted(e.count for e in transfers(extraction) if e.count)
    assert counts == [26, 29, 37]


@pytest.mark.parametrize("text, language", [
    ("La Fiscalía General de la República informó que este martes fueron trasladados a Estados Unidos "
     "19 reos.", "es"),
    ("Security Minister Omar García Harfuch said 19 prisoners were flown to the United States on Tuesday.", "en"),
])
def test_origin_from_the_state_whose_authorities_state_the_transfer(text: str, language: str) -> None:
    [event] = transfers(extract_text(text, published=PUBLISHED, language=language))
    assert (event.origin, event.destination) == ("MX", "US")


def test_no_origin_from_the_destination_s_own_officials() -> None:
    extraction = extract_text("U.S. Attorney General Pam Bondi said 19 prisoners were flown to the United "
                              "States on Tuesday.", published=PUBLISHED, language="en")
    [event] = transfers(extraction)
    assert event.origin is None


def test_among_those_of_another_event_type_are_not_transfer_members() -> None:
    extraction = extract_text(
        "MEXICO CITY — Mexico sent 21 prisoners to the United States on Tuesday.\n\n"
        "In February, the State Department designated eight groups as terrorist organizations. "
        "The Gulf Cartel was among those designated.",
        published=PUBLISHED, language="en")
    [event] = [e for e in transfers(extraction) if e.count == 21]
    assert "Gulf Cartel" not in event.organizations


@pytest.mark.parametrize("text, language", [
    ("Para comparar: en el primer envío, el 3 de febrero, salieron del país 17 reos; en el segundo, "
     "el 9 de marzo, fueron 23.", "es"),
    ("For comparison: in the first transfer, on Feb. 3, Mexico sent 17 prisoners; in the second, "
     "on March 9, it was 23.", "en"),
])
def test_an_ordinal_standing_alone_is_the_next_event_of_the_series(text: str, language: str) -> None:
    extraction = extract_text(text, published=PUBLISHED, language=language)
    found = {(e.date.value, e.count) for e in transfers(extraction)}
    assert ("2026-03-09", 23) in found
    assert ("2026-02-03", 17) in found


def test_people_named_after_the_counted_phrase() -> None:
    extraction = extract_text(
        "En el primer envío, el 3 de febrero, salieron del país 17 reos, entre ellos Horacio Villaseñor "
        "Tapia; en el segundo, el 9 de marzo, fueron 23.", published=PUBLISHED, language="es")
    [first] = [e for e in transfers(extraction) if e.count == 17]
    assert "Horacio Villaseñor Tapia" in first.persons
    [second] = [e for e in transfers(extraction) if e.count == 23]
    assert "Horacio Villaseñor Tapia" not in second.persons



def test_gathering_a_count_keeps_every_frame_s_mentions() -> None:
    """Looking for an uncounted frame's head count (the killing here) must not take the
    mentions off the other frames: later steps read the sender from their sentences."""
    nlp = nlp_for("es")
    doc = nlp.make_doc(
        "SE CONCRETA EL ENVÍO DE 12 REOS A ESTADOS UNIDOS\n\n"
        "La Fiscalía General de la República informó que el día de hoy fueron trasladados a "
        "Estados Unidos doce reos. Uno de ellos es requerido por el homicidio de un policía en 2015.")
    doc._.nl_published, doc._.nl_language = PUBLISHED, "es"
    doc = nlp(doc)
    [transfer] = [e.id for e in doc._.nl_events if e.type == "transfer"]
    triggers = [doc[i].lower_ for i in doc._.nl_event_members[transfer]]
    assert triggers == ["envío", "trasladados"]


def test_earlier_events_recalled_by_a_figure_and_a_month() -> None:
    extraction = extract_text(
        "El martes el gobierno envió a 31 reos a Estados Unidos. Es el tercer envío de este tipo.\n\n"
        "—¿Cómo empezó todo?\n\n"
        "—En marzo del año pasado, con 17 presos, entre ellos Horacio Villaseñor Tapia, el hombre al que "
        "la DEA culpa del asesinato de un agente en 1990. Luego vinieron otros 22 en octubre. "
        "En diciembre siguió un tercer grupo de 12.",
        published=PUBLISHED, language="es")
    found = {(e.date.value, e.count) for e in transfers(extraction)}
    assert {("2025-03", 17), ("2025-10", 22), ("2025-12", 12)} <= found
    [march] = [e for e in transfers(extraction) if e.count == 17]
    assert march.persons == ["Horacio Villaseñor Tapia"]


def test_a_figure_and_a_month_outside_a_passage_about_a_series_is_no_event() -> None:
    extraction = extract_text(
        "El martes el gobierno envió a 31 reos a Estados Unidos.\n\n"
        "La economía creció poco este año. La inflación bajó en marzo. El gabinete se reunió a "
        "discutir el presupuesto. Los diputados votaron la reforma. El Senado la aprobó en abril. "
        "La oposición pidió cambios. En octubre llegaron 22 ciudadanos a la sesión.",
        published=PUBLISHED, language="es")
    assert [e.count for e in transfers(extraction)] == [31]
