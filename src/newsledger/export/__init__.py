"""Exports of the ledger in the formats other tools read (docs/formats.md).

``export(store, "csv", EventFilter(...), output)`` writes the events that match the
filter in one format and returns how many it wrote. Every format but ``json`` streams
the saved ledger a chunk at a time (``export.source``), so memory stays flat however
many events there are. ``FORMATS`` is the registry: one small module per format, and
the CLI (``newsledger export``) lists and calls only what is here.
"""
from __future__ import annotations

import sys
from collections.abc import Callable
from contextlib import ExitStack, closing
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

from newsledger.errors import InputError
from newsledger.export import acled, ftm, graph, ledgerjson, parquet, plover, table
from newsledger.export.source import ExportEvent, events
from newsledger.read.filters import EventFilter

if TYPE_CHECKING:
    from newsledger.store import Store

__all__ = ["FORMATS", "ExportEvent", "Format", "events", "export", "get"]


@dataclass(frozen=True)
class Format:
    """One export format: ``output`` is ``text`` (stdout or a file), ``binary`` (the same,
    as bytes) or ``directory`` (several files: ``--output`` is required)."""

    name: str
    description: str
    output: str
    write: Callable[..., int]


def _json(store: "Store", filter: EventFilter, out: TextIO) -> int:
    from newsledger.read import Reader

    data = Reader(store).export(filter)
    ledgerjson.write_document(data, out)
    return len(data["events"])


FORMATS: dict[str, Format] = {f.name: f for f in (
    Format("json", "the ledger export of shared/spec/ledger-json.md: events, tallies, claim checks", "text",
           _json),
    Format("jsonl", "one ledger event object per line", "text", ledgerjson.write_lines),
    Format("csv", "one row per event, flat columns", "text", table.write),
    Format("plover", "PLOVER event JSON, one event per line", "text", plover.write),
    Format("acled", "ACLED-style CSV", "text", acled.write),
    Format("graphml", "entities and events as nodes, roles as edges", "binary", graph.write),
    Format("ftm", "FollowTheMoney entities, one per line (OCCRP Aleph)", "text", ftm.write),
    Format("parquet", "events.parquet and statements.parquet in a directory", "directory", parquet.write),
)}


def get(name: str) -> Format:
    """The format called ``name``; an unknown name is an ``InputError`` listing the valid ones."""
    found = FORMATS.get(name)
    if found is None:
        raise InputError("--format", f"unknown export format {name!r}", hint=f"use one of: {', '.join(FORMATS)}")
    return found


def export(store: "Store", name: str, filter: EventFilter = EventFilter(), output: Path | None = None,
           stdout: Any = None) -> int:
    """Write the events of ``store`` that match ``filter`` in format ``name`` to ``output``
    (a file, or a directory for ``parquet``) or to ``stdout`` (default ``sys.stdout``);
    return the number of events written. Reads only."""
    fmt = get(name)
    stdout = sys.stdout if stdout is None else stdout
    if fmt.name == "json":
        if output is None:
            return _json(store, filter, stdout)
        with output.open("w", encoding="utf-8") as out:
            return _json(store, filter, out)
    if fmt.output == "directory":
        if output is None:
            raise InputError("--output", f"{fmt.name} writes several files",
                             hint=f"give --output DIR: it writes {parquet.EVENTS} and {parquet.STATEMENTS} there")
        if output.exists() and not output.is_dir():
            raise InputError(str(output), "is a file", hint=f"{fmt.name} writes a directory: give a directory path")
    # Closed here, not when collected: its database snapshot must end before the store does.
    with closing(events(store, filter)) as stream, ExitStack() as stack:
        if fmt.output == "directory":
            target: Any = output
        elif output is None:
            target = stdout.buffer if fmt.output == "binary" else stdout
        elif fmt.output == "binary":
            target = stack.enter_context(output.open("wb"))
        else:
            target = stack.enter_context(output.open("w", encoding="utf-8", newline=""))
        return fmt.write(stream, target)
