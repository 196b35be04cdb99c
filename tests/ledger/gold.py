"""Build extractions from the per-document gold files, to test merging in isolation.

The gold files describe what a perfect extraction of each dev document yields; turning
them into ``Extraction`` objects lets the ledger be scored with ``score.score_ledger``
without spaCy or the extraction pipeline. Gold slots of the form {"required", "optional"}
keep only the required names, as a cautious extractor would.
"""
from __future__ import annotations

import json
import os
import sys
from datetime import date
from pathlib import Path
from typing import Any

from newsledger.ingest import content_hash
from newsledger.model import Claim, DateValue, DocumentInfo, Entity, Event, Extraction, Span

DEV = Path(__file__).resolve().parents[3] / "shared" / "eval" / "dev"
if not DEV.exists():  # CI lays shared/ beside the clone
    DEV = Path(__file__).resolve().parents[2].parent / "shared" / "eval" / "dev"
if not DEV.exists() and os.environ.get("NEWSLEDGER_SHARED"):  # a worktree elsewhere
    DEV = Path(os.environ["NEWSLEDGER_SHARED"]) / "eval" / "dev"


def available() -> bool:
    return (DEV / "ledger_en.gold.json").exists()


def scorer() -> Any:
    sys.path.insert(0, str(DEV.parent))
    import score  # type: ignore[import-not-found]

    return score


def _listed(value: Any) -> list[str]:
    if isinstance(value, dict):
        return list(value.get("required", []))
    return list(value or [])


def text_of(gold_path: Path) -> str:
    """A stand-in text for storing the document: its file name (ids are text hashes)."""
    return f"gold document {json.loads(gold_path.read_text())['document']['file']}"


def extraction(gold_path: Path) -> Extraction:
    gold = json.loads(gold_path.read_text())
    meta = gold["document"]
    doc = DocumentInfo(content_hash(text_of(gold_path)), meta["file"], date.fromisoformat(meta["published"]),
                       meta.get("language", "en"))
    entities = []
    for i, entity in enumerate(gold.get("entities", [])):
        mentions = [Span(0, len(alias), alias) for alias in [entity["name"], *entity.get("aliases", [])]]
        entities.append(Entity(f"e{i + 1}", entity["name"], entity["type"], mentions=mentions))
    events = []
    for i, raw in enumerate(gold.get("events", [])):
        text = raw.get("note") or raw["type"]
        events.append(Event(
            f"v{i + 1}", raw["type"], DateValue.from_json(raw.get("date")), raw.get("count"),
            raw.get("origin"), raw.get("destination"), _listed(raw.get("agents")),
            _listed(raw.get("organizations")), _listed(raw.get("persons")), raw.get("location"),
            bool(raw.get("negated")), bool(raw.get("hypothetical")), [Span(0, len(text), text)]))
    claims = [Claim(c["kind"], c["value"], c.get("event_type"), 0, 0, c.get("origin"), c.get("destination"))
              for c in gold.get("claims", []) if not c.get("optional")]
    return Extraction(doc, entities, events, [], claims)


def gold_paths(ledger_gold: str) -> tuple[dict[str, Any], list[Path]]:
    """The ledger gold and the per-document gold files of its documents, in the gold's order."""
    gold = json.loads((DEV / ledger_gold).read_text())
    by_file = {}
    for path in DEV.glob("*.gold.json"):
        data = json.loads(path.read_text())
        if data.get("kind") != "ledger":
            by_file[data["document"]["file"]] = path
    return gold, [by_file[doc["file"]] for doc in gold["documents"]]


def ledger_inputs(ledger_gold: str) -> tuple[dict[str, Any], list[Extraction]]:
    """The ledger gold and the extractions of its documents, in the gold's order."""
    gold, paths = gold_paths(ledger_gold)
    return gold, [extraction(path) for path in paths]
