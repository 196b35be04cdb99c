"""docs/sql.md: each query runs on both back ends and gives the rows the page shows."""
from __future__ import annotations

import re
from pathlib import Path

import pytest
from sqlalchemy import text

from newsledger.store import Store

DOC = Path(__file__).resolve().parents[2] / "docs" / "sql.md"
_QUERY = re.compile(r"```sql\n(.*?)```\n(?:\n```text\n(.*?)```\n)?", re.S)


def queries() -> list[tuple[str, str]]:
    return [(query, shown) for query, shown in _QUERY.findall(DOC.read_text(encoding="utf-8"))]


def test_the_page_has_a_query_for_each_view() -> None:
    found = " ".join(query for query, _ in queries())
    for view in ("events_flat", "statements_flat", "claims_flat"):
        assert f"FROM {view}" in found


@pytest.mark.parametrize("query,shown", queries())
def test_each_query_gives_what_the_page_shows(samples_db: str, query: str, shown: str) -> None:
    with Store(samples_db, read_only=True) as store, store.engine.connect() as connection:
        rows = [list(row) for row in connection.execute(text(query))]
    assert rows
    if not shown:  # a query the page shows without its rows
        return
    lines = [line for line in shown.splitlines()[2:] if line.strip()]
    assert len(rows) == len(lines)
    for row, line in zip(rows, lines):
        first = str(row[0])
        first = first[first.index("samples/"):] if "samples/" in first else first
        assert line.startswith(first), (row, line)
        assert all(str(cell) in line for cell in row[1:3] if cell is not None and len(str(cell)) < 20)
