"""Correcting the ledger from the command line: re-ingest with new metadata, `documents`,
`reprocess`, `delete`, `failures` one per source, and merges with a safety net
(`merge` refusing conflicts, `--force`, `decisions`, `forget`).

The corpus is three short transfer reports written for these tests, after the dev
corpus's series: 29 on 2025-02-27, 26 on 2025-08-12 (55 in all) and 37 on 2026-01-20
(92 in all); the third has no date of its own. Each test runs on SQLite, and on
PostgreSQL too when NEWSLEDGER_TEST_PG is set.
"""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.conftest import Invoke

FIRST = """---
published: 2025-02-28
---
MEXICO CITY — Mexico sent 29 cartel prisoners to the United States on Thursday, Security Minister Omar \
García Harfuch said. Among them was the drug lord Rafael Caro Quintero.
"""
SECOND = """---
published: 2025-08-13
---
MEXICO CITY — Mexico sent 26 more cartel prisoners to the United States on Tuesday, Security Minister Omar \
García Harfuch said, bringing to 55 the number sent this year.
"""
THIRD = """MEXICO CITY — Mexico sent 37 more cartel members to the United States on Tuesday, Security Minister \
Omar García Harfuch said. It was the third such transfer; the government has sent 92 people in total.
"""


@pytest.fixture()
def db(db_url: str) -> str:
    """The shared fixture's empty database (SQLite, and PostgreSQL when configured)."""
    return db_url


@pytest.fixture()
def corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "corpus"
    folder.mkdir()
    for name, text in (("first.txt", FIRST), ("second.txt", SECOND), ("third.txt", THIRD)):
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def ingested(cli: Invoke, db: str, corpus: Path) -> None:
    """The three reports, the third with the date it lacks."""
    assert cli("ingest", corpus / "first.txt", corpus / "second.txt", db=db).exit_code == 0
    assert cli("ingest", "--published", "2026-01-21", corpus / "third.txt", db=db).exit_code == 0


def running(cli: Invoke, db: str) -> list[int]:
    """The running totals of the MX → US transfers, as `tally` prints them."""
    result = cli("tally", "transfer", "--from", "MX", "--to", "US", db=db)
    assert result.exit_code == 0, result.stderr
    counted = result.stdout.split("not counted")[0]
    return [int(m.group(1)) for m in re.finditer(r"^\S+\s+\d+\s+(\d+)\s+\d+\s+ev-", counted, re.M)]


def report_numbers(cli: Invoke, db: str) -> dict[int, str]:
    """Stored transfer reports by count: the numbers `show` takes."""
    out = cli("events", "--reports", db=db).stdout
    return {int(m.group(2)): m.group(1) for m in re.finditer(r"^(\d+)\s+\S+\s+transfer\s+(\d+)", out, re.M)}


def test_reingest_with_published_corrects_the_date(cli: Invoke, db: str, corpus: Path) -> None:
    assert cli("ingest", corpus, db=db).exit_code == 0
    assert running(cli, db) == [29, 55]  # the undated third transfer is not counted
    again = cli("ingest", "--published", "2026-01-21", corpus / "third.txt", db=db)
    assert again.exit_code == 0, again.stderr
    assert again.stdout.strip() == "stored 0, updated 1, duplicates 0, failed 0, events 1"
    assert running(cli, db) == [29, 55, 92]
    assert "2026-01-20" in cli("timeline", db=db).stdout
    assert re.search(r"2026-01-21\s+en\s+1\s+merged\s+\S*third\.txt", cli("documents", db=db).stdout)
    # The same text without new metadata is a duplicate again, and changes nothing.
    assert cli("ingest", corpus / "third.txt", db=db).stdout.startswith("stored 0, duplicates 1")
    assert running(cli, db) == [29, 55, 92]


def test_documents_lists_and_filters(cli: Invoke, db: str, corpus: Path) -> None:
    ingested(cli, db, corpus)
    (corpus / "empty.txt").write_text("", encoding="utf-8")
    cli("ingest", corpus / "empty.txt", db=db)
    listed = cli("documents", db=db).stdout
    assert re.findall(r"(\w+)\.txt", listed) == ["first", "second", "third", "empty"]
    assert "failed" in listed and "empty file" in listed
    since = cli("documents", "--since", "2025-08-01", db=db).stdout
    assert "second.txt" in since and "third.txt" in since and "first.txt" not in since and "empty" not in since
    assert "first.txt" in cli("documents", "--until", "2025-03-01", db=db).stdout
    assert cli("documents", "--language", "es", db=db).stdout.strip() == "no documents match"
    source = cli("documents", "--source", "SECOND", db=db).stdout
    assert "second.txt" in source and "first.txt" not in source
    failed = cli("documents", "--failed", db=db).stdout
    assert "empty.txt" in failed and "first.txt" not in failed
    assert "first.txt" in cli("documents", "--status", "merged", db=db).stdout
    assert cli("documents", "--status", "unmerged", db=db).stdout.strip() == "no documents match"
    assert cli("documents", "--undated", db=db).stdout.strip() == "no documents match"
    bad = cli("documents", "--since", "yesterday", db=db)
    assert bad.exit_code != 0


def test_failures_keep_one_row_per_source_and_clear_on_success(cli: Invoke, db: str, tmp_path: Path) -> None:
    empty = tmp_path / "later.txt"
    empty.write_text("", encoding="utf-8")
    for _ in range(3):
        assert cli("ingest", empty, db=db).exit_code == 1
    rows = cli("failures", db=db).stdout.strip().splitlines()
    assert len(rows) == 1 and rows[0].endswith("later.txt: empty file")
    empty.write_text(SECOND, encoding="utf-8")
    assert cli("ingest", empty, db=db).exit_code == 0
    assert cli("failures", db=db).stdout.strip() == "no failures recorded"


