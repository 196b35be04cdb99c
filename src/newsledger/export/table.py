"""``csv``: one row per event, the flat columns of ``export.flat`` (lists joined by "; ")."""
from __future__ import annotations

import csv
from collections.abc import Iterable
from typing import TextIO

from newsledger.export.flat import COLUMNS, text_row
from newsledger.export.source import ExportEvent


def write(events: Iterable[ExportEvent], out: TextIO) -> int:
    writer = csv.DictWriter(out, fieldnames=COLUMNS, lineterminator="\n")
    writer.writeheader()
    written = 0
    for event in events:
        writer.writerow(text_row(event))
        written += 1
    return written
