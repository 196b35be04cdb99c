"""Event detection across a document, on sentences written for these tests: which words
make an event, which mentions are one event, which are planned, and where they happened."""
from __future__ import annotations

from datetime import date

from newsledger.extract import extract_text
from newsledger.model import Event
from newsledger.pipeline.triggers import TriggerFinder
from tests.pipeline.conftest import make_doc

PUBLISHED = date(2026, 3, 12)  # a Thursday


def events(text: str, language: str = "es", kind: str | None = None) -> list[Event]:
    found = extract_text(text, published=PUBLISHED, language=language).events
    return [e for e in found if kind is None or e.type == kind]


# -- triggers --------------------------------------------------------------------------
def test_people_pronoun_object_makes_a_transfer() -> None:
    [event] = events("El lunes la Guardia Nacional subió a 12 mujeres a un avión y las entregó "
                     "a las autoridades de Estados Unidos.", kind="transfer")
    assert (event.count, event.destination) == (12, "US")


def test_returning_prisoners_is_a_transfer_from_the_returning_state() -> None:
    [event] = events("El lunes, Estados Unidos devolvió a 9 presos mexicanos para que cumplan su "
                     "condena en México.", kind="transfer")
    assert (event.count, event.origin, event.destination) == (9, "US", "MX")


def test_another_group_taking_place_is_a_further_event() -> None:
    found = events("En enero México entregó 40 reos a Estados Unidos. Después vinieron otros 15 en "
                   "febrero.", kind="transfer")
    assert sorted((e.count, e.date.value) for e in found) == [(15, "2026-02"), (40, "2026-01")]


def test_another_group_in_english() -> None:
    found = events("Mexico sent 40 prisoners to the United States in January. Another 15 followed "
                   "in February.", language="en", kind="transfer")
    assert sorted(e.count for e in found) == [15, 40]


def test_an_ordinal_group_with_its_own_count() -> None:
    found = events("En enero México envió 40 reos a Estados Unidos. En febrero llegó un segundo "
                   "grupo de 15.", kind="transfer")
    assert sorted((e.count, e.date.value) for e in found) == [(15, "2026-02"), (40, "2026-01")]


def test_a_verb_misread_as_a_name_is_repaired() -> None:
    doc = make_doc("""
        Washington  Washington  PROPN  nsubj  1
        designó     designó     PROPN  ROOT   1
        a           a           ADP    case   3
        grupos      grupo       NOUN   obj    1
        terroristas terrorista  ADJ    amod   3
        .           .           PUNCT  punct  1
    """, lang="es")
    finder = TriggerFinder("es", set(), set())
    finder.repair(doc[:])
    assert (doc[1].pos_, doc[1].lemma_) == ("VERB", "designar")
    assert [t.type for t in finder.find(doc[:])] == ["designation"]


def test_entering_groups_on_a_terrorist_list_is_a_designation() -> None:
    [event] = events("En abril, el Departamento de Estado inscribió al Cártel del Golfo en su lista "
                     "de organizaciones terroristas.", kind="designation")
    assert "Gulf Cartel" in event.organizations


def test_threat_to_use_military_force_is_a_planned_operation() -> None:
    [event] = events("El presidente estadounidense amenazó con usar la fuerza militar contra los "
                     "cárteles.", kind="military_operation")
    assert event.hypothetical
    [event] = events("The president threatened to use military force against the cartels.",
                     language="en", kind="military_operation")
    assert event.hypothetical


def test_police_force_is_no_military_operation() -> None:
    assert events("La policía usó la fuerza pública para desalojar la plaza.", kind="military_operation") == []
    assert events("Police used excessive force against the protesters.", language="en",
                  kind="military_operation") == []


def test_a_criminal_calling_a_meeting_is_no_consultation() -> None:
    assert events("Según la fiscalía, Ovidio Guzmán López convocó a una reunión en Culiacán.",
                  kind="consultation") == []


def test_a_definite_plural_event_noun_is_the_series() -> None:
    found = events("El martes México envió a 20 reos a Estados Unidos. Si Washington decide que los "
                   "traslados no bastan, habrá problemas.", kind="transfer")
    assert [e.count for e in found] == [20]


# -- modality --------------------------------------------------------------------------
def test_an_expected_event_is_hypothetical() -> None:
    [event] = events("En el gobierno se da por hecho que habrá un nuevo traslado de reos a Estados "
                     "Unidos.", kind="transfer")
    assert event.hypothetical


def test_a_possible_event_is_hypothetical() -> None:
    [event] = events("Fuentes oficiales hablan de un posible envío de reos a Estados Unidos.", kind="transfer")
    assert event.hypothetical


# -- frames ----------------------------------------------------------------------------
def test_arrests_of_different_people_stay_apart() -> None:
    found = events("Ismael Zambada García was taken into custody in New Mexico in July. A video "
                   "claimed that Nemesio Oseguera Cervantes had been captured in Jalisco.",
                   language="en", kind="arrest")
    assert len(found) == 2


def test_a_returned_group_does_not_set_the_series_route() -> None:
    found = events("En enero México envió a 29 reos a Estados Unidos. En febrero, Washington devolvió "
                   "a 14 presos mexicanos. En marzo siguió un segundo grupo de 26.", kind="transfer")
    [later] = [e for e in found if e.count == 26]
    assert later.destination != "MX" and later.origin != "US"


# -- location --------------------------------------------------------------------------
def test_a_place_behind_another_preposition_is_not_where() -> None:
    [event] = events("Ovidio Guzmán López fue detenido en un momento delicado para la relación con "
                     "Washington.", kind="arrest")
    assert event.location is None


def test_a_place_of_the_locative_phrase_is_where() -> None:
    [event] = events("Militares aseguraron 300 kilos de cocaína en una bodega de Culiacán.", kind="seizure")
    assert event.location == "Culiacán"


# -- ellipses of the series ------------------------------------------------------------
def test_a_verbless_answer_dating_a_head_count_is_one_more_event() -> None:
    found = events("El martes México entregó a 40 reos a Estados Unidos.\n\n"
                   "—¿Y el primero?\n\n"
                   "—En enero, con 12 reos, entre ellos Ovidio Guzmán López, el hombre al que "
                   "acusan del asesinato de un policía.", kind="transfer")
    [first] = [e for e in found if e.count == 12]
    assert first.date.value == "2026-01"
    assert first.persons == ["Ovidio Guzmán López"]


def test_another_one_under_a_conditional_is_planned_not_denied() -> None:
    found = events("El martes se concretó el envío de 40 reos a Estados Unidos. Un analista no "
                   "descartaría otro antes del verano.", kind="transfer")
    [later] = [e for e in found if e.count is None]
    assert later.hypothetical and not later.negated


def test_a_denial_that_is_itself_denied_denies_nothing() -> None:
    [event] = events("The minister did not rule out another military intervention.", language="en",
                     kind="military_operation")
    assert not event.negated


def test_a_transfer_with_no_side_named_goes_where_the_series_goes() -> None:
    found = events("El martes se envió a 40 reos a Estados Unidos. Luego vinieron otros 15 en "
                   "febrero.", kind="transfer")
    assert [e.destination for e in found] == ["US", "US"]


def test_a_scheduled_sentencing_hearing_is_a_planned_charge() -> None:
    found = events("Zambada se declaró culpable el lunes en Brooklyn. La audiencia de sentencia quedó "
                   "programada para el 13 de enero de 2027.", kind="charge")
    [hearing] = [e for e in found if e.hypothetical]
    assert hearing.date.value == "2027-01-13"
