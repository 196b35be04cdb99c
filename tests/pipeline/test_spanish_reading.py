"""Spanish sentence-level reading with the real model, on sentences written for these
tests: passives, misplaced objects, figures written twice, light verbs, a country named
before, and negation or hypothesis scoped to the trigger's own clause."""
from __future__ import annotations

from datetime import date

import pytest

from newsledger.extract import extract_text
from newsledger.model import Event

PUBLISHED = date(2026, 3, 12)  # a Thursday


def transfers(text: str) -> list[Event]:
    return [e for e in extract_text(text, published=PUBLISHED, language="es").events if e.type == "transfer"]


def only_transfer(text: str) -> Event:
    [event] = transfers(text)
    return event


def test_passive_subject_is_the_count() -> None:
    event = only_transfer("Catorce reos del penal de Puente Grande fueron trasladados a Estados Unidos.")
    assert (event.count, event.destination) == (14, "US")


def test_figure_written_in_words_and_digits() -> None:
    event = only_transfer("Las autoridades informaron que fueron enviados a Estados Unidos "
                          "veintiséis (26) detenidos.")
    assert (event.count, event.destination) == (26, "US")


def test_misplaced_personal_a_object_still_makes_a_transfer() -> None:
    event = only_transfer("La dependencia envió a Estados Unidos, sin usar la vía diplomática, "
                          "a 41 peligrosos reos.")
    assert (event.count, event.destination, event.origin) == (41, "US", None)


def test_light_verb_carries_the_nouns_arguments_and_a_country_named_before() -> None:
    event = only_transfer("Por solicitud de Estados Unidos, el Gobierno federal realizó el envío a esa "
                          "nación de 18 de los más buscados narcotraficantes del país.")
    assert (event.count, event.destination) == (18, "US")


def test_country_after_a_holder_noun() -> None:
    event = only_transfer("Los 11 acusados fueron entregados a las autoridades estadunidenses el martes.")
    assert event.destination == "US"
    assert event.date.value == "2026-03-10"


def test_an_article_is_not_a_count() -> None:
    event = only_transfer("Fuentes federales hablan de un posible nuevo envío de reos a Estados Unidos.")
    assert event.count is None


def test_transferir_is_a_transfer() -> None:
    event = only_transfer("Fueron transferidos el 3 de marzo a México 9 reclusos.")
    assert (event.count, event.destination, event.date.value) == (9, "MX", "2026-03-03")


def test_what_an_act_was_called_is_no_event() -> None:
    assert transfers("La Fiscalía precisó que no se trató de una extradición.") == []
    assert transfers("Los capos fueron enviados a Estados Unidos sin pasar por los procesos de "
                     "extradición.")[0].negated is False


def test_a_bare_noun_after_de_is_a_kind_not_an_act() -> None:
    assert transfers("Los abogados revisaron los canales de extradición vigentes.") == []


def test_a_known_event_said_to_have_a_future_effect_is_not_planned() -> None:
    event = only_transfer("El vocero dijo que el traslado no representará problemas jurídicos.")
    assert not event.hypothetical and not event.negated


def test_a_new_event_that_could_happen_is_planned() -> None:
    event = only_transfer("El funcionario dijo que otro envío podría llegar en abril.")
    assert event.hypothetical


def test_a_threat_makes_only_its_own_clause_hypothetical() -> None:
    found = transfers("El mandatario amenazó con enviar a 12 detenidos a Estados Unidos, pero el gobierno "
                      "envió el martes a 26 reos a Guatemala.")
    by_count = {e.count: e for e in found}
    assert by_count[12].hypothetical and not by_count[26].hypothetical


def test_modal_in_one_clause_leaves_the_coordinated_act_real() -> None:
    found = transfers("La dependencia informó que el gobierno podría enviar a otros reos a Estados Unidos "
                      "y que el martes entregó a 18 presos.")
    by_count = {e.count: e for e in found}
    assert not by_count[18].hypothetical
    assert any(e.hypothetical for e in found)


def test_a_denied_penalty_does_not_deny_the_transfer() -> None:
    event = only_transfer("La fiscalía aclaró que no se pedirá la pena de muerte contra los 26 enviados "
                          "a Estados Unidos el martes.")
    assert not event.negated and not event.hypothetical


@pytest.mark.parametrize("verb", ["tiene contemplado", "tiene previsto"])
def test_a_periphrastic_plan_is_planned_and_denied(verb: str) -> None:
    event = only_transfer(f"No se {verb} algún otro envío masivo a Estados Unidos, dijo la presidenta.")
    assert event.negated and event.hypothetical


def test_a_participle_naming_people_is_no_arrest() -> None:
    events = extract_text("El gobierno envió a los 12 detenidos a Estados Unidos el martes.",
                          published=PUBLISHED, language="es").events
    assert [e.type for e in events] == ["transfer"]


def test_an_ordinal_standing_for_the_event_noun_is_an_earlier_event() -> None:
    found = transfers("Chile entregó el martes a 15 reos a Estados Unidos; es el segundo envío de ese tipo, "
                      "hubo un primero el 4 de enero.")
    dates = sorted(str(e.date.value) for e in found)
    assert dates == ["2026-01-04", "2026-03-10"]


def test_an_ordinal_clause_gives_its_figure() -> None:
    found = transfers("En el primer envío, el 4 de enero, viajaron 11 reos; en el segundo, el 9 de febrero, "
                      "fueron 13.")
    assert {(str(e.date.value), e.count) for e in found} >= {("2026-02-09", 13)}


def test_counts_with_an_article_before_a_month_are_earlier_events() -> None:
    found = transfers("Tras los diecisiete de enero y los veintitrés de febrero, el gobierno envió a "
                      "37 reos a Estados Unidos.")
    by_count = {e.count: e for e in found}
    assert by_count[17].date.value == "2026-01" and by_count[23].date.value == "2026-02"
    assert by_count[37].date.value is None


