"""``parquet``: two tables in a directory, ``events.parquet`` (one row per event, the
flat columns of ``export.flat`` with lists as lists and dates as dates) and
``statements.parquet`` (one row per statement: which event, which field, the value as
text, the document and the exact words with their offsets).

Written a chunk of events at a time (one row group per ``CHUNK`` events with
``pyarrow.parquet.ParquetWriter``), so memory stays flat; ``pandas.read_parquet(DIR /
"events.parquet")`` reads it.
"""
from __future__ import annotations

import json
from collections.abc import Iterable
from datetime import date
from pathlib import Path
from typing import Any

from newsledger.export.flat import row
from newsledger.export.source import CHUNK, ExportEvent

EVENTS = "events.parquet"
STATEMENTS = "statements.parquet"


def _schemas() -> tuple[Any, Any]:
    import pyarrow as pa

    text, names = pa.string(), pa.list_(pa.string())
    events = pa.schema([
        ("id", text), ("type", text), ("date", text), ("precision", text), ("start", pa.date32()),
        ("end", pa.date32()), ("count", pa.int64()), ("origin", text), ("destination", text), ("location", text),
        ("agents", names), ("persons", names), ("organizations", names), ("negated", pa.bool_()),
        ("hypothetical", pa.bool_()), ("sources", pa.int32()), ("conflicts", pa.bool_()),
        ("conflicted_fields", names), ("first_source_url", text), ("documents", names)])
    statements = pa.schema([
        ("event_id", text), ("field", text), ("value", text), ("document", text), ("source", text),
        ("published", pa.date32()), ("report", text), ("start", pa.int64()), ("end", pa.int64()),
        ("text", text), ("rule", text)])
    return events, statements


def _day(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


def _value(value: Any) -> str | None:
    if value is None or isinstance(value, str):
        return value
    if isinstance(value, dict) and "precision" in value:
        return value.get("value")
    return json.dumps(value, ensure_ascii=False)


def _statement_rows(event: ExportEvent) -> list[dict[str, Any]]:
    rows = []
    for statement in event.data.get("statements") or []:
        span = statement.get("span") or {}
        rows.append({"event_id": event.id, "field": statement.get("field"), "value": _value(statement.get("value")),
                     "document": statement.get("document"), "source": statement.get("source"),
                     "published": _day(statement.get("published")), "report": statement.get("report"),
                     "start": span.get("start"), "end": span.get("end"), "text": span.get("text"),
                     "rule": span.get("rule")})
    return rows


def write(events: Iterable[ExportEvent], directory: Path) -> int:
    import pyarrow as pa
    import pyarrow.parquet as pq

    directory.mkdir(parents=True, exist_ok=True)
    event_schema, statement_schema = _schemas()
    written = 0
    with pq.ParquetWriter(directory / EVENTS, event_schema) as event_writer, \
            pq.ParquetWriter(directory / STATEMENTS, statement_schema) as statement_writer:
        flat: list[dict[str, Any]] = []
        said: list[dict[str, Any]] = []

        def flush() -> None:
            event_writer.write_table(pa.Table.from_pylist(flat, schema=event_schema))
            statement_writer.write_table(pa.Table.from_pylist(said, schema=statement_schema))
            flat.clear()
            said.clear()

        for event in events:
            values = row(event)
            values["start"], values["end"] = _day(values["start"]), _day(values["end"])
            flat.append(values)
            said.extend(_statement_rows(event))
            written += 1
            if len(flat) >= CHUNK:
                flush()
        if flat or not written:
            flush()
    return written
