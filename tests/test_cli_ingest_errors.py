"""Errors a user can act on: a read-only database is one line before any model work,
and Ctrl-C says what was stored and how to resume."""
from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import Result
from sqlalchemy.engine import make_url

from newsledger import extract, ingestion
from newsledger.store import Store
from tests.postgres import PG_URL, empty_postgres, needs_postgres

Invoke = Callable[..., Result]
ARTICLE = ("---\npublished: 2025-02-28\nlanguage: en\n---\n"
           "Mexico sent {n} prisoners to the United States on Thursday, officials said.\n")


def _folder(tmp_path: Path, count: int = 3) -> Path:
    folder = tmp_path / "in"
    folder.mkdir()
    for n in range(count):
        (folder / f"a{n}.txt").write_text(ARTICLE.format(n=n + 10), encoding="utf-8")
    return folder


def test_a_read_only_database_is_one_line_before_the_model_loads(
        cli: Invoke, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "ro.db"
    Store(f"sqlite:///{path}").close()

    def no_model(*_: object, **__: object) -> None:
        raise AssertionError("the model was loaded for a database that cannot be written")

    monkeypatch.setattr(extract, "extract_each", no_model)
    result = cli("ingest", _folder(tmp_path), db=f"sqlite:///file:{path}?mode=ro&uri=true")
    assert result.exit_code == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("error: cannot write to database") and "readonly" in lines[0]


@needs_postgres
def test_a_read_only_postgres_role_is_one_line_before_the_model_loads(
        cli: Invoke, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    assert PG_URL
    empty_postgres(PG_URL)
    Store(PG_URL).close()
    monkeypatch.setattr(extract, "extract_each", lambda *_, **__: pytest.fail("the model was loaded"))
    read_only = make_url(PG_URL).update_query_dict({"options": "-c default_transaction_read_only=on"})
    result = cli("ingest", _folder(tmp_path), db=read_only.render_as_string(hide_password=False))
    assert result.exit_code == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("error: cannot write to database") and "read-only transaction" in lines[0]


def test_ctrl_c_says_what_was_stored_and_how_to_resume(
        cli: Invoke, tmp_path: Path, db_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    real = extract.extract_each
    calls = []

    def interrupt_second(chunk, batch_size=8):  # type: ignore[no-untyped-def]
        calls.append(chunk)
        if len(calls) == 2:
            raise KeyboardInterrupt
        return real(chunk, batch_size)

    monkeypatch.setattr(extract, "extract_each", interrupt_second)
    monkeypatch.setattr(ingestion, "BATCH", 1)
    folder = _folder(tmp_path)
    db = db_url
    result = cli("ingest", folder, db=db)
    assert result.exit_code == 130
    assert "interrupted: stored 1, duplicates 0, failed 0, not yet done 2" in result.stderr
    assert "run the same command again to resume" in result.stderr
    assert "Traceback" not in result.stderr
    monkeypatch.setattr(extract, "extract_each", real)
    again = cli("ingest", folder, db=db)
    assert again.exit_code == 0
    assert again.stdout.strip().splitlines()[-1].startswith("stored 2, duplicates 1, failed 0")
