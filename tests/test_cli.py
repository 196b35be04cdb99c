"""End-to-end tests of the ``newsledger`` command line on temporary databases.

They run the Typer app in-process (see ``conftest.py``) and check what a user sees:
exit codes, the JSON contracts, one-line ``error:`` messages, and that a bad file in a
batch does not stop the good ones.
"""
from __future__ import annotations

import json
import re
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import Result

from newsledger.cli.sentences import sentence_around

Invoke = Callable[..., Result]
SAMPLES = Path(__file__).resolve().parent.parent / "samples"

THIRD_TRANSFER = SAMPLES / "08_2026-01-20_third-transfer.txt"
EXTRACTION_KEYS = {"document", "entities", "events", "quotes", "claims"}
DOCUMENT_KEYS = {"id", "source", "title", "published", "language"}
EVENT_KEYS = {"id", "type", "date", "count", "origin", "destination", "agents", "organizations",
              "persons", "location", "negated", "hypothetical", "evidence"}
DATE_KEYS = {"value", "precision", "start", "end"}


def _stored_text(path: Path) -> str:
    """The text as the project stores it (front matter removed, normalised)."""
    from newsledger.ingest import RawDocument, read_path

    (document,) = list(read_path(path))
    assert isinstance(document, RawDocument)
    return document.text


# --- no model needed ---------------------------------------------------------------

def test_help_lists_every_command(cli: Invoke) -> None:
    result = cli("--help")
    assert result.exit_code == 0
    for command in ("extract", "explain", "ingest", "export", "timeline", "tally", "claims", "dates"):
        assert command in result.stdout


def test_sentence_around_keeps_abbreviations_inside_the_sentence() -> None:
    text = "Mexico sent 29 people to the U.S. on Feb. 27 last year. Another 26 followed.\n\nNew line."
    start = text.index("29")
    assert sentence_around(text, start, start + 2) == \
        "Mexico sent 29 people to the U.S. on Feb. 27 last year."
    start = text.index("26")
    assert sentence_around(text, start, start + 2) == "Another 26 followed."
    assert sentence_around(text, text.index("New"), text.index("New") + 3) == "New line."


def test_missing_file_is_a_one_line_error(cli: Invoke, tmp_path: Path) -> None:
    result = cli("extract", tmp_path / "nowhere.txt")
    assert result.exit_code == 1
    assert result.stderr.startswith("error: ") and result.stderr.count("\n") == 1
    assert "nowhere.txt" in result.stderr and "Traceback" not in result.stderr


def test_real_process_reports_errors_without_traceback(tmp_path: Path) -> None:
    """The installed entry point, in its own process: exit codes and stderr as a user sees them."""
    command = [sys.executable, "-m", "newsledger.cli"]
    bad_url = subprocess.run([*command, "--db", "nonsense://", "failures"], capture_output=True, text=True)
    assert bad_url.returncode == 1
    assert bad_url.stderr.startswith("error: ") and bad_url.stderr.count("\n") == 1
    db = f"sqlite:///{tmp_path / 'empty.db'}"
    nothing = subprocess.run([*command, "--db", db, "show", "ev-0"], capture_output=True, text=True)
    assert nothing.returncode == 1 and "Traceback" not in nothing.stderr
    assert nothing.stderr.startswith("error: no database at") and not (tmp_path / "empty.db").exists()
    subprocess.run([*command, "--db", db, "sync"], capture_output=True, text=True, check=True)
    missing = subprocess.run([*command, "--db", db, "show", "ev-0"], capture_output=True, text=True)
    assert missing.returncode == 1 and "Traceback" not in missing.stderr
    assert missing.stderr.startswith("error: no ledger event")


def test_bad_published_date_is_a_one_line_error(cli: Invoke) -> None:
    result = cli("extract", THIRD_TRANSFER, "--published", "20 January")
    assert result.exit_code == 1
    assert result.stderr.startswith("error: --published: ")


# --- extraction ----------------------------------------------------------------------