def test_merge_refuses_conflicting_transfers_and_names_the_fields(cli: Invoke, db: str, corpus: Path) -> None:
    ingested(cli, db, corpus)
    numbers = report_numbers(cli, db)
    refused = cli("merge", numbers[29], numbers[26], db=db)  # report numbers, as `show` takes them
    assert refused.exit_code == 1
    message = refused.stderr
    assert message.startswith("error: ") and len(message.strip().splitlines()) == 1
    assert "would conflict on count, date" in message
    assert "count 29 vs 26" in message and "date 2025-02-27 vs 2025-08-12" in message and "--force" in message
    assert running(cli, db) == [29, 55, 92]
    assert cli("decisions", db=db).stdout.strip() == "no decisions recorded"


def test_force_merges_and_forget_reverses_that_one_decision(cli: Invoke, db: str, corpus: Path) -> None:
    ingested(cli, db, corpus)
    numbers = report_numbers(cli, db)
    merged = cli("merge", "--force", numbers[29], numbers[26], db=db)
    assert merged.exit_code == 0, merged.stderr
    assert "conflicting on date, count" in merged.stdout
    assert running(cli, db) != [29, 55, 92]
    listed = cli("decisions", db=db).stdout
    assert re.match(r"\s+1\s+merge\s+\d{4}-\d\d-\d\d \d\d:\d\d UTC\s+2 report\(s\), now in ev-", listed)
    forgot = cli("forget", "1", db=db)
    assert forgot.exit_code == 0, forgot.stderr
    assert forgot.stdout.startswith("forgot decision 1 (merge)")
    assert running(cli, db) == [29, 55, 92]
    assert cli("decisions", db=db).stdout.strip() == "no decisions recorded"
    missing = cli("forget", "1", db=db)
    assert missing.exit_code == 1 and "no decision 1" in missing.stderr


def test_split_and_merge_take_event_ids_too(cli: Invoke, db: str, corpus: Path) -> None:
    ingested(cli, db, corpus)
    ids = dict(re.findall(r"^\S+\s+(\d+)\s+\d+\s+\d+\s+(ev-\w+)", cli("tally", "transfer", db=db).stdout, re.M))
    refused = cli("merge", ids["37"], ids["26"], db=db)
    assert refused.exit_code == 1 and "count 37 vs 26" in refused.stderr
    unknown = cli("merge", "999999", ids["26"], db=db)
    assert unknown.exit_code == 1 and "no event report 999999" in unknown.stderr


def test_reprocess_keeps_a_merge_decision(cli: Invoke, db: str, corpus: Path) -> None:
    ingested(cli, db, corpus)
    numbers = report_numbers(cli, db)
    assert cli("merge", "--force", numbers[37], numbers[26], db=db).exit_code == 0
    merged = running(cli, db)
    assert len(merged) == 2
    again = cli("reprocess", "--all", db=db)
    assert again.exit_code == 0, again.stderr
    assert again.stdout.strip() == "reprocessed 3, failed 0, events 3"
    assert running(cli, db) == merged  # the decision holds for the re-extracted reports
    assert "1 " in cli("decisions", db=db).stdout
    # Reprocess with a date: the third report's Tuesday is read against it.
    third = re.search(r"^(\w{12}).*third\.txt", cli("documents", db=db).stdout, re.M)
    assert third is not None
    cli("forget", "1", db=db)
    assert cli("reprocess", third.group(1), "--published", "2026-01-28", db=db).exit_code == 0
    assert "2026-01-27" in cli("timeline", db=db).stdout and running(cli, db) == [29, 55, 92]
    nothing = cli("reprocess", db=db)
    assert nothing.exit_code == 1 and "--all" in nothing.stderr


def test_delete_removes_only_what_rests_on_the_document(cli: Invoke, db: str, corpus: Path) -> None:
    ingested(cli, db, corpus)
    assert running(cli, db) == [29, 55, 92]
    before = cli("claims", db=db).stdout
    assert "92" in before and "55" in before
    gone = cli("delete", "--source", "third", db=db)
    assert gone.exit_code == 0, gone.stderr
    assert re.match(r"deleted \w{12}  \S*third\.txt", gone.stdout)
    assert running(cli, db) == [29, 55]
    claims = cli("claims", db=db).stdout
    assert "92" not in claims and "consistent  cumulative_total 55" in claims
    assert len(report_numbers(cli, db)) == 2
    assert "third.txt" not in cli("documents", db=db).stdout
    again = cli("delete", "0000000000", db=db)
    assert again.exit_code == 1 and "no stored document" in again.stderr


def test_feed_entries_fail_one_row_each(db: str) -> None:
    from newsledger.store import Store

    with Store(db) as store:
        for _ in range(2):
            store.record_failure("feed.xml", "entry 2 ('A'): no article text")
            store.record_failure("feed.xml", "entry 3: no article text")
        store.record_failure("feed.xml", "entry 2 ('A'): bad date")
        assert sorted(f.reason for f in store.failures()) == ["entry 2 ('A'): bad date", "entry 3: no article text"]
        store.clear_failure("feed.xml")  # another entry went in: these two still fail
        assert len(store.failures()) == 2
        store.record_failure("feed.xml", "not a readable RSS or Atom feed")
        store.clear_failure("feed.xml")
        assert len(store.failures()) == 2
