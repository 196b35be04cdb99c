"""The sender a report leaves implied, from the state it speaks from (``homeland``), on
short reports written for these tests."""
from __future__ import annotations

from datetime import date

from newsledger.extract import extract_text
from newsledger.model import Event

PUBLISHED = date(2026, 3, 12)


def transfers(text: str, language: str = "es") -> list[Event]:
    return [e for e in extract_text(text, published=PUBLISHED, language=language).events
            if e.type == "transfer"]


def test_an_interview_s_federal_government_is_the_report_s_state() -> None:
    [event] = transfers(
        "Entrevista con un investigador de Guadalajara.\n\n"
        "—¿Qué pasó el martes?\n\n"
        "—El gobierno federal subió a 18 reos a un avión en Toluca y los entregó a las autoridades de "
        "Estados Unidos. Lo decidió el Consejo de Seguridad Nacional, y la presidenta Claudia Sheinbaum "
        "lo defendió en Palacio Nacional. En Sinaloa y en Michoacán nadie se sorprendió.")
    assert (event.origin, event.destination, event.count) == ("MX", "US", 18)
    assert event.agents == ["Mexico"]
    assert event.provenance["origin"].rule == "origin.home-country"


def test_no_sender_when_no_state_is_clearly_ahead() -> None:
    [event] = transfers(
        "El martes fueron entregados 18 reos a las autoridades de Estados Unidos. Venezuela y Colombia "
        "siguieron el caso; Caracas y Bogotá no opinaron.")
    assert event.destination == "US"
    assert event.origin is None


def test_the_destination_s_own_state_is_never_the_sender() -> None:
    [event] = transfers(
        "WASHINGTON — Federal prosecutors in Texas and New York said 18 prisoners were flown to the "
        "United States on Tuesday. The Justice Department and the FBI in Houston took custody.",
        language="en")
    assert event.origin is None