def test_extract_json_follows_the_contract(cli: Invoke) -> None:
    result = cli("extract", THIRD_TRANSFER, "--published", "2026-01-20", "--language", "en",
                 "--format", "json")
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert set(data) == EXTRACTION_KEYS
    assert set(data["document"]) == DOCUMENT_KEYS
    assert data["document"]["published"] == "2026-01-20"
    assert data["document"]["language"] == "en"
    assert data["document"]["id"].startswith("sha256:")
    text = _stored_text(THIRD_TRANSFER)
    transfers = [event for event in data["events"] if event["type"] == "transfer"]
    assert transfers, "the third transfer is reported"
    for event in data["events"]:
        assert set(event) == EVENT_KEYS | {"why"}  # "why": the contract allows added fields
        assert set(event["date"]) == DATE_KEYS
        for span in event["evidence"]:
            assert text[span["start"]:span["end"]] == span["text"]
    for entity in data["entities"]:
        for span in entity["mentions"]:
            assert text[span["start"]:span["end"]] == span["text"]
    for claim in data["claims"]:
        assert {"kind", "value", "event_type", "origin", "destination", "speaker", "start", "end"} <= set(claim)


def test_extract_table_prints_the_events(cli: Invoke) -> None:
    result = cli("extract", THIRD_TRANSFER)
    assert result.exit_code == 0, result.stderr
    assert "transfer" in result.stdout and "events" in result.stdout


def test_extract_json_says_why_each_value(cli: Invoke) -> None:
    result = cli("extract", THIRD_TRANSFER, "--published", "2026-01-20", "--language", "en",
                 "--format", "json")
    text = _stored_text(THIRD_TRANSFER)
    for event in json.loads(result.stdout)["events"]:
        why = event["why"]
        assert text[why["type"]["start"]:why["type"]["end"]] == why["type"]["text"]
        for role in ("agents", "organizations", "persons"):
            assert set(why.get(role, {})) == set(event[role])
        for reason in [why[k] for k in why if k not in {"agents", "organizations", "persons", "empty"}] + \
                [r for k in ("agents", "organizations", "persons", "empty") for r in why.get(k, {}).values()]:
            assert text[reason["start"]:reason["end"]] == reason["text"]
            assert reason["rule"] and reason["rule"] != "unannotated"


def test_explain_says_why_each_slot_is_filled_or_empty(cli: Invoke) -> None:
    result = cli("explain", THIRD_TRANSFER, "--published", "2026-01-20", "--language", "en")
    assert result.exit_code == 0, result.stderr
    blocks = result.stdout.strip().split("\n\n")
    transfer = next(b for b in blocks if b.startswith("v1 transfer: “flew”"))
    assert "  count: 37, “37” (" in transfer and "rule count.object)" in transfer
    assert "  destination: US, “to the United States” (" in transfer and "cue “to”" in transfer
    assert "  persons: empty, “Claudia Sheinbaum” (" in transfer and "rule persons.official)" in transfer
    assert "  negated: no, " in transfer
    for block in blocks:
        assert block.startswith("v") and "unannotated" not in block
        lines = block.splitlines()
        assert all(line.startswith("  ") and ": " in line for line in lines[1:])


def test_explain_refuses_what_extract_refuses(cli: Invoke, tmp_path: Path) -> None:
    lines = tmp_path / "two.jsonl"
    lines.write_text("\n".join(json.dumps({"text": f"Report number {n}.", "language": "en"}) for n in (1, 2)),
                     encoding="utf-8")
    result = cli("explain", lines)
    assert result.exit_code == 1
    assert result.stderr.startswith(f"error: {lines}: holds 2 documents; explain reads one")
    empty = tmp_path / "quiet.txt"
    empty.write_text("The weather was mild and nothing happened.", encoding="utf-8")
    result = cli("explain", empty, "--language", "en")
    assert result.exit_code == 0 and result.stdout.strip() == "no events"


# --- ingest and the ledger --------------------------------------------------------------

def test_ingesting_the_samples_stores_them_once(cli: Invoke, samples_db_copy: str) -> None:
    result = cli("ingest", SAMPLES, db=samples_db_copy)
    assert result.exit_code == 0, result.stderr
    n = len(list(SAMPLES.glob("*.txt")))
    assert result.stdout.strip().splitlines()[-1] == f"stored 0, duplicates {n}, failed 0, events 0"


def test_export_is_the_ledger_contract(cli: Invoke, samples_db: str) -> None:
    result = cli("export", "--format", "json", db=samples_db)
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert {"events", "tallies", "claim_checks"} <= set(data)
    assert data["events"]
    texts = {}
    for event in data["events"]:
        assert EVENT_KEYS - {"evidence"} <= set(event) and {"sources", "conflicts"} <= set(event)
        assert set(event["date"]) == DATE_KEYS
        assert event["sources"], f"event {event['id']} has no source"
        for source in event["sources"]:
            path = Path(source["source"])
            text = texts.setdefault(path, _stored_text(path))
            for span in source["evidence"]:
                assert text[span["start"]:span["end"]] == span["text"]
    statements = [s for event in data["events"] for s in event.get("statements", []) if s["span"]]
    assert statements and all(s["span"]["rule"] for s in statements)  # each value's reason, from the store
    for tally in data["tallies"]:
        assert {"event_type", "origin", "destination", "running"} <= set(tally)
    for check in data["claim_checks"]:
        assert check["verdict"] in {"consistent", "inconsistent", "unverifiable"}


