#!/usr/bin/env python3
"""Benchmark of ``newsledger serve`` on a 10,000-event ledger (not a timed test).

    python bench/serve.py [--events 10000] [--requests 300] [--seed 7] [--db PATH]

It builds a ledger with the merge benchmark's generator (``bench/merge.py``: each real
event reported 1–20 times with the noise news has, ~105,000 reports for 10,000 events),
stores a short synthetic text for each of their documents and the merged ledger in a SQLite file,
then starts the application on 127.0.0.1 (uvicorn in a thread of this process) and
measures the latency of a few hundred sequential requests, over one keep-alive
connection, to each of:

* the timeline: the web timeline page ``/`` when the web pages are installed, else its
  JSON, ``/api/v1/events``;
* an event page: ``/events/{id}`` (web) or ``/api/v1/events/{id}``, a different event
  each time;
* ``/api/v1/events?type=transfer``.

The first request loads the ledger into the read API's cache (its time is printed, not
counted): the server answers from that cache until the database changes. ``--db PATH``
keeps the built database and reuses it on the next run. The last line is

    serve p95_ms=X

with X the largest of the three 95th-percentile latencies in milliseconds (target < 150).
"""
from __future__ import annotations

import argparse
import http.client
import random
import socket
import statistics
import sys
import tempfile
import threading
import time
from datetime import datetime, timezone
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "bench"))

from merge import make_reports  # noqa: E402

from newsledger.ledger import Ledger  # noqa: E402

REPORTS_PER_EVENT = 10.5  # make_reports' mean: 1–20 reports per event
CHUNK = 5_000


def build(url: str, events: int, seed: int) -> dict[str, float]:
    """Generate, merge and store a ledger of about ``events`` real events."""
    from sqlalchemy import insert

    from newsledger.ledger.tables import LedgerDocumentRow, LedgerLinkRow, LedgerRecordRow, LedgerReportRow
    from newsledger.store import Store
    from newsledger.store.schema import DocumentRow

    began = time.perf_counter()
    reports, _truth = make_reports(round(events * REPORTS_PER_EVENT), random.Random(seed))
    ledger = Ledger()
    ledger.add_reports(reports)
    changes = ledger.settle()
    merged = time.perf_counter() - began
    now = datetime.now(timezone.utc).replace(tzinfo=None)
    store = Store(url)
    try:
        with store.session() as session:
            docs = []
            seen: set[str] = set()
            for report in reports:
                doc, event = report.document, report.event
                if doc.id in seen:  # a document reporting several events is stored once
                    continue
                seen.add(doc.id)
                who = ", ".join(event.persons or event.organizations or event.agents) or "officials"
                text = (f"Synthetic report {doc.id}. A {event.type} involving {who}"
                        f"{f' of {event.count} people' if event.count else ''}"
                        f"{f' in {event.location}' if event.location else ''} was reported on {doc.published}.")
                docs.append({"id": doc.id, "source": doc.source, "url": None, "title": f"{event.type} report",
                             "outlet": f"Outlet {int(doc.id[3:]) % 40}", "published": doc.published,
                             "language": "en", "text": text, "warnings": [], "created": now})
            for rows, table in ((docs, DocumentRow),
                                ([{"document_id": d["id"], "merged": now} for d in docs], LedgerDocumentRow),
                                ([{"key": r.key, "document_id": r.document.id,
                                   "component": changes.components.get(r.key, ledger.component_head(r.key)),
                                   "payload": r.to_json()} for r in reports], LedgerReportRow),
                                ([{"a": a, "b": b, "score": score} for (a, b), score in changes.links.items()],
                                 LedgerLinkRow),
                                ([{"id": r.id, "type": r.type, "date_start": r.date.start, "members": r.members,
                                   "payload": r.to_json()} for r in ledger.records.values()], LedgerRecordRow)):
                for start in range(0, len(rows), CHUNK):
                    session.execute(insert(table), rows[start:start + CHUNK])
    finally:
        store.close()
    return {"reports": len(reports), "records": len(ledger.timeline()), "merge_s": merged,
            "build_s": time.perf_counter() - began}


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class Server:
    """The app under uvicorn in a thread of this process, on 127.0.0.1; stopped by ``stop``."""

    def __init__(self, url: str) -> None:
        import uvicorn

        from newsledger.server import create_app

        self.app = create_app(url)
        self.port = free_port()
        self.server = uvicorn.Server(uvicorn.Config(self.app, host="127.0.0.1", port=self.port,
                                                    log_level="warning", access_log=False))
        self.thread = threading.Thread(target=self.server.run, daemon=True)

    def __enter__(self) -> "Server":
        self.thread.start()
        deadline = time.monotonic() + 30
        while not self.server.started:
            if time.monotonic() > deadline or not self.thread.is_alive():
                raise RuntimeError("the server did not start")
            time.sleep(0.05)
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=10)


def fetch(connection: http.client.HTTPConnection, path: str) -> tuple[int, bytes, float]:
    began = time.perf_counter()
    connection.request("GET", path)
    answer = connection.getresponse()
    body = answer.read()
    return answer.status, body, (time.perf_counter() - began) * 1000


def p95(values: list[float]) -> float:
    return statistics.quantiles(values, n=100, method="inclusive")[94]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--events", type=int, default=10_000)
    parser.add_argument("--requests", type=int, default=300, help="requests per endpoint")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--db", type=Path, default=None, help="keep the built ledger here and reuse it")
    args = parser.parse_args(argv)

    with tempfile.TemporaryDirectory(prefix="newsledger-bench-") as folder:
        path = args.db or Path(folder) / "serve.db"
        url = f"sqlite:///{path.resolve()}"
        if not path.exists():
            built = build(url, args.events, args.seed)
            print(f"built {built['records']} ledger events from {built['reports']} reports in {built['build_s']:.1f} s"
                  f" (merge {built['merge_s']:.1f} s)")
        with Server(url) as server:
            connection = http.client.HTTPConnection("127.0.0.1", server.port, timeout=1800)
            status, body, first = fetch(connection, "/api/v1/status")
            assert status == 200, body[:200]
            print(f"first request (loads the ledger): {first:.0f} ms; status {body.decode()}")
            web = fetch(connection, "/")[0] == 200
            page = fetch(connection, "/api/v1/events?limit=500&offset=2000")[1].decode()
            ids = [chunk.split('"')[0] for chunk in page.split('{"id":"')[1:]]
            rng = random.Random(args.seed)
            targets = {
                "timeline": lambda: "/" if web else "/api/v1/events",
                "event": lambda: (f"/events/{rng.choice(ids)}" if web else f"/api/v1/events/{rng.choice(ids)}"),
                "transfers": lambda: "/api/v1/events?type=transfer",
            }
            worst = 0.0
            for name, target in targets.items():
                timings = []
                for _ in range(args.requests):
                    status, body, ms = fetch(connection, target())
                    assert status == 200, (name, status, body[:300])
                    timings.append(ms)
                value = p95(timings)
                worst = max(worst, value)
                example = target()
                print(f"{name:10} {example[:40]:40} n={len(timings)} median={statistics.median(timings):.1f} ms"
                      f" p95={value:.1f} ms max={max(timings):.1f} ms")
            connection.close()
    print(f"serve p95_ms={worst:.0f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
