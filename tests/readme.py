"""The README's console examples, run for real: checked by a test, rewritten by ``make readme``.

Like the cog-generated docs of sqlite-utils, every ```console block of README.md whose
commands are ``newsledger …`` is output the tool gives today. The blocks run in README
order, as a new user would type them, in a scratch folder holding a copy of ``samples/``
and the ``inbox/`` below, with ``NEWSLEDGER_DB`` pointing at a fresh database there and
``COLUMNS=100``. Within a block:

* ``$ newsledger ARGS`` runs the CLI in-process (stdout and stderr as a terminal shows
  them; ``(exit code N)`` follows when it is not 0); ``| head -N`` keeps N lines and
  ``> FILE`` writes stdout to FILE; ``$ cmp A B && echo same`` compares two files;
* ``$ cat FILE`` shows a file the next commands read: the runner writes the block's lines
  to FILE instead of checking them;
* a block preceded by ``<!-- not-run: REASON -->`` is left alone (another database, a
  machine-dependent figure), and so is one with other shell syntax or a ``serve`` or
  ``watch`` command (they run until stopped); a command followed by a ``# comment`` shows
  its output in part: it runs, its output is not compared.

Clock times (``2026-11-28 06:55 UTC``) are compared as any time.

    python -m tests.readme --update     # rewrite README.md's blocks (make readme)
"""
from __future__ import annotations

import os
import re
import shlex
import shutil
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
README = ROOT / "README.md"

_FENCE = re.compile(r"^```console\n(.*?)^```\n", re.S | re.M)
_NOT_RUN = re.compile(r"<!-- not-run: [^>]+-->\s*$")
_CLOCK = re.compile(r"\d{4}-\d\d-\d\d \d\d:\d\d(:\d\d)? UTC")
_HEAD = re.compile(r"\|\s*head -(\d+)\s*$")

# The inbox of the README's second ingest example: one good report and three a batch must
# survive (written for the README; the good one is a short wire brief).
INBOX: dict[str, bytes] = {
    "brief.txt": (
        "---\ntitle: Soldiers seize 300 kilograms of methamphetamine in Sonora\npublished: 2025-05-14\n"
        "outlet: Desert Desk\n---\n"
        "HERMOSILLO, Mexico (Desert Desk) — Mexican soldiers seized 300 kilograms of methamphetamine "
        "on Tuesday at a ranch outside Hermosillo and arrested two men, the Defense Ministry said.\n"
    ).encode(),
    "empty.txt": b"",
    "scan.pdf": b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n\x00\x00",
    "wire.jsonl": (
        b'{"text": "Police in Tijuana arrested a man wanted for extortion on Friday.", "published": "2025-05-16"}\n'
        b'{"text": "A second item, cut off in transit", "published": \n'
    ),
}


@dataclass
class Command:
    line: str  # as written after "$ "
    output: list[str] = field(default_factory=list)
    spaced: bool = True  # a blank line separates it from the command before


@dataclass
class Block:
    start: int  # character offsets of the block's body in the README
    end: int
    commands: list[Command]
    run: bool


def blocks(text: str) -> list[Block]:
    """Every console block of ``text``, parsed into commands and their shown output."""
    found = []
    for match in _FENCE.finditer(text):
        before = text[:match.start()].rstrip("\n").rsplit("\n", 1)[-1]
        commands: list[Command] = []
        previous = ""
        for line in match.group(1).split("\n")[:-1]:
            if line.startswith("$ "):
                commands.append(Command(line[2:], spaced=previous == ""))
            elif commands:
                commands[-1].output.append(line)
            previous = line
        for command in commands:  # the blank line before the next "$" separates, it is not output
            while command.output and command.output[-1] == "":
                command.output.pop()
        runnable = bool(commands) and all(_runnable(c.line) for c in commands) \
            and any(c.line.startswith("newsledger") for c in commands)
        found.append(Block(match.start(1), match.end(1), commands, runnable and not _NOT_RUN.search(before)))
    return found


# Commands that serve or watch until stopped never run here, whatever the block says.
_LONG_RUNNING = re.compile(r"^newsledger (--db \S+ )?(serve|watch)\b")


_REDIRECT = re.compile(r">\s*(\S+)\s*$")
_CMP = re.compile(r"^cmp (\S+) (\S+) && echo same$")


