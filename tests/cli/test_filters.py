"""The event filters `events` and `timeline` share, on the sample ledger."""
from __future__ import annotations

from tests.conftest import Invoke


def test_type_is_case_insensitive(cli: Invoke, samples_db: str) -> None:
    lower = cli("events", "--type", "transfer", db=samples_db)
    upper = cli("events", "--type", "TRANSFER", db=samples_db)
    assert lower.exit_code == upper.exit_code == 0
    assert lower.stdout == upper.stdout and "transfer" in lower.stdout


def test_unknown_type_is_refused_with_the_list(cli: Invoke, samples_db: str) -> None:
    result = cli("timeline", "--type", "extraditon", db=samples_db)
    assert result.exit_code == 2
    assert "unknown event type 'extraditon'" in result.stderr and "transfer" in result.stderr


def test_bad_country_code_is_refused(cli: Invoke, samples_db: str) -> None:
    result = cli("events", "--country", "Mexico", db=samples_db)
    assert result.exit_code == 2 and "two-letter ISO country code" in result.stderr


def test_timeline_narrows_by_type_and_dates(cli: Invoke, samples_db: str) -> None:
    everything = cli("timeline", db=samples_db).stdout
    transfers = cli("timeline", "--type", "transfer", "--since", "2025-08-01", "--until", "2025-12-31",
                    db=samples_db).stdout
    assert "seizure" in everything and "seizure" not in transfers
    assert "2025-08-12" in transfers and "2026-01-20" not in transfers and "2025-02-27" not in transfers


def test_timeline_narrows_by_entity_and_country(cli: Invoke, samples_db: str) -> None:
    cuini = cli("timeline", "--entity", "El Cuini", db=samples_db).stdout
    assert "Abigael González Valencia" in cuini and "2026-01-20" not in cuini
    venezuela = cli("timeline", "--country", "ve", db=samples_db)
    assert venezuela.exit_code == 0 and "Maduro" in venezuela.stdout and "Caro Quintero" not in venezuela.stdout


def test_events_narrow_by_words(cli: Invoke, samples_db: str) -> None:
    result = cli("events", "--text", "fentanyl", db=samples_db)
    assert result.exit_code == 0 and "seizure" in result.stdout and "transfer" not in result.stdout


def test_nothing_matching_says_so(cli: Invoke, samples_db: str) -> None:
    result = cli("timeline", "--since", "2030-01-01", db=samples_db)
    assert result.exit_code == 0 and result.stdout == "" and "no events match" in result.stderr


def test_bad_date_names_the_option(cli: Invoke, samples_db: str) -> None:
    result = cli("timeline", "--since", "last week", db=samples_db)
    assert result.exit_code == 1 and "--since" in result.stderr
