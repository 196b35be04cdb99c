"""Help a user can read: every argument and option explained, no Python types as metavars."""
from __future__ import annotations

import re

import click
import pytest
import typer

from newsledger import __version__
from newsledger.cli import app
from tests.conftest import Invoke

GROUP = typer.main.get_command(app)
COMMANDS = sorted(GROUP.commands)  # type: ignore[attr-defined]
# What Typer prints for a parameter without a metavar: a Python annotation.
INTERNAL = re.compile(r"<(str|int|float|list\[[^>]*\]|Path|path|file|int range|float range)>|\{[A-Z_]+\}")


def test_version_prints_the_package_version(cli: Invoke) -> None:
    result = cli("--version")
    assert result.exit_code == 0
    assert result.stdout.strip() == f"newsledger {__version__}"


@pytest.mark.parametrize("command", COMMANDS)
def test_help_shows_no_internal_metavar(cli: Invoke, command: str) -> None:
    text = cli(command, "--help").stdout
    assert not INTERNAL.search(text), f"`newsledger {command} --help` shows {INTERNAL.search(text)[0]!r}"


@pytest.mark.parametrize("command", COMMANDS)
def test_every_parameter_has_help(command: str) -> None:
    with click.Context(GROUP) as ctx:
        sub = GROUP.get_command(ctx, command)  # type: ignore[attr-defined]
        assert sub is not None
        for param in sub.params:
            if param.name == "help":
                continue
            assert getattr(param, "help", None), f"`newsledger {command}`: {param.name} has no help"


def test_ingest_usage_reads_like_a_unix_command(cli: Invoke) -> None:
    assert "Usage: newsledger ingest [OPTIONS] PATH..." in cli("ingest", "--help").stdout


def test_event_types_are_listed_in_help(cli: Invoke) -> None:
    text = " ".join(cli("events", "--help").stdout.split())
    for name in ("transfer", "arrest", "seizure"):
        assert name in text
