"""An app over a private copy of the samples database, with a token, for API tests."""
from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

TOKEN = "test-token-1234"


@pytest.fixture()
def db_copy(samples_db_copy: str) -> str:
    """A private copy of the samples database (on each back end)."""
    return samples_db_copy


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
