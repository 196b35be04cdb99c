"""Lists of dated figures ("29 in February and 26 in August"): earlier events of a series."""
import datetime

import pytest

from newsledger.extract import extract_text


@pytest.mark.parametrize("language,text", [
    ("en", "MEXICO CITY — Mexico has sent 55 prisoners to the United States this year, "
           "29 in February and 26 in August, officials said on Tuesday."),
    ("es", "CIUDAD DE MÉXICO — México ha enviado este año 55 reos a Estados Unidos, "
           "tras los 29 en febrero y 26 en agosto, dijeron funcionarios el martes."),
])
def test_a_dated_figure_is_an_event_of_the_series(language: str, text: str) -> None:
    result = extract_text(text, published=datetime.date(2025, 9, 10), language=language, source="t")
    august = [e for e in result.events if e.date.value == "2025-08"]
    assert [(e.type, e.count, e.origin, e.destination) for e in august] == [("transfer", 26, "MX", "US")]


def test_the_series_route_is_read_only_for_dated_figures(monkeypatch: pytest.MonkeyPatch) -> None:
    """The route of the series drafts the sentence's transfers again: a sentence with no
    figure before a date must not pay for it (and its reading does not change)."""
    from newsledger.pipeline.lists import ListReader

    drafted = []
    series = ListReader._series

    def counted(self, *args):
        drafted.append(args[0].text)
        return series(self, *args)

    monkeypatch.setattr(ListReader, "_series", counted)
    text = ("MEXICO CITY — Mexico sent 26 prisoners to the United States on Tuesday. "
            "Mexico has sent 55 prisoners this year, 29 in February and 26 in August.")
    result = extract_text(text, published=datetime.date(2025, 9, 10), language="en", source="t")
    assert len(drafted) == 1 and drafted[0].startswith("Mexico has sent 55")
    assert sorted(e.count or 0 for e in result.events if e.date.value == "2025-08") == [26]
