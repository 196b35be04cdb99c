"""Every console example of the README is what the tool prints today (see tests/readme.py)."""
from __future__ import annotations

from pathlib import Path

from tests import readme


def test_parser_reads_commands_and_output() -> None:
    text = "<!-- x -->\n```console\n$ newsledger sync\nthe ledger is up to date\n\n$ cat a.tsv\nx\ty\n```\n"
    [block] = readme.blocks(text)
    assert block.run
    assert [(c.line, c.output) for c in block.commands] == [
        ("newsledger sync", ["the ledger is up to date"]), ("cat a.tsv", ["x\ty"])]


def test_servers_and_marked_blocks_do_not_run() -> None:
    served = "```console\n$ newsledger --db sqlite:///demo.db serve --port 8000\nINFO ...\n```\n"
    marked = "<!-- not-run: another database -->\n```console\n$ newsledger timeline\n...\n```\n"
    assert not readme.blocks(served)[0].run and not readme.blocks(marked)[0].run


def test_clock_times_compare_as_any_time() -> None:
    assert readme.same(["2026-11-28 06:55 UTC  x"], ["2027-01-02 10:11 UTC  x"])
    assert not readme.same(["stored 9"], ["stored 8"])


def test_readme_examples_are_current(tmp_path: Path) -> None:
    text = readme.README.read_text(encoding="utf-8")
    _, changed = readme.regenerate(text, tmp_path)
    assert not changed, ("README.md examples differ from what the tool prints now; rewrite them with "
                         "`make readme` (or mark a block `<!-- not-run: why -->`):\n  $ " + "\n  $ ".join(changed))


def test_redirects_and_comparisons_run_other_shell_does_not() -> None:
    ok = "```console\n$ newsledger export --format json > a.json\n$ cmp a.json b.json && echo same\nsame\n```\n"
    other = "```console\n$ newsledger export --format json | jq .events\n[]\n```\n"
    [block] = readme.blocks(ok)
    assert block.run and not block.commands[1].spaced
    assert not readme.blocks(other)[0].run