def test_tally_and_claims_commands_run(cli: Invoke, samples_db: str) -> None:
    tally = cli("tally", "transfer", "--from", "mx", "--to", "US", db=samples_db)
    assert tally.exit_code == 0, tally.stderr
    assert "mass transfers Mexico → United States" in tally.stdout
    claims = cli("claims", db=samples_db)
    assert claims.exit_code == 0, claims.stderr
    only = cli("claims", "--verdict", "inconsistent", db=samples_db)
    assert only.exit_code == 0
    assert "consistent" not in only.stdout.replace("inconsistent", "")


# What the sample corpus is written to show: three transfers merged from every report that
# mentions them, a running tally 29 → 55 → 92, and the "92 in total" claim checked.
# These measure extraction and merging on the samples, not the CLI.

def test_samples_have_one_record_per_transfer(cli: Invoke, samples_db: str) -> None:
    data = json.loads(cli("export", db=samples_db).stdout)
    transfers = [e for e in data["events"] if e["type"] == "transfer" and e["origin"] == "MX"
                 and e["destination"] == "US" and not e["negated"] and not e["hypothetical"]]
    assert sorted(e["count"] for e in transfers) == [26, 29, 37]


def test_samples_tally_runs_29_55_92(cli: Invoke, samples_db: str) -> None:
    result = cli("tally", "transfer", "--from", "MX", "--to", "US", db=samples_db)
    running = re.findall(r"^\d{4}-\d{2}-\d{2}\s+(\d+)\s+(\d+)", result.stdout, flags=re.M)
    assert running == [("29", "29"), ("26", "55"), ("37", "92")]


def test_samples_claim_of_92_is_consistent(cli: Invoke, samples_db: str) -> None:
    data = json.loads(cli("export", db=samples_db).stdout)
    totals = [c for c in data["claim_checks"] if c["claim"]["kind"] == "cumulative_total"
              and c["claim"]["value"] == 92]
    assert totals and all(c["verdict"] == "consistent" for c in totals)
    assert any(c["explanation"].startswith("29 + 26 + 37 = 92") for c in totals)


def test_timeline_lists_events_in_date_order(cli: Invoke, samples_db: str) -> None:
    result = cli("timeline", db=samples_db)
    assert result.exit_code == 0, result.stderr
    days = re.findall(r"\b(\d{4}-\d{2}-\d{2})\b", result.stdout)
    assert "2025-02-27" in days and "2026-01-20" in days
    assert days == sorted(days)


def test_events_and_show_cite_the_source_sentence(cli: Invoke, samples_db: str) -> None:
    listing = cli("events", "--type", "transfer", "--since", "2026-01-01", db=samples_db)
    assert listing.exit_code == 0, listing.stderr
    assert "transfer" in listing.stdout
    ids = re.findall(r"^\s*2026-01-20\s+transfer\b.*\b(ev-[0-9a-f]+)\s*$", listing.stdout, flags=re.M)
    assert ids, listing.stdout
    shown = cli("show", ids[0], db=samples_db)
    assert shown.exit_code == 0, shown.stderr
    assert "Mexico flew 37 imprisoned members of drug cartels to the United States on Tuesday" in \
        " ".join(shown.stdout.split())


def test_show_of_a_report_gives_each_value_its_rule(cli: Invoke, samples_db: str) -> None:
    shown = cli("show", "1", db=samples_db)
    assert shown.exit_code == 0, shown.stderr
    read = shown.stdout.split("where each value was read", 1)[1]
    assert "type ← " in read and "(rule trigger)" in read and "(rule date.nearest)" in read


def test_show_unknown_id_is_an_error(cli: Invoke, samples_db: str) -> None:
    result = cli("show", "no-such-event", db=samples_db)
    assert result.exit_code != 0
    assert result.stderr.startswith("error: ")


def test_entity_lists_aliases_and_events(cli: Invoke, samples_db: str) -> None:
    result = cli("entity", "Caro Quintero", db=samples_db)
    assert result.exit_code == 0, result.stderr
    assert "Rafael Caro Quintero" in result.stdout


