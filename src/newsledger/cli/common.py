"""Small helpers the command modules share: opening the store, dates, output."""
from __future__ import annotations

import json
import os
import sys
from datetime import date, datetime
from enum import Enum
from typing import TYPE_CHECKING, Any, TextIO

import typer
from rich.console import Console

from newsledger.cli.app import settings

if TYPE_CHECKING:
    from newsledger.store import Store


class Format(str, Enum):
    """Output formats of commands that print records."""

    json = "json"
    table = "table"


class Language(str, Enum):
    en = "en"
    es = "es"


# Width of tables written to a pipe or a file: wide enough that ids and dates are never
# folded, so that `newsledger timeline | grep 2025` works. COLUMNS overrides it.
PIPE_WIDTH = 160


def _console(file: TextIO) -> Console:
    console = Console(file=file, soft_wrap=True, highlight=False)
    if not console.is_terminal and "COLUMNS" not in os.environ:
        console.width = PIPE_WIDTH
    return console


def out() -> Console:
    """A console on the current stdout (looked up per call so test runners can capture it).

    Soft-wrapping is on: long cells of a table are wrapped by the table itself, and plain
    lines are never cut in the middle of a value a user may want to copy.
    """
    return _console(sys.stdout)


def err() -> Console:
    return _console(sys.stderr)


def open_store(ctx: typer.Context, read_only: bool = False) -> "Store":
    """The store at ``--db``: migrated to the current schema by ``Store`` itself, or, for
    commands that only read, opened read-only (it is never created or migrated then)."""
    from newsledger.store import Store

    return Store(settings(ctx).db, read_only=read_only)


def parse_day(value: str | None, option: str) -> date | None:
    """A ``YYYY-MM-DD`` option value; a bad one is an ``InputError`` naming the option."""
    if value is None:
        return None
    from newsledger.ingest import parse_date

    return parse_date(value, option)


def print_json(data: Any) -> None:
    """The project's JSON convention: UTF-8 as is (accents stay readable), two-space indent,
    dates and times in ISO 8601 (as the read API's views hold them)."""
    typer.echo(json.dumps(data, ensure_ascii=False, indent=2, default=_iso))


def _iso(value: Any) -> str:
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    raise TypeError(f"{type(value).__name__} is not JSON serialisable")


def show_date(value: Any) -> str:
    """A date object of the contract (dict or ``DateValue``) as its TIMEX value, or ``?``."""
    if value is None:
        return "?"
    if isinstance(value, dict):
        return value.get("value") or "?"
    return getattr(value, "value", None) or "?"
