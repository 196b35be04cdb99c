#!/usr/bin/env python3
"""Benchmark of ledger merging on synthetic event reports (not a timed test).

    python bench/merge.py [--sizes 10000 100000] [--seed 7] [--repeat 1]

A generator makes real events (transfers between countries, arrests, killings, seizures,
charges, calls, designations; some hypothetical), spread at a constant density over a time
span that grows with the corpus, as a news stream does. Real events differ as real ones do:
two arrests of 5 on one day happen in different towns, to other people, so each event has
its place and its people (never more people than a count of people taking part). Each event
is reported 1–20 times with the noise news has: the day off by one, a background mention at
month, week or year precision, a count off by one, the place often left out, the main
figure usually named and the others less often. In the shares measured on real reporting,
a report often states no date (an undated page, "the earlier transfers": 10%) or no count
(13%), and a report of a transfer sometimes restates the running total of its route as if
it were a count ("92 sent so far", on the day of publication or undated: 5%); such a total
is no event and must merge with none.
Each size is merged in a fresh process (all reports added, then one settle), and the run
prints wall-clock and CPU time, peak memory (max RSS), the time to derive what is shown
(partial reports placed, ``Ledger.view``), and precision/recall over pairs of reports
against the generator's truth, as the ledger shows them (a report supporting an event is
in it; a pending one is on its own). The last line is

    merge seconds=S growth=R precision=P recall=C

with S the wall-clock seconds for the largest size and R the ratio of the largest to the
smallest size's time (growth no faster than n log n means R <= 10 * log(100000)/log(10000)
= 12.5 for 10k→100k). On a shared machine, other processes slow a run down at random:
--repeat N keeps each size's fastest of N runs, and the CPU time is printed too.
"""
from __future__ import annotations

import argparse
import dataclasses
import http.client
import json
import random
import resource
import subprocess
import sys
import tempfile
import time
from collections import Counter
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from newsledger.ledger import Ledger, Report  # noqa: E402
from newsledger.model import DateValue, DocumentInfo, Entity, Event, Extraction, RawDocument  # noqa: E402

ROUTES = [("MX", "US"), ("US", "MX"), ("CO", "US"), ("GT", "US"), ("MX", "GT"), ("VE", "US")]
TYPES = ["transfer"] * 4 + ["arrest"] * 3 + ["killing"] * 2 + ["seizure"] * 2 + ["charge", "consultation",
                                                                                   "designation"]
GROUPS = [f"Cartel {i}" for i in range(60)]
# Municipalities and cities where events happen; a report states the place more often than not.
PLACES = [f"Town {i}" for i in range(400)]
PLACED = ("arrest", "killing", "seizure", "charge", "transfer")
# Events whose count is the number of people taking part: at most that many people are named.
PEOPLE_COUNTED = ("transfer", "arrest", "killing")
EVENTS_PER_DAY = 3.0
START = date(2012, 1, 1)
STORE_CHUNK = 2_000  # documents per transaction when storing them
READ_SIZE = 50_000  # the read latencies are measured on ledgers this large or larger
READS = 100  # requests per kind of read


def person(rng: random.Random) -> str:
    return f"Person{rng.randrange(200_000)} Surname{rng.randrange(5000)}"


def make_events(n_events: int, rng: random.Random) -> list[dict]:
    """Real events; people, groups and places make two events of one type and day differ,
    as real ones do (two arrests of 5 on one day are in different towns, of other people)."""
    span = max(1, round(n_events / EVENTS_PER_DAY))  # the same density at every size
    events = []
    for i in range(n_events):
        kind = rng.choice(TYPES)
        event = {"id": i, "type": kind, "day": START + timedelta(days=rng.randrange(span)),
                 "count": None, "origin": None, "destination": None, "persons": [], "organizations": [],
                 "agents": [], "location": None, "hypothetical": rng.random() < 0.04}
        if kind == "transfer":
            event["origin"], event["destination"] = rng.choice(ROUTES)
            event["count"] = rng.randint(1, 60)
            event["agents"] = [event["origin"]]
        if kind in ("arrest", "killing", "seizure"):
            event["count"] = rng.randint(1, 40)
        if kind in PLACED and (kind != "transfer" or rng.random() < 0.3):
            event["location"] = rng.choice(PLACES)
        if kind in ("consultation",):
            event["agents"] = [person(rng), person(rng)]
        else:
            most = 6 if kind not in PEOPLE_COUNTED else min(6, event["count"] or 6)
            event["persons"] = [person(rng) for _ in range(rng.randint(0 if kind == "seizure" else 1, most))]
            event["organizations"] = rng.sample(GROUPS, rng.randint(0, 2))
        events.append(event)
    return events


