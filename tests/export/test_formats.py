"""Each export format read back by the library that consumes it, on the sample corpus."""
from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

from newsledger import export
from newsledger.errors import InputError
from newsledger.export import acled, flat, plover
from newsledger.read import EventFilter
from newsledger.store import Store
from tests.conftest import Invoke
from tests.postgres import PG_URL, empty_postgres, needs_postgres


@pytest.fixture(scope="module")
def store(samples_db: str):
    found = Store(samples_db, read_only=True)
    yield found
    found.close()


@pytest.fixture(scope="module")
def saved(store: Store) -> list[dict]:
    """The saved events, as jsonl writes them."""
    return [event.data for event in export.events(store)]


def write(store: Store, name: str, tmp_path: Path, filter: EventFilter = EventFilter()) -> Path:
    target = tmp_path / (name if name == "parquet" else f"out.{name}")
    export.export(store, name, filter, target)
    return target


def test_jsonl_lines_are_the_ledger_event_objects(store: Store, saved: list[dict], tmp_path: Path) -> None:
    lines = write(store, "jsonl", tmp_path).read_text(encoding="utf-8").splitlines()
    assert [json.loads(line) for line in lines] == saved
    shown = {e["id"]: e for e in export_json(store)["events"]}
    # An event the ledger shows as saved (no partial report placed in it) is the same object.
    alike = [e for e in saved if e["id"] in shown and "supporting_reports" not in shown[e["id"]]]
    assert alike and all(shown[e["id"]] == e for e in alike)


def export_json(store: Store) -> dict:
    from newsledger.read import Reader

    return Reader(store).export()


def test_csv_reads_back_with_dictreader(store: Store, saved: list[dict], tmp_path: Path) -> None:
    with write(store, "csv", tmp_path).open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert tuple(rows[0]) == flat.COLUMNS and len(rows) == len(saved)
    by_id = {row["id"]: row for row in rows}
    for event in saved:
        row = by_id[event["id"]]
        assert row["type"] == event["type"] and row["start"] == (event["date"]["start"] or "")
        assert row["count"] == ("" if event["count"] is None else str(event["count"]))
        assert row["persons"].split(flat.SEPARATOR) == event["persons"] or (not event["persons"] and not row["persons"])
        assert row["conflicts"] == ("true" if event["conflicts"] else "false")
        assert int(row["sources"]) == len(event["sources"])
    assert any(row["first_source_url"].startswith("https://") for row in rows)


def test_plover_lines_have_the_required_fields_and_spans(store: Store, saved: list[dict], tmp_path: Path) -> None:
    import jsonschema_rs

    schema = {"type": "object", "required": list(plover.REQUIRED),
              "properties": {"id": {"type": "string"}, "date": {"type": "string"}, "actor": {"type": "string"},
                             "recipient": {"type": "string"}, "event": {"enum": [
                                 "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT",
                                 "INVESTIGATE", "DEMAND", "DISAPPROVE", "REJECT", "THREATEN", "PROTEST", "CRIME",
                                 "SANCTION", "MOBILIZE", "COERCE", "ASSAULT", "ACCUSE", "REQUEST"]},
                             "mode": {"type": "string"}, "context": {"type": "array", "items": {"type": "string"}},
                             "text": {"type": "string"}}}
    # PLOVER's codes, with ACCUSE and REQUEST of its POLECAT revision
    validator = jsonschema_rs.validator_for(schema)
    lines = [json.loads(line) for line in write(store, "plover", tmp_path).read_text(encoding="utf-8").splitlines()]
    assert len(lines) == len(saved)
    spans = 0
    for line in lines:
        validator.validate(line)
        for role in ("actor", "recipient"):
            if line[f"{role}_span"]:
                start, end = line[f"{role}_span"]
                assert line["text"][start:end] == line[f"{role}_text"]
                spans += 1
    assert spans > len(lines) // 2
    transfer = next(line for line in lines if line["event_type"] == "transfer" and line["recipient"] == "US")
    assert (transfer["event"], transfer["mode"], transfer["actor"]) == ("COOPERATE", "judicial", "Mexico")


