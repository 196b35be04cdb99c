"""The scratch PostgreSQL database the store's tests run on when NEWSLEDGER_TEST_PG is set."""
from __future__ import annotations

import os

import pytest
from sqlalchemy import create_engine, text

from newsledger.store.repository import engine_url

PG_URL = os.environ.get("NEWSLEDGER_TEST_PG")
needs_postgres = pytest.mark.skipif(not PG_URL, reason="set NEWSLEDGER_TEST_PG to a scratch PostgreSQL URL")


def empty_postgres(url: str) -> None:
    """Start from an empty database, as a new user's would be: the tests create the schema."""
    engine = create_engine(engine_url(url))
    with engine.begin() as connection:
        connection.execute(text("DROP SCHEMA public CASCADE"))
        connection.execute(text("CREATE SCHEMA public"))
    engine.dispose()
