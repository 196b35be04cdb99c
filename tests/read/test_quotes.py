"""Quotes and mentions from every stored report, whether or not an event holds them."""
from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from newsledger.read.quotes import find_quotes, mentioned
from newsledger.store import Store
from tests.conftest import Invoke
from tests.postgres import BACKENDS, PG_URL, empty_postgres

# Written for this test: a transfer, a lawyer who is only quoted, a governor only named.
ARTICLE = """---
title: Mexico hands 14 prisoners to the United States
published: 2025-06-02
outlet: Harbor Ledger
---
MEXICO CITY — Mexico sent 14 imprisoned cartel members to the United States on Monday, officials said.

"My client was never told he would be moved," said Patricia Llorente Vidal, a lawyer for one of the men.

Sonora governor Rodrigo Salcedo Ibarra attended a security meeting in Hermosillo the same day.
"""


@pytest.fixture(scope="module", params=BACKENDS)
def store(request: pytest.FixtureRequest, cli: Invoke, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:
    """The article ingested into a SQLite file, or into the emptied scratch PostgreSQL
    database (no other fixture of this module empties it meanwhile)."""
    folder = tmp_path_factory.mktemp("quotes")
    path = folder / "lawyer.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    if request.param == "sqlite":
        url = f"sqlite:///{folder / 'quotes.db'}"
    else:
        assert PG_URL
        empty_postgres(PG_URL)
        url = PG_URL
    assert cli("ingest", path, db=url).exit_code == 0
    with Store(url, read_only=True) as opened:
        yield opened


def test_quotes_by_surname_any_case(store: Store) -> None:
    found = find_quotes(store, speaker="llorente vidal")
    assert [view.quote.speaker for view in found] == ["Patricia Llorente Vidal"]
    assert "never told" in found[0].quote.text
    assert found[0].document.outlet == "Harbor Ledger"


def test_quote_offsets_point_into_the_stored_text(store: Store) -> None:
    view = find_quotes(store, speaker="Patricia Llorente Vidal")[0]
    assert store.text(view.document.id)[view.quote.start:view.quote.end] == view.quote.text


def test_quotes_narrowed_by_outlet_and_date(store: Store) -> None:
    assert find_quotes(store, outlet="harbor ledger")
    assert not find_quotes(store, outlet="Another Paper")
    assert not find_quotes(store, since=date(2025, 6, 3))
    assert find_quotes(store, until=date(2025, 6, 2))


def test_someone_only_quoted_is_found_with_sources(store: Store) -> None:
    view = mentioned(store, "Llorente")
    assert view is not None and view.name == "Patricia Llorente Vidal"
    assert view.events == [] and [d.outlet for d in view.sources] == ["Harbor Ledger"]


def test_a_part_of_a_place_name_is_not_the_place(store: Store) -> None:
    assert mentioned(store, "Nobody Known") is None


def test_cli_entity_finds_a_person_only_named(cli: Invoke, store: Store) -> None:
    result = cli("entity", "Salcedo", "Ibarra", db=store.url)
    assert result.exit_code == 0, result.stderr
    assert "Rodrigo Salcedo Ibarra" in result.stdout and "events (0)" in result.stdout


def test_cli_quotes_json(cli: Invoke, store: Store) -> None:
    import json

    result = cli("quotes", "--speaker", "Llorente", "--format", "json", db=store.url)
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert data[0]["speaker"] == "Patricia Llorente Vidal" and data[0]["document"]["outlet"] == "Harbor Ledger"


def test_cli_quotes_nothing_matching(cli: Invoke, store: Store) -> None:
    result = cli("quotes", "--speaker", "Nobody", db=store.url)
    assert result.exit_code == 0 and "no quotes match" in result.stdout