def named(persons: list[str], rng: random.Random) -> list[str]:
    """The people one report names: the main figure (listed first) usually, others less often."""
    return [name for i, name in enumerate(persons) if rng.random() < (0.8 if i == 0 else 0.45)]


def noisy_date(day: date, rng: random.Random) -> DateValue:
    roll = rng.random()
    if roll < 0.60:
        return DateValue.of_day(day)
    if roll < 0.66:
        return DateValue.of_day(day + timedelta(days=rng.choice((-1, 1))))
    if roll < 0.81:
        return DateValue.of_month(day.year, day.month)
    if roll < 0.86:
        year, week, _ = day.isocalendar()
        return DateValue.of_week(year, week)
    if roll < 0.90:
        return DateValue.of_year(day.year)
    return DateValue.unknown()  # 10%: undated pages and background mentions


def noisy_count(count: int | None, rng: random.Random) -> int | None:
    if count is None:
        return None
    roll = rng.random()
    if roll < 0.82:
        return count
    if roll < 0.87:
        return max(1, count + rng.choice((-1, 1)))
    return None  # 13%


TOTALS = 0.05  # share of transfer reports that also restate their route's running total


def running_totals(events: list[dict]) -> dict[int, int]:
    """Each transfer's running total over its route (what "N sent so far" would say)."""
    totals: dict[int, int] = {}
    sums: Counter = Counter()
    for event in sorted(events, key=lambda e: (e["day"], e["id"])):
        if event["type"] == "transfer" and not event["hypothetical"]:
            sums[(event["origin"], event["destination"])] += event["count"]
            totals[event["id"]] = sums[(event["origin"], event["destination"])]
    return totals