def test_split_and_merge_change_the_ledger(cli: Invoke, samples_db_copy: str) -> None:
    assert cli("links", db=samples_db_copy).exit_code == 0
    before = json.loads(cli("export", db=samples_db_copy).stdout)["events"]
    merged = [e for e in before if len(e["sources"]) > 1]
    assert merged, "the samples report some events more than once"
    result = cli("split", merged[0]["id"], db=samples_db_copy)
    assert result.exit_code == 0, result.stderr
    after = json.loads(cli("export", db=samples_db_copy).stdout)["events"]
    assert len(after) > len(before)
    parts = re.findall(r"ev-[0-9a-f]+", result.stdout.split(" into ", 1)[1])
    result = cli("merge", parts[0], parts[1], db=samples_db_copy)
    assert result.exit_code == 0, result.stderr
    again = json.loads(cli("export", db=samples_db_copy).stdout)["events"]
    assert len(again) == len(after) - 1


def test_merging_unknown_events_is_an_error(cli: Invoke, samples_db_copy: str) -> None:
    result = cli("merge", "ev-nothing", "ev-nowhere", db=samples_db_copy)
    assert result.exit_code == 1
    assert result.stderr.startswith("error: ")


# --- bad input --------------------------------------------------------------------------

def test_bad_files_are_reported_and_the_good_ones_go_in(cli: Invoke, tmp_path: Path, db_url: str) -> None:
    folder = tmp_path / "batch"
    folder.mkdir()
    (folder / "good.txt").write_text(THIRD_TRANSFER.read_text(encoding="utf-8"), encoding="utf-8")
    (folder / "empty.txt").write_text("  \n", encoding="utf-8")
    (folder / "image.txt").write_bytes(bytes(range(256)) * 8)
    good_line = json.dumps({"text": "Mexico sent 26 prisoners to the United States on Tuesday.",
                            "published": "2025-08-12", "language": "en"})
    (folder / "feed.jsonl").write_text(good_line + "\n{not json\n", encoding="utf-8")
    db = db_url

    result = cli("ingest", folder, db=db)
    assert result.exit_code == 1
    errors = result.stderr.splitlines()
    assert any(re.match(r"error: .*empty\.txt: empty file", line) for line in errors), errors
    assert any(re.match(r"error: .*image\.txt: binary", line) for line in errors), errors
    assert any(re.match(r"error: .*feed\.jsonl:2: ", line) for line in errors), errors
    assert "Traceback" not in result.stderr
    assert result.stdout.strip().splitlines()[-1] == "stored 2, duplicates 0, failed 3, events 9"

    failures = cli("failures", db=db)
    assert failures.exit_code == 0
    assert "empty.txt" in failures.stdout and "feed.jsonl:2" in failures.stdout


def test_size_limit_and_multi_document_extract(cli: Invoke, tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path / 'limit.db'}"
    result = cli("ingest", THIRD_TRANSFER, "--max-bytes", "100", db=db)
    assert result.exit_code == 1
    assert re.match(r"error: .*08_2026-01-20_third-transfer\.txt: file is .* over the .* limit", result.stderr)
    lines = tmp_path / "two.jsonl"
    lines.write_text("\n".join(json.dumps({"text": f"Report number {n}.", "language": "en"}) for n in (1, 2)),
                     encoding="utf-8")
    result = cli("extract", lines)
    assert result.exit_code == 1
    assert result.stderr.startswith(f"error: {lines}: holds 2 documents")


def test_database_from_environment(cli: Invoke, tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path / 'env.db'}"
    result = cli("failures", env={"NEWSLEDGER_DB": db})
    assert result.exit_code == 0, result.stderr
    assert (tmp_path / "env.db").exists()


# --- temporal expressions ---------------------------------------------------------------

def test_dates_prints_one_line_per_input_line(cli: Invoke, tmp_path: Path) -> None:
    tsv = tmp_path / "tiny.tsv"
    tsv.write_text("2026-01-20\tDATE\t2026-01-20\nTuesday\tDATE\t2026-01-20\nlast February\tDATE\t2025-02\n"
                   "\n2025-08-13\tDATE\t2025-08-13\nin 1985\tDATE\t1985\n", encoding="utf-8")
    result = cli("dates", "--tsv", tsv, "--language", "en")
    assert result.exit_code == 0, result.stderr
    lines = result.stdout.splitlines()
    assert len(lines) == 5
    values = dict(line.split("\t") for line in lines)
    assert values["Tuesday"] == "2026-01-20"
    assert values["last February"] == "2025-02"
    assert values["in 1985"] == "1985"


