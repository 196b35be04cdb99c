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