def test_acled_columns_and_mapping(store: Store, tmp_path: Path) -> None:
    with write(store, "acled", tmp_path).open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert tuple(rows[0]) == acled.COLUMNS
    by_type = {}
    for row in rows:
        by_type.setdefault(row["tags"].split(flat.SEPARATOR)[0].split("=")[1], row)
    assert by_type["arrest"]["sub_event_type"] == "Arrests"
    assert by_type["killing"]["event_type"] == "Violence against civilians"
    assert by_type["transfer"]["event_type"] == "" and by_type["transfer"]["country"] == "Mexico"
    assert all("Sources: " in row["notes"] for row in rows)
    assert all(row["time_precision"] in ("", "1", "2", "3") for row in rows)


def test_graphml_reads_back_with_networkx(store: Store, saved: list[dict], tmp_path: Path) -> None:
    import networkx as nx

    graph = nx.read_graphml(write(store, "graphml", tmp_path))
    events = [n for n, kind in graph.nodes(data="kind") if kind == "event"]
    assert len(events) == len(saved)
    transfer = next(e for e in saved if e["type"] == "transfer" and e["persons"])
    node = f"event/{transfer['id']}"
    assert graph.nodes[node]["count"] == transfer["count"] and graph.nodes[node]["negated"] is False
    roles = {(data["role"], graph.nodes[target]["label"]) for _, target, data in graph.out_edges(node, data=True)}
    assert ("origin", transfer["origin"]) in roles and ("persons", transfer["persons"][0]) in roles
    assert all(not isinstance(value, (list, dict)) for _, data in graph.nodes(data=True) for value in data.values())


def test_ftm_entities_validate_against_the_model(store: Store, saved: list[dict], tmp_path: Path) -> None:
    from followthemoney import model

    lines = [json.loads(line) for line in write(store, "ftm", tmp_path).read_text(encoding="utf-8").splitlines()]
    proxies = [model.get_proxy(line, cleaned=False) for line in lines]
    for proxy in proxies:
        model.get(proxy.schema.name).validate(proxy.to_dict())
    by_id = {proxy.id: proxy for proxy in proxies}
    assert len(by_id) == len(proxies)
    schemata = {proxy.schema.name for proxy in proxies}
    assert schemata == {"Event", "Article", "Person", "Organization"}
    events = [p for p in proxies if p.schema.name == "Event"]
    assert len(events) == len(saved)
    for event in events:
        proofs = event.get("proof")
        assert proofs and all(by_id[p].schema.name == "Article" for p in proofs)
        assert all(by_id[i].schema.name in ("Person", "Organization") for i in event.get("involved"))


def test_parquet_tables_read_with_pandas(store: Store, saved: list[dict], tmp_path: Path) -> None:
    import pandas as pd

    directory = write(store, "parquet", tmp_path)
    events = pd.read_parquet(directory / "events.parquet")
    statements = pd.read_parquet(directory / "statements.parquet")
    assert list(events["id"]) == [e["id"] for e in saved]
    assert len(statements) == sum(len(e["statements"]) for e in saved)
    assert set(statements["event_id"]) <= set(events["id"])
    first = saved[0]
    row = events.iloc[0]
    assert list(row["persons"]) == first["persons"] and str(row["start"]) == first["date"]["start"]
    said = statements[statements["text"].notna()]
    assert len(said) and (said["end"] > said["start"]).all()


