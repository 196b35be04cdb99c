"""Country codes from names, codes, demonyms and government phrases."""
from __future__ import annotations

import pytest

from newsledger.kb import KnowledgeBase

KB = KnowledgeBase.default()


@pytest.mark.parametrize(("text", "code"), [
    ("Mexico", "MX"), ("México", "MX"), ("MEXICO", "MX"), ("Mexican", "MX"), ("mexicanos", "MX"),
    ("mexicanas", "MX"), ("Mexican government", "MX"), ("gobierno de México", "MX"),
    ("gobierno mexicano", "MX"), ("Mexico's government", "MX"), ("MX", "MX"),
    ("U.S.", "US"), ("US", "US"), ("USA", "US"), ("EE.UU.", "US"), ("EEUU", "US"), ("EE. UU.", "US"),
    ("Estados Unidos", "US"), ("estadounidense", "US"), ("estadounidenses", "US"), ("American", "US"),
    ("Americans", "US"), ("U.S. government", "US"), ("gobierno estadounidense", "US"),
    ("Venezuela", "VE"), ("venezolanos", "VE"), ("Colombian", "CO"), ("Canadá", "CA"),
    ("Sierra Leone", "SL"), ("Reino Unido", "GB"), ("the United States", "US"),
])
def test_country_code(text: str, code: str) -> None:
    assert KB.country_code(text) == code


@pytest.mark.parametrize("text", ["Washington", "Texas", "Sinaloa Cartel", "Latin American", "us", "",
                                  "Fox News", "Europe"])
def test_not_a_country(text: str) -> None:
    assert KB.country_code(text) is None


def test_eu_is_a_country_only_in_spanish() -> None:
    assert KB.country_code("EU") == "US"
    assert KB.country_code("EU", language="es") == "US"
    assert KB.country_code("EU", language="en") is None


def test_places_give_their_country_on_request() -> None:
    assert KB.country_code("Culiacán", places=True) == "MX"
    assert KB.country_code("Texas", places=True) == "US"
    assert KB.country_code("Washington", places=True) == "US"
    assert KB.country_code("Palermo", places=True) == "IT"


def test_demonym() -> None:
    assert KB.demonym("mexicana").id == "place/mexico"
    assert KB.demonym("Latin American").id == "place/latin-america"
    assert KB.demonym("Mexico") is None
