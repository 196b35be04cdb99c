"""``newsledger import``: a ledger export loaded into another database gives the same ledger.

The source ledger is the sample corpus plus a few of the shared dev texts (an interview
with an undated document and pending reports, an analysis with claims), with one split
decision, so that the round trip covers statements, conflicts, pending reports, tallies,
claim checks and a person's decisions.
"""
from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest

from newsledger.errors import InputError, Refused
from newsledger.ledger import service
from newsledger.ledger.importing import cited_text, import_file
from newsledger.model import Span
from newsledger.read import Reader
from newsledger.store import Store
from tests.conftest import Invoke
from tests.ledger.gold import DEV as GOLD

DEV = GOLD / "docs"
DEV_TEXTS = ("en_2025-12-29_analysis.txt", "es_2026-01-23_entrevista.txt", "en_2026-01-21_doj.txt")


@pytest.fixture(scope="module")
def source_db(cli: Invoke, sqlite_samples_db: str, tmp_path_factory: pytest.TempPathFactory) -> str:
    """The samples database, a few dev texts more (when ../shared is there), and one split decision."""
    folder = tmp_path_factory.mktemp("import-source")
    path = folder / "source.db"
    shutil.copy(sqlite_samples_db.removeprefix("sqlite:///"), path)
    url = f"sqlite:///{path}"
    if DEV.exists():
        texts = folder / "dev"
        texts.mkdir()
        for name in DEV_TEXTS:
            shutil.copy(DEV / name, texts / name)
        result = cli("ingest", texts, db=url)
        assert result.exit_code == 0, result.stderr
    with Store(url) as store:
        shown = service.timeline(store)
        merged = next(record for record in shown if len(record.documents) > 1)
        service.split(store, merged.reports[-1].key)
    return url


@pytest.fixture(scope="module")
def exported(source_db: str, tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("import-file") / "ledger.json"
    with Store(source_db, read_only=True) as store:
        path.write_text(json.dumps(Reader(store).export()), encoding="utf-8")
    return path


def export_of(url: str) -> dict[str, Any]:
    with Store(url, read_only=True) as store:
        return json.loads(json.dumps(Reader(store).export()))


def assert_same_ledger(before: dict[str, Any], after: dict[str, Any]) -> None:
    """Events (with statements, sources and conflicts), tallies, checks, pending: all equal."""
    assert before["events"] and before["tallies"] and before["claim_checks"]
    assert before["pending"] or not DEV.exists()
    assert before["state"]["decisions"], "the source ledger should hold a decision"
    for name in ("events", "tallies", "claim_checks", "pending", "state"):
        assert after[name] == before[name], name
    statements = [(s["report"], s["field"], json.dumps(s["value"]), s["document"], json.dumps(s["span"]))
                  for event in after["events"] for s in event["statements"]]
    assert all(s[-1] != "null" for s in statements)  # every value keeps its span
    assert [c["verdict"] for c in after["claim_checks"]] == [c["verdict"] for c in before["claim_checks"]]


def test_round_trip(exported: Path, db_url: str) -> None:
    target = db_url
    with Store(target) as store:
        result = import_file(store, exported)
    before = json.loads(exported.read_text(encoding="utf-8"))
    assert result.documents == len(before["state"]["documents"]) and not result.warnings
    assert result.events == len(before["events"])
    assert_same_ledger(before, export_of(target))


def test_imported_documents_quote_their_spans_and_survive_a_rebuild(exported: Path, tmp_path: Path) -> None:
    target = f"sqlite:///{tmp_path / 'imported.db'}"
    before = json.loads(exported.read_text(encoding="utf-8"))
    with Store(target) as store:
        import_file(store, exported)
        for event in before["events"]:
            for statement in event["statements"]:
                span = statement["span"]
                text = store.text(statement["document"])
                assert text[span["start"]:span["end"]] == span["text"]
        assert any("holds no text" in w for w in store.warnings(before["events"][0]["sources"][0]["document"]))
        service.rebuild(store)  # from the stored extractions, with the saved decisions
    after = export_of(target)
    for name in ("events", "tallies", "claim_checks", "pending"):
        assert after[name] == before[name], name


def test_a_database_with_documents_is_refused_unless_merge_or_replace(
        exported: Path, samples_db_copy: str, source_db: str) -> None:
    with Store(samples_db_copy) as store:
        with pytest.raises(Refused, match="--merge .* --replace"):
            import_file(store, exported)
        result = import_file(store, exported, mode="merge")
    assert result.skipped == 9 and result.documents == (len(DEV_TEXTS) if DEV.exists() else 0)
    merged, before = export_of(samples_db_copy), export_of(source_db)
    if not DEV.exists():  # the source ledger is then the samples' own, its decision among them
        pytest.skip("the merge comparison needs the dev texts of ../shared/eval")
    # Merging the dev texts into the samples' ledger gives the events of the source ledger,
    # with the decision between the imported reports kept.
    assert merged["events"] == before["events"] and merged["claim_checks"] == before["claim_checks"]
    with Store(samples_db_copy) as store:
        import_file(store, exported, mode="replace")
    assert export_of(samples_db_copy) == before


def test_a_filtered_export_imports_as_the_ledger_of_its_events(source_db: str, tmp_path: Path) -> None:
    from newsledger.read import EventFilter

    with Store(source_db, read_only=True) as store:
        data = Reader(store).export(EventFilter(type="transfer"))
    path = tmp_path / "transfers.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    target = f"sqlite:///{tmp_path / 'transfers.db'}"
    with Store(target) as store:
        import_file(store, path)
    after = export_of(target)
    assert after["events"] == json.loads(json.dumps(data["events"]))
    assert after["tallies"] == json.loads(json.dumps(data["tallies"]))


@pytest.mark.parametrize(("content", "message"), [
    ("not json", r"bad\.json:1: not JSON"),
    ("[1, 2]", r"not a ledger export: expected a JSON object"),
    ('{"events": []}', r"no \"state\""),
    ('{"events": [], "state": {"format": "newsledger-ledger-state", "version": 99}}', r"upgrade newsledger"),
    ('{"events": [], "state": {"format": "newsledger-ledger-state", "version": 1}}', r"state\.documents"),
])
def test_bad_input_names_the_file_and_what_to_do(tmp_path: Path, content: str, message: str) -> None:
    path = tmp_path / "bad.json"
    path.write_text(content, encoding="utf-8")
    with Store(f"sqlite:///{tmp_path / 'x.db'}") as store:
        with pytest.raises(InputError, match=message) as caught:
            import_file(store, path)
        assert store.count_documents() == 0
    assert str(path) in str(caught.value)


def test_cli_import(cli: Invoke, exported: Path, tmp_path: Path, db_url: str) -> None:
    target = db_url
    result = cli("import", exported, db=target)
    assert result.exit_code == 0, result.stderr
    assert result.stdout.startswith("imported ") and "event(s)" in result.stdout
    again = cli("import", exported, db=target)
    assert again.exit_code == 1 and "--merge" in again.stderr and "Traceback" not in again.stderr
    assert cli("import", "--merge", exported, db=target).exit_code == 0
    bad = tmp_path / "bad.json"
    bad.write_text("{", encoding="utf-8")
    failed = cli("import", bad, db=target)
    assert failed.exit_code == 1 and str(bad) in failed.stderr


def test_cited_text_puts_each_span_at_its_offsets() -> None:
    text = cited_text([Span(4, 9, "sent "), Span(0, 3, "Mex"), Span(20, 22, "29")])
    assert text[4:9] == "sent " and text[0:3] == "Mex" and text[20:22] == "29" and len(text) == 22