def test_filters_narrow_every_format(store: Store, tmp_path: Path) -> None:
    from newsledger.read import Reader

    transfers = [e.id for e in export.events(store, EventFilter(type="transfer"))]
    assert transfers and all(e.data["type"] == "transfer" for e in export.events(store, EventFilter(type="transfer")))
    # the entity, country and text filters decide as the read API does
    reader = Reader(store)
    for wanted in (EventFilter(entity="Caro Quintero"), EventFilter(country="VE"), EventFilter(text="transfer mexico"),
                   EventFilter(since=__import__("datetime").date(2025, 2, 1),
                               until=__import__("datetime").date(2025, 3, 31))):
        streamed = {e.id for e in export.events(store, wanted, chunk=4)}
        assert streamed and streamed <= {e.id for e in export.events(store)}
        assert {r.id for r in reader.records(wanted)} <= streamed | {r.id for r in reader.records(wanted)
                                                                   if r.supporting}
    with write(store, "csv", tmp_path, EventFilter(type="transfer", country="MX")).open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert rows and all(r["type"] == "transfer" for r in rows) and len(rows) <= len(transfers)


def test_unknown_format_lists_the_valid_ones() -> None:
    with pytest.raises(InputError, match="use one of: json, jsonl, csv, plover, acled, graphml, ftm, parquet"):
        export.get("xml")


def test_parquet_needs_an_output_directory(store: Store, tmp_path: Path) -> None:
    with pytest.raises(InputError, match="--output DIR"):
        export.export(store, "parquet")
    (tmp_path / "file").write_text("x")
    with pytest.raises(InputError, match="directory"):
        export.export(store, "parquet", output=tmp_path / "file")


def test_cli_export_formats_output_and_errors(cli: Invoke, samples_db: str, tmp_path: Path) -> None:
    result = cli("export", "--format", "xml", db=samples_db)
    assert result.exit_code == 1 and "use one of: json, jsonl, csv" in result.stderr
    result = cli("export", "--format", "csv", "--type", "transfer", db=samples_db)
    rows = list(csv.DictReader(result.stdout.splitlines()))
    assert result.exit_code == 0 and rows and {r["type"] for r in rows} == {"transfer"}
    target = tmp_path / "caro.jsonl"
    result = cli("export", "--format", "jsonl", "--entity", "Caro Quintero", "--output", target, db=samples_db)
    assert result.exit_code == 0 and "wrote" in result.stderr
    lines = [json.loads(line) for line in target.read_text(encoding="utf-8").splitlines()]
    assert lines and all("Rafael Caro Quintero" in json.dumps(line, ensure_ascii=False) for line in lines)
    graph = cli("export", "--format", "graphml", "--since", "2025-01-01", db=samples_db)
    assert graph.exit_code == 0 and graph.stdout.startswith("<?xml")


def test_cli_json_is_the_ledger_export(cli: Invoke, samples_db: str, store: Store) -> None:
    result = cli("export", db=samples_db)
    assert json.loads(result.stdout) == json.loads(json.dumps(export_json(store)))
    assert result.stdout == json.dumps(export_json(store), ensure_ascii=False, indent=2) + "\n"


@needs_postgres
def test_postgres_streams_the_same_events(store: Store, tmp_path: Path) -> None:
    """The same ledger in PostgreSQL (imported from the samples' export) pages alike."""
    from newsledger.ledger.importing import import_file
    from newsledger.read import Reader

    assert PG_URL
    empty_postgres(PG_URL)
    exported = tmp_path / "ledger.json"
    exported.write_text(json.dumps(Reader(store).export(), ensure_ascii=False), encoding="utf-8")
    with Store(PG_URL) as target:
        import_file(target, exported)
    with Store(PG_URL, read_only=True) as target:
        for wanted in (EventFilter(), EventFilter(type="transfer"), EventFilter(entity="Caro Quintero")):
            here = [event.data for event in export.events(store, wanted, chunk=4)]
            there = [event.data for event in export.events(target, wanted, chunk=4)]
            assert there == here and here
        (tmp_path / "pg").mkdir()
        pg_csv = write(target, "csv", tmp_path / "pg")
    assert pg_csv.read_text(encoding="utf-8") == write(store, "csv", tmp_path).read_text(encoding="utf-8")
