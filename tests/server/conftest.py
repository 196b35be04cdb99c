"""An app over a private copy of the samples database, with a token, for API tests."""
from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

TOKEN = "test-token-1234"


@pytest.fixture()
def db_copy(samples_db: str, tmp_path: Path) -> str:
    copy = tmp_path / "api.db"
    shutil.copy(samples_db.removeprefix("sqlite:///"), copy)
    return f"sqlite:///{copy}"


@pytest.fixture()
def client(db_copy: str) -> Iterator[TestClient]:
    """A client of an app that allows writes with ``TOKEN`` (private database)."""
    from newsledger.server import create_app

    with TestClient(create_app(db_copy, token=TOKEN)) as test_client:
        yield test_client


@pytest.fixture(scope="module")
def reading(samples_db: str) -> Iterator[TestClient]:
    """A client of a read-only app over the shared samples database."""
    from newsledger.server import create_app

    with TestClient(create_app(samples_db)) as test_client:
        yield test_client


def auth() -> dict[str, str]:
    return {"Authorization": f"Bearer {TOKEN}"}
