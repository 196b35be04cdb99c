"""The timeline overview: each event over the days its date leaves open, in few lanes."""
from __future__ import annotations

import re
from datetime import date

from newsledger.web.overview import Span, overview_svg


def _bars(svg: str) -> list[tuple[str, float, float, float]]:
    return [(kind, float(x), float(y), float(w)) for kind, x, y, w in
            re.findall(r'<rect class="(\w+)" x="([\d.]+)" y="([\d.]+)" width="([\d.]+)"', svg)]


def test_ranges_are_wider_than_days_and_linked() -> None:
    svg = str(overview_svg([Span("ev-a", "transfer · 27 Feb 2025", date(2025, 2, 27), date(2025, 2, 27)),
                            Span("ev-b", "arrest · Jul 2025", date(2025, 7, 1), date(2025, 7, 31)),
                            Span("ev-c", "killing · 2025", date(2025, 1, 1), date(2025, 12, 31))]))
    bars = _bars(svg)
    assert [b[0] for b in bars] == ["range", "day", "range"]  # in date order: the year first
    widths = {kind: w for kind, _, _, w in bars}
    assert widths["day"] < 10 < widths["range"]
    assert svg.count('<a href="/events/ev-') == 3
    assert "Jan 2025" in svg and ">Jul<" in svg


def test_bars_that_overlap_go_to_other_lanes() -> None:
    svg = str(overview_svg([Span("a", "a", date(2025, 1, 1), date(2025, 12, 31)),
                            Span("b", "b", date(2025, 3, 1), date(2025, 3, 1)),
                            Span("c", "c", date(2025, 6, 1), date(2025, 6, 1))]))
    lanes = [y for _, _, y, _ in _bars(svg)]
    assert lanes[0] != lanes[1] and lanes[1] == lanes[2]


def test_long_spans_tick_years_and_labels_are_escaped() -> None:
    svg = str(overview_svg([Span("a", "<script>", date(1985, 1, 1), date(1985, 12, 31)),
                            Span("b", "b", date(2026, 1, 20), date(2026, 1, 20))]))
    years = re.findall(r'text-anchor="middle">(\d{4})<', svg)
    assert years[0] == "1985" or int(years[0]) % 5 == 0
    assert len(years) <= 12 and "<script>" not in svg


def test_nothing_to_draw_for_fewer_than_two_events() -> None:
    assert overview_svg([]) is None
    assert overview_svg([Span("a", "a", date(2025, 1, 1), date(2025, 1, 1))]) is None
