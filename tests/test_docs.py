"""The README documents every command of the CLI.

Like sqlite-utils' documentation tests: the list of commands comes from the Typer app
itself, so a new command cannot be added without the README saying how to use it.
"""
from __future__ import annotations

import re
from pathlib import Path

import pytest
import typer

from newsledger.cli import app

README = Path(__file__).resolve().parent.parent / "README.md"


def _commands() -> list[str]:
    group = typer.main.get_command(app)
    return sorted(group.commands)  # type: ignore[attr-defined]


def test_the_app_has_commands() -> None:
    assert len(_commands()) >= 10


@pytest.mark.parametrize("command", _commands())
def test_command_is_documented_in_readme(command: str) -> None:
    text = README.read_text(encoding="utf-8")
    assert re.search(rf"newsledger (--db \S+ )?{re.escape(command)}\b", text), (
        f"README.md has no example of `newsledger {command}`")


@pytest.mark.parametrize("command", _commands())
def test_command_has_help(command: str) -> None:
    group = typer.main.get_command(app)
    assert group.commands[command].help, f"`newsledger {command}` has no help text"  # type: ignore[attr-defined]
