"""find(): spans and values in running text, and what must not be taken for a date.

The texts are built by hand after the dev articles (shared/eval/dev/docs) so that the
tests run without the shared folder.
"""
from __future__ import annotations

from datetime import date

import pytest

from newsledger.timex import TimexMatch, find

SEED = date(2026, 1, 20)


def pairs(text: str, anchor: date, language: str) -> list[tuple[str, str | None]]:
    found = find(text, anchor, language)
    for match in found:
        assert text[match.start:match.end] == match.text
    return [(m.text, m.date.value) for m in found]


def test_seed_article() -> None:
    text = ("MEXICO CITY — Mexico's security minister said Tuesday that it had sent another 37 "
            "members of Mexican drug cartels to the United States. It is the third time in less "
            "than one year that Mexico has sent detained cartel members. Tuesday's transfer "
            "included figures from the Sinaloa Cartel. A U.S. military operation in Venezuela "
            "deposed former President Nicolás Maduro earlier this month. Trump said: \u201cWe've "
            "knocked out 97% of the drugs.\u201d Last week, Mexico President Claudia Sheinbaum "
            "spoke with Trump. Last February, Mexico sent 29 cartel figures, including the killer "
            "of a U.S. DEA agent in 1985. In August, a second round saw 26 figures sent. After "
            "the August transfer, García Harfuch spoke. It had been rumored for weeks.")
    assert pairs(text, SEED, "en") == [
        ("Tuesday", "2026-01-20"), ("Tuesday", "2026-01-20"), ("earlier this month", "2026-01"),
        ("Last week", "2026-W03"), ("Last February", "2025-02"), ("in 1985", "1985"),
        ("In August", "2025-08"), ("August", "2025-08"),
    ]


def test_doj_article() -> None:
    text = ("Mexico handed 37 more fugitives over to the United States on Tuesday night, the "
            "Justice Department said Wednesday. The group brings to 92 the number of people "
            "Mexico has transferred in under a year, after 29 in February and 26 in August of "
            "last year. \"Today's transfer is a landmark.\" She denied that it had been agreed "
            "during her Jan. 12 phone call with President Donald Trump.")
    assert pairs(text, date(2026, 1, 21), "en") == [
        ("Tuesday night", "2026-01-20"), ("Wednesday", "2026-01-21"), ("in February", "2025-02"),
        ("in August of last year", "2025-08"), ("Today", "2026-01-21"), ("Jan. 12", "2026-01-12"),
    ]


def test_transfer_article() -> None:
    text = ("Mexico on Thursday sent 29 jailed cartel figures, among them the drug lord pursued "
            "for four decades for his role in the 1985 torture and killing of an agent. He spent "
            "28 years in a Mexican prison before a court freed him in 2013. The delegation tried "
            "to head off 25% tariffs that Trump has said will take effect next Tuesday.")
    assert pairs(text, date(2025, 2, 28), "en") == [
        ("Thursday", "2025-02-27"), ("1985", "1985"), ("in 2013", "2013"), ("next Tuesday", "2025-03-04"),
    ]


def test_months_of_a_past_year_in_review() -> None:
    text = ("The returns run opposite to the two mass transfers Mexico carried out this year, in "
            "which it sent 55 members: 29 in February and 26 in August. Sheinbaum said on July 31 "
            "that a 90-day extension held off 30% tariffs.")
    assert pairs(text, date(2025, 12, 6), "en") == [
        ("this year", "2025"), ("in February", "2025-02"), ("in August", "2025-08"),
        ("July 31", "2025-07-31"),
    ]


