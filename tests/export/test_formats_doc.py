"""docs/formats.md shows one real example of each format: what the tool writes today.

Each ```` ```text ```` block after a ``<!-- example: FORMAT -->`` marker is the output of
``newsledger export --format FORMAT`` with ``FILTER`` on the sample corpus (CSV: the
header and the first row; JSON lines: the first line; json: its first lines; graphml: the
first event's node and first edge; parquet: the first row of each table as pyarrow reads it).

    python -m tests.export.test_formats_doc --update DB_URL   # rewrite the examples
"""
from __future__ import annotations

import json
import re
import sys
import tempfile
from pathlib import Path

from newsledger import export
from newsledger.read import EventFilter
from newsledger.store import Store

DOC = Path(__file__).resolve().parents[2] / "docs" / "formats.md"
SAMPLES = Path(__file__).resolve().parents[2] / "samples"
FILTER = EventFilter(type="transfer", since=__import__("datetime").date(2026, 1, 1))
_BLOCK = re.compile(r"(<!-- example: (\w+) -->\n```text\n)(.*?)(^```\n)", re.S | re.M)


def _relative(text: str) -> str:
    """Sources as a checkout names them (``samples/…``), wherever the corpus was ingested from."""
    return text.replace(str(SAMPLES) + "/", "samples/")


def examples(store: Store) -> dict[str, str]:
    found: dict[str, str] = {}
    with tempfile.TemporaryDirectory() as scratch:
        for name in export.FORMATS:
            target = Path(scratch) / name
            export.export(store, name, FILTER, target)
            if name == "parquet":
                import pyarrow.parquet as pq

                rows = [json.dumps(pq.read_table(target / table).slice(0, 1).to_pylist()[0], ensure_ascii=False,
                                   default=str) for table in ("events.parquet", "statements.parquet")]
                found[name] = _relative("\n".join(rows))
                continue
            lines = _relative(target.read_text(encoding="utf-8")).splitlines()
            if name in ("csv", "acled"):
                found[name] = "\n".join(lines[:2])
            elif name == "json":
                found[name] = "\n".join(lines[:14])
            elif name == "ftm":
                firsts = {}
                for line in lines:  # the event, then one entity of each other schema
                    firsts.setdefault(json.loads(line)["schema"], line)
                found[name] = "\n".join(firsts[s] for s in ("Event", "Article", "Person", "Organization")
                                        if s in firsts)
            elif name == "graphml":
                text = "\n".join(lines)
                node = text.index("<node id=\"event/")
                edge = text.index("<edge ")
                found[name] = (text[node:text.index("</node>", node) + len("</node>")] + "\n"
                               + text[edge:text.index("</edge>", edge) + len("</edge>")])
            else:
                found[name] = lines[0]
    return found


def rewrite(text: str, found: dict[str, str]) -> str:
    return _BLOCK.sub(lambda m: m.group(1) + found[m.group(2)] + "\n" + m.group(4), text)


def test_every_format_has_a_current_example(samples_db: str) -> None:
    text = DOC.read_text(encoding="utf-8")
    shown = {m.group(2): m.group(3).rstrip("\n") for m in _BLOCK.finditer(text)}
    assert set(shown) == set(export.FORMATS), "docs/formats.md needs one example per format"
    with Store(samples_db, read_only=True) as store:
        found = examples(store)
    stale = [name for name in shown if shown[name] != found[name]]
    assert not stale, f"docs/formats.md examples of {stale} are not what the tool writes now: " \
                      "python -m tests.export.test_formats_doc --update DB_URL"


if __name__ == "__main__":
    if len(sys.argv) != 3 or sys.argv[1] != "--update":
        sys.exit(__doc__)
    with Store(sys.argv[2], read_only=True) as store:
        DOC.write_text(rewrite(DOC.read_text(encoding="utf-8"), examples(store)), encoding="utf-8")
