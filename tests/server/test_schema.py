"""Schemathesis over the OpenAPI schema: generated requests to every operation never
cause a server error, and every response matches the schema it documents.

Bounded so that it stays a test, not a fuzzing session: a few derandomized examples per
operation over a private copy of the samples database, writes included (without the
token, so they are refused with a documented 403; the token's own tests are in
``test_api.py``). The operations are walked by hand rather than with schemathesis'
pytest plugin, whose fixture loader does not run under this pytest.
"""
from __future__ import annotations

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings

from tests.server.conftest import TOKEN

EXAMPLES = 6


def operations(db_url: str) -> list[object]:
    from newsledger.server import create_app

    schema = schemathesis.openapi.from_asgi("/openapi.json", create_app(db_url, token=TOKEN))
    return [result.ok() for result in schema.get_all_operations()]


def test_every_operation_conforms(db_copy: str) -> None:
    found = operations(db_copy)
    assert len(found) >= 18
    failures = []
    for operation in found:
        @given(case=operation.as_strategy())
        @settings(max_examples=EXAMPLES, deadline=None, derandomize=True, database=None,
                  suppress_health_check=list(HealthCheck))
        def conforms(case: schemathesis.Case) -> None:
            case.call_and_validate()

        try:
            conforms()
        except Exception as error:  # noqa: BLE001 - collect every operation's failure
            failures.append(f"{operation.label}: {error}")
    if failures:
        pytest.fail("\n\n".join(failures))