def make_reports(n_reports: int, rng: random.Random) -> tuple[list[Report], dict[str, int]]:
    """Reports with their true event; each event is reported 1–20 times."""
    n_events = max(1, n_reports * 2 // 21)
    events = make_events(n_events, rng)
    totals = running_totals(events)
    spurious = 0
    reports: list[Report] = []
    truth: dict[str, int] = {}
    doc = 0
    while len(reports) < n_reports:
        for event in events:
            for _ in range(rng.randint(1, 20)):
                if len(reports) >= n_reports:
                    break
                doc += 1
                published = event["day"] + timedelta(days=rng.choice((0, 1, 1, 2, 30, 200)))
                info = DocumentInfo(f"doc{doc:07d}", f"synthetic/{doc}.txt", published, "en")
                persons = named(event["persons"], rng)
                location = event["location"] if rng.random() < 0.6 else None
                agents = list(event["agents"])
                entities = [Entity(f"e{i}", name, "person") for i, name in enumerate(persons + (
                    agents if event["type"] == "consultation" else []))]
                entities += [Entity(f"g{i}", name, "organization") for i, name in enumerate(event["organizations"])]
                if location:
                    entities.append(Entity("p1", location, "place"))
                ev = Event("v1", event["type"], noisy_date(event["day"], rng), noisy_count(event["count"], rng),
                           event["origin"], event["destination"], agents, list(event["organizations"]), persons,
                           location, False, event["hypothetical"])
                report = Report.build(info, ev, entities)
                reports.append(report)
                truth[report.key] = event["id"]
                if event["id"] in totals and totals[event["id"]] > event["count"] and rng.random() < TOTALS:
                    # The running total read as a count: no event of its own (a truth of its own).
                    spurious += 1
                    when = DateValue.of_day(published) if rng.random() < 0.5 else DateValue.unknown()
                    total = Event("v2", "transfer", when, totals[event["id"]], event["origin"],
                                  event["destination"], agents, [], [], None, False, False)
                    report = Report.build(info, total, entities)
                    reports.append(report)
                    truth[report.key] = -spurious
            if len(reports) >= n_reports:
                break
    rng.shuffle(reports)
    return reports, truth


def pairs(sizes: Counter) -> int:
    return sum(n * (n - 1) // 2 for n in sizes.values())


def empty_database(url: str) -> None:
    """Start from an empty database: PostgreSQL's public schema dropped and made again,
    a SQLite file removed."""
    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url

    from newsledger.store.repository import engine_url

    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        if parsed.database and parsed.database != ":memory:":
            for suffix in ("", "-journal", "-wal", "-shm", "-ledger.lock"):
                Path(parsed.database + suffix).unlink(missing_ok=True)
        return
    engine = create_engine(engine_url(url))
    with engine.begin() as connection:
        connection.execute(text("DROP SCHEMA public CASCADE"))
        connection.execute(text("CREATE SCHEMA public"))
    engine.dispose()


def extractions(reports: list[Report]) -> list[tuple[RawDocument, Extraction]]:
    """Each document's extraction (one event, or two with a restated total) and a short text."""
    by_doc: dict[str, list[Report]] = {}
    for report in reports:
        by_doc.setdefault(report.document.id, []).append(report)
    found = []
    for doc_id in sorted(by_doc):
        group = sorted(by_doc[doc_id], key=lambda r: r.event.id)
        doc, event = group[0].document, group[0].event
        who = ", ".join(event.persons or event.organizations or event.agents) or "officials"
        text = (f"Synthetic report {doc.id}. A {event.type} involving {who}"
                f"{f' of {event.count} people' if event.count else ''}"
                f"{f' in {event.location}' if event.location else ''} was reported on {doc.published}.")
        raw = RawDocument(text, doc.source, doc.published, doc.language, outlet=f"Outlet {int(doc.id[3:]) % 40}")
        found.append((raw, Extraction(doc, list(group[0].entities), [r.event for r in group])))
    return found


def store_documents(store, documents: list[tuple[RawDocument, Extraction]]) -> None:
    """The documents and their extractions, stored as ``Store.add`` stores them but many rows
    per statement (this is ingestion, not merging: done before the clock starts). Only the
    tables a synthetic extraction fills are written (no mentions, spans, quotes or claims),
    with ids counted here; one document is read back to check it equals its extraction."""
    from sqlalchemy import text

    from newsledger.store.bulk import insert_rows
    from newsledger.store.records import ROLES
    from newsledger.store.schema import DocumentRow, EntityRow, EventRoleRow, EventRow, utcnow

    now = utcnow()
    ids = Counter()
    for start in range(0, len(documents), STORE_CHUNK):
        rows: dict[type, list[dict]] = {DocumentRow: [], EntityRow: [], EventRow: [], EventRoleRow: []}
        for raw, extraction in documents[start:start + STORE_CHUNK]:
            doc = extraction.document
            rows[DocumentRow].append({"id": doc.id, "source": doc.source, "url": doc.url, "title": doc.title,
                                      "outlet": raw.outlet, "published": doc.published, "language": doc.language,
                                      "text": raw.text, "warnings": [], "created": now})
            by_name: dict[str, int] = {}
            for position, entity in enumerate(extraction.entities):
                ids["entity"] += 1
                by_name.setdefault(entity.name, ids["entity"])
                rows[EntityRow].append({"id": ids["entity"], "document_id": doc.id, "position": position,
                                        "local_id": entity.id, "name": entity.name, "type": entity.type,
                                        "category": entity.category, "country": entity.country,
                                        "titles": list(entity.titles), "kb_id": entity.kb_id,
                                        "wikidata": entity.wikidata})
            for position, event in enumerate(extraction.events):
                ids["event"] += 1
                date_ = event.date
                rows[EventRow].append({"id": ids["event"], "document_id": doc.id, "position": position,
                                       "local_id": event.id, "type": event.type, "date_value": date_.value,
                                       "date_precision": date_.precision, "date_start": date_.start,
                                       "date_end": date_.end, "count": event.count, "origin": event.origin,
                                       "destination": event.destination, "location": event.location,
                                       "negated": bool(event.negated), "hypothetical": bool(event.hypothetical)})
                names = [(role, name) for role in ROLES for name in getattr(event, role)]
                rows[EventRoleRow].extend(
                    {"event_id": ids["event"], "role": role, "position": i, "name": name,
                     "entity_id": by_name.get(name), "start": None, "end": None, "text": None,
                     "provenance_seq": None, "rule": None, "cue": None} for i, (role, name) in enumerate(names))
        with store.session() as session:
            for table, found in rows.items():
                insert_rows(session, table, found)
    if store.engine.dialect.name == "postgresql":  # ids were given: move the sequences past them
        with store.session() as session:
            for table in ("entities", "events"):
                session.execute(text(f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                                     f"(SELECT max(id) FROM {table}))"))
    raw, extraction = documents[len(documents) // 2]
    expected = dataclasses.replace(extraction, document=dataclasses.replace(extraction.document, outlet=raw.outlet))
    assert store.extraction(extraction.document.id) == expected, "stored otherwise than Store.add stores it"


def run_child(size: int, seed: int, db: str | None) -> dict:
    from newsledger.ledger import service
    from newsledger.store import Store

    rng = random.Random(seed)
    reports, truth = make_reports(size, rng)
    with tempfile.TemporaryDirectory(prefix="newsledger-merge-") as folder:
        url = db or f"sqlite:///{Path(folder) / 'merge.db'}"
        empty_database(url)
        began = time.perf_counter()
        store = Store(url)
        try:
            store_documents(store, extractions(reports))
            stored_seconds = time.perf_counter() - began
            # What ``ingest`` does once its documents are stored: merge every unmerged one.
            began, cpu = time.perf_counter(), time.process_time()
            with store.exclusive("ledger"):
                service.update(store, service.unmerged(store))
            seconds, cpu = time.perf_counter() - began, time.process_time() - cpu
            shown_began = time.perf_counter()
            ledger = service.load(store)  # what a reader sees: the saved ledger
            view = ledger.view()
            view_seconds = time.perf_counter() - shown_began
            reads = measure_reads(store, url, seed, size) if size >= READ_SIZE else {}
        finally:
            store.close()
    pending = {key for item in view.pending for key in item.record.members}
    shown = {key: (key if key in pending else view.event_of[key].id) for key in truth}
    cells = Counter((shown[key], event) for key, event in truth.items())
    predicted = pairs(Counter(shown[key] for key in truth))
    actual = pairs(Counter(truth.values()))
    hits = pairs(cells)
    return {"size": size, "seconds": round(seconds, 2), "cpu": round(cpu, 2), "records": len(view.events),
            "pending": len(view.pending), "view_seconds": round(view_seconds, 2),
            "stored_seconds": round(stored_seconds, 2), "reads": reads,
            "events": len(set(truth.values())), "precision": hits / predicted if predicted else 1.0,
            "recall": hits / actual if actual else 1.0,
            "peak_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)}


def measure_reads(store, url: str, seed: int, size: int) -> dict:
    """Latencies (ms) of the reads behind ``events``, ``timeline`` and the JSON API.

    The library reads go through ``read.Reader`` as the CLI does; the API is served by
    uvicorn on 127.0.0.1 (``bench/serve.py``'s server) and asked over one keep-alive
    connection. Each first read loads the saved ledger into the reader's cache: its time
    is kept apart (``load_ms``, ``first_request_ms``); the p95s are of the reads after it.
    """
    import statistics

    from serve import Server, fetch, p95

    from newsledger.read import EventFilter, Reader

    rng = random.Random(seed)
    span = max(1, round(max(1, size * 2 // 21) / EVENTS_PER_DAY))  # as make_events spreads them

    def window() -> tuple[date, date]:
        first = START + timedelta(days=rng.randrange(span))
        return first, first + timedelta(days=30)

    reader = Reader(store)
    began = time.perf_counter()
    snap = reader.snapshot()
    found = {"load_ms": (time.perf_counter() - began) * 1000}
    ids = [record.id for record in snap.records]

    def events() -> None:
        since, until = window()
        reader.records(EventFilter(type=rng.choice(TYPES), since=since, until=until))

    timings: dict[str, list[float]] = {"events": [], "timeline": []}
    for _ in range(READS):
        for name, read in (("events", events), ("timeline", reader.records)):
            began = time.perf_counter()
            read()
            timings[name].append((time.perf_counter() - began) * 1000)
    with Server(url) as server:
        connection = http.client.HTTPConnection("127.0.0.1", server.port, timeout=1800)
        status, body, found["first_request_ms"] = fetch(connection, "/api/v1/status")
        assert status == 200, body[:300]
        paths = {
            "api_events": lambda: f"/api/v1/events?offset={rng.randrange(len(ids))}",
            "api_filtered": lambda: "/api/v1/events?type={}&since={}&until={}".format(rng.choice(TYPES), *window()),
            "api_event": lambda: f"/api/v1/events/{rng.choice(ids)}",
        }
        for name, path in paths.items():
            timings[name] = []
            for _ in range(READS):
                status, body, ms = fetch(connection, path())
                assert status == 200, (name, status, body[:300])
                timings[name].append(ms)
        connection.close()
    for name, values in timings.items():
        found[name] = {"median": statistics.median(values), "p95": p95(values), "max": max(values)}
    found["p95_ms"] = max(found[name]["p95"] for name in timings)
    return found


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--repeat", type=int, default=1,
                        help="merge each size this many times (fresh processes) and keep the fastest")
    parser.add_argument("--db", default=None, metavar="URL",
                        help="the database to merge in (emptied first!); default a SQLite file in a temporary folder")
    parser.add_argument("--child", type=int, default=None, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child is not None:
        print(json.dumps(run_child(args.child, args.seed, args.db)))
        return 0
    results = []
    for size in args.sizes:
        runs = []
        for _ in range(max(1, args.repeat)):
            command = [sys.executable, __file__, "--child", str(size), "--seed", str(args.seed)]
            done = subprocess.run(command + (["--db", args.db] if args.db else []),
                                  capture_output=True, text=True, check=True)
            runs.append(json.loads(done.stdout.strip().splitlines()[-1]))
        result = min(runs, key=lambda run: run["seconds"])
        results.append(result)
        times = ", ".join(f"{run['seconds']:.2f}" for run in runs)
        tries = f" (fastest of {len(runs)}: {times})" if len(runs) > 1 else ""
        print(f"{size:>7} reports ({result['events']} real events): stored in {result['stored_seconds']:.2f} s, "
              f"merged in {result['seconds']:.2f} s{tries} (cpu {result['cpu']:.2f} s), "
              f"peak {result['peak_mb']} MB, {result['records']} events + {result['pending']} pending "
              f"(loaded and shown in {result['view_seconds']:.2f} s), "
              f"precision {result['precision']:.4f}, recall {result['recall']:.4f}")
        reads = result["reads"]
        if reads:
            print(f"{'':>7} first read loads the ledger: {reads['load_ms']:.0f} ms in the library, "
                  f"{reads['first_request_ms']:.0f} ms through the API")
            for name in ("events", "timeline", "api_events", "api_filtered", "api_event"):
                times = reads[name]
                print(f"{'':>7} {name:12} n={READS} median={times['median']:.1f} ms p95={times['p95']:.1f} ms"
                      f" max={times['max']:.1f} ms")
    first, last = results[0], results[-1]
    growth = last["seconds"] / first["seconds"] if first["seconds"] else float("inf")
    p95 = f" p95_ms={last['reads']['p95_ms']:.0f}" if last["reads"] else ""
    print(f"merge seconds={last['seconds']:.2f} growth={growth:.2f} precision={last['precision']:.4f}"
          f" recall={last['recall']:.4f}{p95}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
