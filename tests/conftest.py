"""Fixtures shared by the test modules: the sample corpus and a CLI runner.

Loading spaCy costs seconds, so CLI tests run in-process (the model is loaded once per
session and cached by ``newsledger.pipeline``) and the sample corpus is ingested once
into a session database that read-only tests share.
"""
from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import Result
from typer.testing import CliRunner

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


@pytest.fixture(scope="session")
def samples_db(cli: Invoke, tmp_path_factory: pytest.TempPathFactory) -> str:
    """A database with the sample corpus ingested: treat it as read-only."""
    path = tmp_path_factory.mktemp("samples") / "samples.db"
    url = f"sqlite:///{path}"
    result = cli("ingest", SAMPLES, db=url)
    assert result.exit_code == 0, result.stderr
    return url


@pytest.fixture()
def samples_db_copy(samples_db: str, tmp_path: Path) -> str:
    """A private copy of the samples database, for tests that change the ledger."""
    copy = tmp_path / "copy.db"
    shutil.copy(samples_db.removeprefix("sqlite:///"), copy)
    return f"sqlite:///{copy}"


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
