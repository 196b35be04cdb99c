"""Claim types: the series a running total or an ordinal speaks of, read from the words
nearest to the figure, on sentences written for these tests and parsed by the real models."""
from datetime import date

import pytest

from newsledger.extract import extract_text
from newsledger.model import Event
from newsledger.pipeline.claimtypes import main_series

PUBLISHED = date(2026, 3, 12)


def claims(text: str, language: str) -> set[tuple[str, int, str | None]]:
    extraction = extract_text(text, published=PUBLISHED, language=language)
    return {(c.kind, c.value, c.event_type) for c in extraction.claims}


def test_a_total_is_typed_by_its_own_words_not_by_a_murder_in_an_aside() -> None:
    text = ("Guatemala entregó el lunes a Canadá a 20 reclusos. Es el tercer traslado del año "
            "—el primero, en marzo, incluyó al hombre acusado del asesinato de un juez en 2001— "
            "y con él suman ya 71 los reclusos entregados a Canadá.")
    found = claims(text, "es")
    assert ("cumulative_total", 71, "transfer") in found
    assert ("ordinal", 3, "transfer") in found
    assert ("ordinal", 1, "transfer") in found
    assert not {c for c in found if c[2] == "killing"}


def test_a_tally_of_killings_is_a_total_of_killings() -> None:
    found = claims("Desde entonces, la fiscalía estatal contabiliza más de 300 homicidios en la región.", "es")
    assert ("cumulative_total", 300, "killing") in found


def test_rounds_of_a_series_are_not_its_total() -> None:
    text = ("Honduras envió en mayo a Panamá a 12 presos. En total, 41 reclusos en tres envíos, "
            "sin pasar por un juez.")
    found = claims(text, "es")
    assert ("cumulative_total", 41, "transfer") in found
    assert ("cumulative_total", 3, "transfer") not in found


def test_an_english_total_beside_an_older_killing() -> None:
    text = ("Peru sent 18 prisoners to Chile on Monday. The handover, which included a man "
            "wanted for a 2004 murder, brings to 64 the number of inmates sent to Chile.")
    found = claims(text, "en")
    assert ("cumulative_total", 64, "transfer") in found


@pytest.mark.parametrize("events, members, allowed, expected", [
    ([Event("v1", "arrest"), Event("v2", "transfer", count=30)], {}, None, "transfer"),
    ([Event("v1", "military_operation"), Event("v2", "transfer")], {"v1": [1], "v2": [4, 9, 20]}, None, "transfer"),
    ([Event("v1", "military_operation"), Event("v2", "killing")], {"v1": [1, 2, 3]},
     frozenset({"killing", "transfer"}), "killing"),
    ([Event("v1", "transfer", hypothetical=True)], {}, None, None),
])
def test_main_series(events, members, allowed, expected) -> None:
    assert main_series(events, members, allowed) == expected


def test_a_count_tied_to_an_ordinal_is_a_count_claim() -> None:
    found = claims("Honduras envió en marzo a Panamá a 31 presos. En junio siguió un segundo grupo de 17.", "es")
    assert {("count", 31, "transfer"), ("ordinal", 2, "transfer"), ("count", 17, "transfer")} <= found


def test_an_elliptic_ordinal_predicate_is_a_count_but_its_date_is_not() -> None:
    text = ("Honduras envió el lunes a Panamá a 12 presos. En el primer envío, el 3 de marzo, salieron "
            "31 reos; en el segundo, el 9 de junio, fueron 17.")
    found = claims(text, "es")
    assert ("count", 17, "transfer") in found
    assert not {("count", 3, "transfer"), ("count", 9, "transfer")} & found


@pytest.mark.parametrize("text, language, value", [
    ("El Frente del Sur es una de las seis organizaciones que el gobierno de Canadá designó en mayo "
     "como organizaciones terroristas.", "es", 6),
    ("On Monday, Canada designated five criminal groups as terrorist organizations.", "en", 5),
])
def test_the_number_of_groups_an_act_names_is_a_count_claim(text: str, language: str, value: int) -> None:
    assert ("count", value, "designation") in claims(text, language)


def test_a_total_counts_the_act_that_governs_it_not_a_word_describing_the_people() -> None:
    text = "Since March Colombia has sent 48 detained gang leaders to Spain in two transfers, 20 in March and 28 in June."
    assert ("cumulative_total", 48, "transfer") in claims(text, "en")