def test_the_day_a_transfer_is_praised_is_not_its_date() -> None:
    found = transfers("El Departamento de Justicia celebró este miércoles la entrega de los 21 reos "
                      "que Guatemala envió el lunes.")
    assert all(e.date.value != "2026-03-11" for e in found)
    assert any(e.date.value == "2026-03-09" for e in found)


def test_an_official_of_the_sending_country_announces_a_passive_transfer() -> None:
    event = only_transfer("Omar García Harfuch informó que fueron trasladados a Estados Unidos 19 reos "
                          "de tres penales federales.")
    assert (event.origin, event.destination, event.count) == ("MX", "US", 19)


def test_a_running_total_with_ya_son_is_no_event() -> None:
    found = transfers("Con este envío, ya son 77 los reos enviados a Estados Unidos en esta administración.")
    assert all(e.count != 77 for e in found)


def test_expelled_from_a_country_names_the_origin_and_a_request_no_destination() -> None:
    event = only_transfer("Las autoridades confirmaron que el capo fue expulsado de México, a petición "
                          "del gobierno de Guatemala.")
    assert (event.origin, event.destination) == ("MX", None)


def test_en_manos_de_names_the_destination() -> None:
    event = only_transfer("El gobierno de Honduras puso en manos de la justicia estadounidense a 8 "
                          "narcotraficantes el lunes.")
    assert event.destination == "US"


def test_a_figure_before_a_unit_of_time_is_no_head_count() -> None:
    extraction = extract_text(
        "Es el segundo envío del año; el primero, el 3 de febrero, incluyó a Horacio Villaseñor Tapia, "
        "a quien la DEA buscó durante tres décadas.", published=PUBLISHED, language="es")
    first = next(e for e in extraction.events if e.type == "transfer" and e.date.value == "2026-02-03")
    assert first.count is None


def test_the_people_an_elided_earlier_event_included() -> None:
    extraction = extract_text(
        "Es el segundo envío del año; el primero, el 3 de febrero, incluyó a Horacio Villaseñor Tapia, "
        "a quien la DEA culpa del asesinato del agente Julián Ortega Ríos.", published=PUBLISHED, language="es")
    first = next(e for e in extraction.events if e.type == "transfer" and e.date.value == "2026-02-03")
    assert first.persons == ["Horacio Villaseñor Tapia"]


def test_a_feminine_object_pronoun_stands_for_the_people_moved() -> None:
    event = only_transfer("El martes el gobierno subió a 23 mujeres a un avión en Toluca y las entregó a "
                          "las autoridades de Estados Unidos.")
    assert (event.count, event.destination, event.date.value) == (23, "US", "2026-03-10")


def test_a_body_designating_acts_for_its_state_and_a_finer_date_says_when() -> None:
    extraction = extract_text(
        "Hace casi un año, en abril pasado, el Departamento de Estado designó como organizaciones "
        "terroristas a tres grupos, entre ellos el Cártel del Golfo.", published=PUBLISHED, language="es")
    [event] = [e for e in extraction.events if e.type == "designation"]
    assert event.agents == ["U.S. Department of State", "United States"]
    assert event.date.value == "2025-04"


def test_who_pleads_guilty_is_the_accused_not_a_speaker() -> None:
    extraction = extract_text("El narcotraficante Horacio Villaseñor Tapia se declaró culpable este lunes ante "
                              "una corte federal de Chicago.", published=PUBLISHED, language="es")
    [event] = [e for e in extraction.events if e.type == "charge"]
    assert event.persons == ["Horacio Villaseñor Tapia"]


def test_the_finer_of_two_nested_places_is_where_the_act_happened() -> None:
    extraction = extract_text(
        "Villaseñor se declara culpable en Nueva York\n\n"
        "El narcotraficante Horacio Villaseñor Tapia se declaró culpable este lunes en Brooklyn, ante "
        "un juez federal.", published=PUBLISHED, language="es")
    [event] = [e for e in extraction.events if e.type == "charge"]
    assert event.location == "Brooklyn"


def test_el_hoy_de_una_cita_es_el_dia_en_que_se_dijo() -> None:
    event = only_transfer('"Hoy entregamos a 17 reos a España", dijo el ministro el martes.')
    assert event.date.value == "2026-03-10" and event.count == 17


def test_the_day_a_transfer_is_announced_dates_it() -> None:
    event = only_transfer("El lunes la Secretaría de Seguridad informó el envío a Estados Unidos de 12 reos "
                          "de penales federales.")
    assert event.date.value == "2026-03-09"


def test_the_day_a_transfer_is_thanked_for_does_not_date_it() -> None:
    event = only_transfer("El lunes la embajada agradeció el envío a Estados Unidos de 12 reos de penales federales.")
    assert event.date.value is None


def test_a_passive_without_subject_moves_the_people_of_the_sentence_before() -> None:
    event = only_transfer("Los 14 reclusos pidieron volver a su país. Tras la aprobación de ambos gobiernos, "
                          "fueron transferidos el 5 de marzo.")
    assert event.date.value == "2026-03-05"


def test_a_passive_without_subject_after_money_moves_no_one() -> None:
    assert transfers("Los fondos llegaron tarde. Fueron transferidos el 5 de marzo.") == []


def test_a_municipality_named_by_its_head_noun_is_the_location() -> None:
    [event] = [e for e in extract_text("Soldados aseguraron el martes 300 kilos de cocaína en el municipio "
                                       "de Choix, al norte de Sinaloa.", published=PUBLISHED, language="es").events
               if e.type == "seizure"]
    assert event.location == "Choix"