@pytest.mark.parametrize("args", [["--language", "fr"], []])
def test_dates_refuses_bad_options(cli: Invoke, tmp_path: Path, args: list[str]) -> None:
    tsv = tmp_path / "x.tsv"
    tsv.write_text("2026-01-20\tDATE\t2026-01-20\n", encoding="utf-8")
    assert cli("dates", "--tsv", tsv, *args).exit_code == 2


def test_review_lists_items_and_a_decision_removes_one(cli: Invoke, samples_db_copy: str) -> None:
    listed = cli("review", "--format", "json", db=samples_db_copy)
    assert listed.exit_code == 0, listed.stderr
    items = json.loads(listed.stdout)
    assert items and all({"id", "kind", "summary", "accept", "reject", "impact"} <= set(item) for item in items)
    shown = cli("review", "--limit", "2", db=samples_db_copy)
    assert shown.exit_code == 0 and items[0]["id"] in shown.stdout and "--accept ID" in shown.stdout
    link = next(item for item in items if item["kind"] == "link")
    decided = cli("review", "--reject", link["id"], db=samples_db_copy)
    assert decided.exit_code == 0 and "split decision" in decided.stdout
    after = json.loads(cli("review", "--format", "json", db=samples_db_copy).stdout)
    assert link["id"] not in {item["id"] for item in after}
    assert cli("sync", db=samples_db_copy).stdout.strip() == "the ledger is up to date"


# --- every command on every back end ------------------------------------------------------

# Commands that never open a database, and the one whose own test starts it in a process
# of its own over the same fixture (tests/server/test_serve.py).
NO_DATABASE = {"extract", "explain", "dates"}
TESTED_ELSEWHERE = {"serve"}


def test_every_database_command_runs_on_each_back_end(cli: Invoke, samples_db_copy: str, tmp_path: Path) -> None:
    """``--db`` of either kind works for every command (``samples_db_copy`` is SQLite,
    then PostgreSQL when NEWSLEDGER_TEST_PG is set)."""
    import typer

    from newsledger.cli import app

    def run(*args: str) -> str:
        result = cli(*args, db=samples_db_copy)
        assert result.exit_code == 0, (args, result.stderr)
        ran.add(args[0])
        return result.stdout

    ran: set[str] = set()
    assert run("ingest", str(THIRD_TRANSFER)).strip().splitlines()[-1].startswith("stored 0, duplicates 1")
    assert run("failures").strip().lower() == "no failures recorded"
    listing = run("events", "--type", "transfer")
    event_id = re.findall(r"\b(ev-[0-9a-f]+)\s*$", listing, flags=re.M)[0]
    assert event_id in run("show", event_id)
    assert json.loads(run("export", "--format", "json"))["events"]
    assert "2026-01-20" in run("timeline")
    assert "92" in run("tally", "transfer", "--from", "MX", "--to", "US")
    run("claims")
    run("links")
    assert "Rafael Caro Quintero" in run("entity", "Caro Quintero")
    assert json.loads(run("quotes", "--format", "json"))
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    (inbox / THIRD_TRANSFER.name).write_bytes(THIRD_TRANSFER.read_bytes())
    assert "duplicate" in run("watch", str(inbox), "--max-polls", "1", "--interval", "0.1")
    merged = next(e for e in json.loads(run("export"))["events"] if len(e["sources"]) > 1)
    parts = re.findall(r"ev-[0-9a-f]+", run("split", merged["id"]).split(" into ", 1)[1])
    run("merge", parts[0], parts[1])
    merges = re.findall(r"^\s+(\d+)\s+merge", run("decisions"), flags=re.M)
    assert run("forget", merges[-1]).startswith(f"forgot decision {merges[-1]} (merge)")
    assert "third-transfer" in run("documents", "--source", "third")
    assert run("reprocess", "--source", "third").startswith("reprocessed 1,")
    assert run("sync").strip() == "the ledger is up to date"
    json.loads(run("review", "--format", "json"))
    exported = tmp_path / "ledger.json"
    exported.write_text(run("export", "--format", "json"), encoding="utf-8")
    assert run("import", "--replace", str(exported)).startswith("imported ")
    assert "2026-01-20" in run("timeline")
    assert run("delete", "--source", "third").startswith("deleted ")
    commands = set(typer.main.get_command(app).commands)  # type: ignore[attr-defined]
    assert ran == commands - NO_DATABASE - TESTED_ELSEWHERE