def test_spanish_articles() -> None:
    text = ("México envió este martes a Estados Unidos a otros 37 reos, con lo que suman 92 en "
            "menos de un año. Se trata del tercer envío masivo desde febrero de 2025 y del "
            "primero de 2026. Trump a principios de mes ordenó la operación. El pasado 12 de "
            "enero, Sheinbaum y Trump hablaron. El primer envío, el 27 de febrero de 2025, incluyó "
            "a 29 reos; en el segundo, el 12 de agosto, fueron entregados 26.")
    assert pairs(text, SEED, "es") == [
        ("este martes", "2026-01-20"), ("febrero de 2025", "2025-02"), ("2026", "2026"),
        ("a principios de mes", "2026-01"), ("El pasado 12 de enero", "2026-01-12"),
        ("el 27 de febrero de 2025", "2025-02-27"), ("el 12 de agosto", "2025-08-12"),
    ]
    call = ("Sheinbaum y Trump sostuvieron este lunes una conversación, cuatro días después de "
            "una entrevista transmitida el jueves pasado, en la que dijo que había eliminado el "
            "97% de la droga. La operación se lanzó el 3 de enero. En dos envíos realizados en "
            "2025, entregó a 56 narcotraficantes: 29 en febrero y 26 en agosto.")
    assert pairs(call, date(2026, 1, 13), "es") == [
        ("este lunes", "2026-01-12"), ("el jueves pasado", "2026-01-08"), ("el 3 de enero", "2026-01-03"),
        ("en 2025", "2025"), ("en febrero", "2025-02"), ("en agosto", "2025-08"),
    ]
    coming = "García Harfuch ofrecerá mañana miércoles una conferencia; el primer envío fue el pasado 27 de febrero."
    assert pairs(coming, date(2025, 8, 12), "es") == [
        ("mañana miércoles", "2025-08-13"), ("el pasado 27 de febrero", "2025-02-27"),
    ]


@pytest.mark.parametrize("text", [
    "The 29 prisoners and 37 more were flown out; 97% of the drugs; 25% tariffs.",
    "He was pursued for four decades and spent 28 years in prison, less than one year in all.",
    "They agreed to a 90-day extension; it had been rumored for weeks.",
    "A 2,000-strong force and 1,500 troops under Article 5 of the law.",
    "It may happen; protesters march; the second transfer; the first time.",
    "the 20th century and the 21st anniversary",
    "Theresa May said so.",
    "All twenty-six had pending orders; two thousand people attended.",
])
def test_no_false_positives_in_english(text: str) -> None:
    assert find(text, SEED, "en") == []


@pytest.mark.parametrize("text", [
    "Los 29 reos y el 97% de la droga; 3 mil elementos durante cuatro décadas.",
    "Pasó 28 años en prisión; en menos de un año; por la mañana; la mañana fue fría.",
    "El presidente de República Dominicana habló en Santo Domingo.",
    "el siglo XX, el artículo 5 de la ley",
    "Es sobrino de Ismael 'El Mayo' Zambada; El Mayo no declaró; su socio «Mayo» huyó.",
])
def test_no_false_positives_in_spanish(text: str) -> None:
    assert find(text, SEED, "es") == []


def test_matches_do_not_overlap_and_are_in_order() -> None:
    text = "On Friday, Jan. 16, 2026, and on Saturday, officials met; the 20th, they met again."
    found = find(text, SEED, "en")
    assert [m.text for m in found] == ["Friday, Jan. 16, 2026", "Saturday", "the 20th"]
    assert all(a.end <= b.start for a, b in zip(found, found[1:]))
    assert found[2].date.value == "2026-01-20"


def test_the_nth_belongs_to_the_month_just_named() -> None:
    assert pairs("Talks began on Dec. 3 and ended on the 5th.", SEED, "en") == [
        ("Dec. 3", "2025-12-03"), ("the 5th", "2025-12-05"),
    ]


def test_tense_decides_a_yearless_date_just_ahead() -> None:
    anchor = date(2025, 11, 20)
    assert pairs("The hearing will be held on Dec. 7.", anchor, "en") == [("Dec. 7", "2025-12-07")]
    assert pairs("He was arrested on Dec. 7.", anchor, "en") == [("Dec. 7", "2024-12-07")]
    assert pairs("The summit will take place in December.", anchor, "en") == [("in December", "2025-12")]
    assert pairs("Exports fell in December.", anchor, "en") == [("in December", "2024-12")]


def test_anaphora_follow_the_date_in_focus() -> None:
    text = "The raid took place on March 3, 2024. The following year, he was extradited; that day was cold."
    assert pairs(text, SEED, "en") == [
        ("March 3, 2024", "2024-03-03"), ("The following year", "2025"), ("that day", "2024-03-03"),
    ]
    assert pairs("La redada fue el 3 de marzo de 2024; al día siguiente lo detuvieron.", SEED, "es") == [
        ("el 3 de marzo de 2024", "2024-03-03"), ("al día siguiente", "2024-03-04"),
    ]


def test_match_is_a_frozen_record() -> None:
    match = find("said Tuesday", SEED, "en")[0]
    assert isinstance(match, TimexMatch)
    assert (match.start, match.end, match.text) == (5, 12, "Tuesday")
    with pytest.raises(AttributeError):
        match.start = 0  # type: ignore[misc]


def test_empty_text() -> None:
    assert find("", SEED, "en") == []
    assert find("", SEED, "es") == []
