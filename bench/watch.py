#!/usr/bin/env python3
"""Benchmark of ``newsledger watch``: from an item appearing in a feed to its event in the
ledger (not a timed test).

    python bench/watch.py [--items 5] [--interval 10] [--seed 7] [--db URL]

It serves an RSS feed from this process (``http.server`` on 127.0.0.1, random port) and
starts ``newsledger watch FEED_URL --interval 10`` as a subprocess on a fresh SQLite
database (or ``--db URL``, e.g. an emptied PostgreSQL database). Once the watch has
taken in the feed's first entry (the models load once, at its start, and are not
counted), it adds one invented report at a time, at a random moment of the poll cycle,
and asks the read library (``newsledger.read.Reader`` on a read-only store, as the CLI
and the API do) every 0.1 s until an event reported by that item is in the ledger. The
time between the item's appearance in the feed and that answer is its latency: at most
one interval of waiting for the next poll, plus the fetch, extraction, storage and the
ledger update.

Each latency is printed; the last line is

    watch latency_s=L

with L the WORST of the items' latencies in seconds (target <= 30), the median is
printed on the line before it. The watch is stopped with SIGTERM at the end, and its
exit status and summary line are checked.
"""
from __future__ import annotations

import argparse
import os
import random
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "tests" / "watch"))

from feed_server import ARTICLES, serve_feed  # noqa: E402

# Invented reports, English and Spanish: {name} {place} {count} vary per item.
TEMPLATES = [
    ("en", "Marines arrest {name} in {place}",
     "Mexican marines arrested {name}, an alleged plaza boss of the Gulf Cartel, in {place} on Monday, "
     "the Secretaría de Marina said. Prosecutors said {name} ran drug shipments through the port."),
    ("es", "Trasladan a {count} reos a Estados Unidos desde {place}",
     "El gobierno de México envió el martes a {count} presos vinculados con el Cártel de Sinaloa a Estados "
     "Unidos desde {place}, informó la Fiscalía General de la República."),
    ("en", "Police detain {name} after seizure in {place}",
     "State police detained {name} in {place} on Wednesday after finding {count} kilograms of "
     "methamphetamine in a warehouse, the state attorney general's office said."),
    ("es", "Detienen a {name} en {place}",
     "Elementos de la Guardia Nacional detuvieron el jueves en {place} a {name}, presunto operador del "
     "Cártel Jalisco Nueva Generación, informó el gabinete de seguridad."),
]
NAMES = ["Julián Ferrer Ortega", "Ramiro Cisneros Vela", "Anselmo Durán Pineda", "Efraín Salcedo Mora",
         "Gilberto Ruelas Navarro", "Leonel Ibarra Quiroz", "Teodoro Macías Luna", "Saúl Arriaga Benítez"]
PLACES = ["Mazatlán", "Tijuana", "Manzanillo", "Reynosa", "Culiacán", "Morelia", "Hermosillo", "Tampico"]


def invented_item(number: int, rng: random.Random) -> dict[str, str]:
    language, title, text = TEMPLATES[number % len(TEMPLATES)]
    values = {"name": rng.choice(NAMES), "place": rng.choice(PLACES), "count": str(rng.randint(3, 40))}
    marker = f"benchitem{number}"
    return {"id": f"tag:bench.test,2026:{marker}", "title": f"{title.format(**values)} ({marker})",
            "date": "Thu, 03 Dec 2026 09:00:00 GMT", "link": f"https://bench.test/{language}/{marker}",
            "text": text.format(**values), "marker": marker}


def in_ledger(reader: object, marker: str) -> bool:
    from newsledger.read import EventFilter

    return reader.events(EventFilter(text=marker), limit=1).total > 0  # type: ignore[attr-defined]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--items", type=int, default=5)
    parser.add_argument("--interval", type=float, default=10.0)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--db", help="database URL (default: a fresh SQLite file)")
    parser.add_argument("--timeout", type=float, default=120.0, help="give up on an item after this long")
    args = parser.parse_args()
    rng = random.Random(args.seed)

    from newsledger.read import Reader
    from newsledger.store import Store

    with tempfile.TemporaryDirectory(prefix="newsledger-bench-watch-") as folder, serve_feed() as feed:
        url = args.db or f"sqlite:///{Path(folder) / 'watch.db'}"
        feed.items = [ARTICLES[0]]
        env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
        command = [sys.executable, "-m", "newsledger.cli", "--db", url, "watch", feed.url,
                   "--interval", f"{args.interval:g}"]
        started = time.monotonic()
        process = subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        lines: list[str] = []
        first_poll = threading.Event()

        def follow() -> None:
            assert process.stdout is not None
            for line in process.stdout:
                lines.append(line.rstrip("\n"))
                if feed.url in line:
                    first_poll.set()

        threading.Thread(target=follow, daemon=True).start()
        latencies: list[float] = []
        try:
            if not first_poll.wait(300):
                raise SystemExit(f"watch did not poll within 300 s: {lines}")
            print(f"watch started and took in the first entry in {time.monotonic() - started:.1f} s "
                  "(model loading included; not counted)", flush=True)
            with Store(url, read_only=True) as store:
                reader = Reader(store)
                for number in range(1, args.items + 1):
                    time.sleep(rng.uniform(0, args.interval))  # a random moment of the poll cycle
                    item = invented_item(number, rng)
                    feed.items = feed.items + [item]
                    appeared = time.monotonic()
                    while not in_ledger(reader, item["marker"]):
                        if time.monotonic() - appeared > args.timeout:
                            raise SystemExit(f"item {number} not in the ledger after {args.timeout:.0f} s: "
                                             f"{lines[-3:]}")
                        time.sleep(0.1)
                    latency = time.monotonic() - appeared
                    latencies.append(latency)
                    print(f"item {number} ({item['title']}): in the ledger after {latency:.1f} s", flush=True)
        finally:
            if process.poll() is None:
                process.send_signal(signal.SIGTERM)
                try:
                    process.wait(60)
                except subprocess.TimeoutExpired:
                    process.kill()
                    process.wait()
            stderr = process.stderr.read() if process.stderr else ""
            if process.stdout:
                process.stdout.close()
            if process.stderr:
                process.stderr.close()
        time.sleep(0.2)
        summary = lines[-1] if lines else ""
        if process.returncode != 0 or not summary.startswith("watch stopped"):
            raise SystemExit(f"watch did not stop cleanly (exit {process.returncode}): {summary!r} {stderr[-500:]}")
        print(summary)
    print(f"median latency_s={statistics.median(latencies):.1f} over {len(latencies)} items "
          f"(interval {args.interval:g} s)")
    print(f"watch latency_s={max(latencies):.1f}")


if __name__ == "__main__":
    main()
