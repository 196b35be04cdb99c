"""``json`` (the "Ledger export" of shared/spec/ledger-json.md, as ``Reader.export``
makes it) and ``jsonl`` (one saved ledger event object per line, statements included)."""
from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any, TextIO

from newsledger.export.source import ExportEvent


def write_document(data: dict[str, Any], out: TextIO) -> None:
    """The project's JSON convention: UTF-8 as is, two-space indent, a final newline."""
    out.write(json.dumps(data, ensure_ascii=False, indent=2))
    out.write("\n")


def write_lines(events: Iterable[ExportEvent], out: TextIO) -> int:
    written = 0
    for event in events:
        out.write(json.dumps(event.data, ensure_ascii=False, separators=(",", ":")))
        out.write("\n")
        written += 1
    return written
