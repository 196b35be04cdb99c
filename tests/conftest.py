"""Fixtures shared by the test modules: databases, the sample corpus and a CLI runner.

Loading spaCy costs seconds, so CLI tests run in-process (the model is loaded once per
session and cached by ``newsledger.pipeline``) and the sample corpus is ingested once
into a session database that read-only tests share.

Every fixture that hands out a database (``db_url``, ``samples_db``, ``samples_db_copy``)
is parametrized over the back ends (tests/postgres.py): SQLite always, PostgreSQL when
``NEWSLEDGER_TEST_PG`` names a scratch database (skipped otherwise).
"""
from __future__ import annotations

import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from click.testing import Result
from typer.testing import CliRunner

from tests.postgres import BACKENDS, PG_URL, copy_rows, drop_database, empty_postgres, fresh_database_beside

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"
# The shared evaluation material sits beside the repository (../shared) in a checkout.
SHARED = ROOT.parent / "shared"

Invoke = Callable[..., Result]


@pytest.fixture(scope="session")
def samples_dir() -> Path:
    return SAMPLES


@pytest.fixture(scope="session")
def cli() -> Invoke:
    """``cli(*args, db=URL)``: run ``newsledger`` in-process and return the result."""
    from newsledger.cli import app

    runner = CliRunner()

    def invoke(*args: str, db: str | None = None, env: dict[str, str] | None = None) -> Result:
        prefix = ["--db", db] if db else []
        return runner.invoke(app, [*prefix, *map(str, args)], env=env, catch_exceptions=False)

    return invoke


@pytest.fixture(params=BACKENDS)
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """A new, empty database: a SQLite file, or the emptied scratch PostgreSQL database."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'test.db'}"
    assert PG_URL
    empty_postgres(PG_URL)
    return PG_URL


@pytest.fixture(scope="session")
def sqlite_samples_db(cli: Invoke, tmp_path_factory: pytest.TempPathFactory) -> str:
    """The sample corpus ingested into a SQLite file (for tests that copy the file)."""
    path = tmp_path_factory.mktemp("samples") / "samples.db"
    url = f"sqlite:///{path}"
    result = cli("ingest", SAMPLES, db=url)
    assert result.exit_code == 0, result.stderr
    return url


@pytest.fixture(scope="session", params=BACKENDS)
def samples_db(request: pytest.FixtureRequest, cli: Invoke) -> Iterator[str]:
    """A database with the sample corpus ingested: treat it as read-only.

    On PostgreSQL it is a database of its own beside the scratch one (``<name>_samples``),
    since every other test empties the scratch database; it is dropped at the end.
    """
    if request.param == "sqlite":
        yield request.getfixturevalue("sqlite_samples_db")
        return
    assert PG_URL
    url = fresh_database_beside(PG_URL, "samples")
    result = cli("ingest", SAMPLES, db=url)
    assert result.exit_code == 0, result.stderr
    yield url
    drop_database(url)


@pytest.fixture()
def samples_db_copy(samples_db: str, tmp_path: Path) -> str:
    """A private copy of the samples database, for tests that change the ledger."""
    if samples_db.startswith("sqlite:///"):
        copy = tmp_path / "copy.db"
        shutil.copy(samples_db.removeprefix("sqlite:///"), copy)
        return f"sqlite:///{copy}"
    assert PG_URL
    empty_postgres(PG_URL)
    copy_rows(samples_db, PG_URL)
    return PG_URL


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    """Say how many browser tests ran: a skipped browser suite must not pass unnoticed."""
    outcomes: dict[str, set[str]] = {"passed": set(), "failed": set(), "skipped": set()}
    reasons: set[str] = set()
    for key, reports in terminalreporter.stats.items():
        for report in reports:
            if not isinstance(report, pytest.TestReport) or "browser" not in report.keywords:
                continue
            if report.skipped:
                outcomes["skipped"].add(report.nodeid)
                if isinstance(report.longrepr, tuple):
                    reasons.add(str(report.longrepr[2]).removeprefix("Skipped: "))
            elif report.failed or key == "error":
                outcomes["failed"].add(report.nodeid)
            elif report.when == "call":
                outcomes["passed"].add(report.nodeid)
    outcomes["passed"] -= outcomes["failed"]
    ran = len(outcomes["passed"]) + len(outcomes["failed"])
    if ran or outcomes["skipped"]:
        terminalreporter.write_line(
            f"browser tests run: {ran} (passed {len(outcomes['passed'])}, failed {len(outcomes['failed'])}),"
            f" skipped {len(outcomes['skipped'])}")
        for reason in sorted(reasons):
            terminalreporter.write_line(f"browser tests skipped: {reason}")