def _runnable(line: str) -> bool:
    """What the runner can do: ``newsledger …`` (with ``| head -N`` or ``> FILE``), ``cat
    FILE`` and ``cmp A B && echo same``; any other shell makes its block not run."""
    if _CMP.match(line):
        return True
    plain = _REDIRECT.sub("", _HEAD.sub("", line.split("  #", 1)[0])).strip()
    if any(mark in plain for mark in ("|", "&", ";", "<", ">", "`", "$(")):
        return False
    return (plain.startswith("newsledger ") and not _LONG_RUNNING.match(plain)) or plain.startswith("cat ")


def _render(block: Block) -> str:
    text = ""
    for i, command in enumerate(block.commands):
        if i:
            text += "\n\n" if command.spaced else "\n"
        text += "\n".join([f"$ {command.line}", *command.output])
    return text + "\n"


@contextmanager
def workspace(folder: Path) -> Iterator[Path]:
    """The scratch folder the examples run in, set up as a new user's would be after
    `make demo`: ``samples/``, an ``inbox/``, the database named by ``NEWSLEDGER_DB``."""
    shutil.copytree(ROOT / "samples", folder / "samples")
    (folder / "inbox").mkdir()
    for name, data in INBOX.items():
        (folder / "inbox" / name).write_bytes(data)
    saved = {key: os.environ.get(key) for key in ("NEWSLEDGER_DB", "COLUMNS")}
    cwd = Path.cwd()
    os.environ["NEWSLEDGER_DB"] = f"sqlite:///{folder / 'newsledger.db'}"
    os.environ["COLUMNS"] = "100"
    os.chdir(folder)
    try:
        yield folder
    finally:
        os.chdir(cwd)
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value


def run(command: Command) -> list[str]:
    """What ``command`` prints today, as the README shows it (``cat`` writes its file)."""
    from typer.testing import CliRunner

    from newsledger.cli import app

    line = command.line.split("  #", 1)[0].strip()
    compared = _CMP.match(line)
    if compared:
        first, second = (Path(name).read_bytes() for name in compared.groups())
        return ["same"] if first == second else [f"{compared[1]} {compared[2]} differ"]
    redirect = _REDIRECT.search(line)
    if redirect:
        line = line[:redirect.start()].strip()
    head = _HEAD.search(line)
    if head:
        line = line[:head.start()].strip()
    words = shlex.split(line)
    if words[0] == "cat":
        Path(words[1]).write_text("\n".join(command.output) + "\n", encoding="utf-8")
        return command.output
    result = CliRunner().invoke(app, words[1:], catch_exceptions=False)
    if redirect:  # stdout to the file, stderr (and the exit code) shown
        Path(redirect[1]).write_text(result.stdout, encoding="utf-8")
        shown = result.stderr
    else:
        shown = result.output
    lines = shown.rstrip("\n").split("\n") if shown.strip() else []
    lines = [text.rstrip() for text in lines]
    if head:
        lines = lines[:int(head.group(1))]
    if result.exit_code:
        lines.append(f"(exit code {result.exit_code})")
    return lines


def partial(command: Command) -> bool:
    """A command with a ``# comment`` shows its output in part: run, never compared."""
    return "  #" in command.line


def same(shown: list[str], produced: list[str]) -> bool:
    return [_CLOCK.sub("<time>", s) for s in shown] == [_CLOCK.sub("<time>", s) for s in produced]


def regenerate(text: str, folder: Path) -> tuple[str, list[str]]:
    """README ``text`` with every runnable block's output replaced by today's, and the
    commands whose output changed."""
    changed: list[str] = []
    pieces: list[str] = []
    last = 0
    with workspace(folder):
        for block in blocks(text):
            if not block.run:
                continue
            for command in block.commands:
                produced = run(command)
                if partial(command):
                    continue
                if not same(command.output, produced):
                    changed.append(command.line)
                    command.output = produced
            pieces.append(text[last:block.start])
            pieces.append(_render(block))
            last = block.end
    pieces.append(text[last:])
    return "".join(pieces), changed


def main(argv: list[str]) -> int:
    import tempfile

    with tempfile.TemporaryDirectory() as scratch:
        new, changed = regenerate(README.read_text(encoding="utf-8"), Path(scratch))
    if "--update" in argv:
        README.write_text(new, encoding="utf-8")
        print(f"README.md: {len(changed)} example(s) rewritten" + "".join(f"\n  $ {c}" for c in changed))
        return 0
    for line in changed:
        print(f"differs: $ {line}")
    return 1 if changed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
