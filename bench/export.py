#!/usr/bin/env python3
"""Benchmark of streaming exports on a large saved ledger (not a timed test).

    python bench/export.py [--events 100000] [--seed 7] [--formats csv parquet] [--keep DIR]

The merge benchmark's generator (bench/merge.py, ``make_events``) makes the events:
transfers, arrests, killings, seizures, charges, calls and designations with their
people, groups, places and counts. Each event is saved as one ledger record of one
report (one synthetic document each, with a URL and an outlet) in a fresh SQLite
database, written a chunk at a time: merging is the merge benchmark's subject, and a
ledger of 100,000 events merged from a million reports would take this one an hour.
Each format is then exported by the CLI (``newsledger export --format F --output …``)
in a fresh process, which reports its peak memory (max RSS) and wall-clock seconds; the
output is read back to check that every event was written. The last line is

    export rss_mb=M seconds=S

with M the largest peak memory of the formats (target: under 500 MB for 100,000 events)
and S the seconds of the slowest.
"""
from __future__ import annotations

import argparse
import json
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "src"))
sys.path.insert(0, str(HERE))

CHUNK = 2000


def build(db: Path, n_events: int, seed: int) -> int:
    """Save ``n_events`` generated events as ledger records, a chunk at a time."""
    from merge import make_events  # bench/merge.py: the merge benchmark's generator
    from sqlalchemy import insert

    from newsledger.ledger.fields import build_record
    from newsledger.ledger.reports import Report
    from newsledger.ledger.tables import LedgerDocumentRow, LedgerRecordRow, LedgerReportRow
    from newsledger.model import DateValue, DocumentInfo, Entity, Event
    from newsledger.store import Store

    store = Store(f"sqlite:///{db}")
    events = make_events(n_events, random.Random(seed))
    for start in range(0, len(events), CHUNK):
        documents, reports, records = [], [], []
        for event in events[start:start + CHUNK]:
            number = event["id"]
            info = DocumentInfo(f"doc{number:07d}", f"synthetic/{number}.txt", event["day"], "en",
                                f"Report {number}", f"https://news.example.org/{number}", f"Outlet {number % 40}")
            entities = [Entity(f"e{i}", name, "person") for i, name in enumerate(event["persons"])]
            entities += [Entity(f"g{i}", name, "organization") for i, name in enumerate(event["organizations"])]
            if event["location"]:
                entities.append(Entity("p1", event["location"], "place"))
            stated = Event("v1", event["type"], DateValue.of_day(event["day"]), event["count"], event["origin"],
                           event["destination"], list(event["agents"]), list(event["organizations"]),
                           list(event["persons"]), event["location"], False, event["hypothetical"])
            report = Report.build(info, stated, entities)
            record = build_record([report])
            documents.append({"document_id": info.id})
            reports.append({"key": report.key, "document_id": info.id, "component": report.key,
                            "payload": report.to_json()})
            records.append({"id": record.id, "type": record.type, "date_start": record.date.start,
                            "members": record.members, "payload": record.to_json()})
        with store.session() as session:
            session.execute(insert(LedgerDocumentRow), documents)
            session.execute(insert(LedgerReportRow), reports)
            session.execute(insert(LedgerRecordRow), records)
    store.close()
    return len(events)


def child(db: Path, fmt: str, output: Path) -> dict:
    """Export through the CLI in this process; report peak memory and seconds."""
    from newsledger.cli import app

    began = time.perf_counter()
    try:
        app(["--db", f"sqlite:///{db}", "export", "--format", fmt, "--output", str(output)], standalone_mode=False)
    finally:
        seconds = time.perf_counter() - began
    return {"format": fmt, "seconds": round(seconds, 2),
            "rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)}


def rows_written(fmt: str, output: Path) -> int:
    if fmt == "parquet":
        import pyarrow.parquet as pq

        return int(pq.ParquetFile(output / "events.parquet").metadata.num_rows)
    with output.open(encoding="utf-8") as handle:
        lines = sum(1 for _ in handle)
    return lines - 1 if fmt in ("csv", "acled") else lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--events", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--formats", nargs="+", default=["csv", "parquet"])
    parser.add_argument("--keep", type=Path, default=None, help="build the database in DIR and keep it (reused)")
    parser.add_argument("--child", nargs=3, metavar=("DB", "FORMAT", "OUTPUT"), help=argparse.SUPPRESS)
    parser.add_argument("--build", type=Path, metavar="DB", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.build:
        print(build(args.build, args.events, args.seed))
        return 0
    if args.child:
        db, fmt, output = args.child
        print(json.dumps(child(Path(db), fmt, Path(output))))
        return 0
    with tempfile.TemporaryDirectory(prefix="nl-export-bench-") as scratch:
        work = args.keep or Path(scratch)
        work.mkdir(parents=True, exist_ok=True)
        db = work / f"export-{args.events}-{args.seed}.db"
        if not db.exists():
            # In a process of its own: a child inherits its parent's peak memory (ru_maxrss
            # survives fork and exec), so this one stays small.
            began = time.perf_counter()
            done = subprocess.run([sys.executable, __file__, "--build", str(db), "--events", str(args.events),
                                   "--seed", str(args.seed)], capture_output=True, text=True, check=True)
            made = int(done.stdout.strip().splitlines()[-1])
            print(f"saved {made} events in {time.perf_counter() - began:.1f} s ({db.stat().st_size / 1e6:.0f} MB)")
        results = []
        for fmt in args.formats:
            output = work / ("parquet" if fmt == "parquet" else f"events.{fmt}")
            done = subprocess.run([sys.executable, __file__, "--child", str(db), fmt, str(output)],
                                  capture_output=True, text=True, check=True)
            result = json.loads(done.stdout.strip().splitlines()[-1])
            result["rows"] = rows_written(fmt, output)
            results.append(result)
            print(f"{fmt:>8}: {result['rows']} events in {result['seconds']:.2f} s, peak {result['rss_mb']} MB")
            if result["rows"] != args.events:
                print(f"error: {fmt} wrote {result['rows']} events, not {args.events}", file=sys.stderr)
                return 1
    print(f"export rss_mb={max(r['rss_mb'] for r in results):.1f} seconds={max(r['seconds'] for r in results):.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
