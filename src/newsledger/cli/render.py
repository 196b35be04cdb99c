"""Turning library records into tables and lines for a terminal.

Kept apart from the commands so that the commands stay a few lines each, and so that
what a user sees can be read in one place.
"""
from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn
from rich.table import Table

from newsledger.cli.common import show_date
from newsledger.model import Extraction

if TYPE_CHECKING:
    from newsledger.store import Failure


@contextmanager
def progress(console: Console, total: int) -> Iterator[Callable[[], None]]:
    """A progress bar for batches, yielding the function that advances it.

    Shown only for more than one document and on a terminal: a single article gives no
    useful progress, and a bar written to a pipe or a log file is only noise.
    """
    if total < 2 or not console.is_terminal:
        yield lambda: None
        return
    columns = (TextColumn("extracting"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn())
    with Progress(*columns, console=console, transient=True) as bar:
        task = bar.add_task("extract", total=total)
        yield lambda: bar.advance(task)


def _names(values: Iterable[str]) -> str:
    return ", ".join(values)


def _route(origin: str | None, destination: str | None) -> str:
    if not origin and not destination:
        return ""
    return f"{origin or '?'}→{destination or '?'}"


def extraction(console: Console, result: Extraction) -> None:
    """The ``extract --format table`` view: one table per kind of record."""
    info = result.document
    console.print(f"{info.source}  {info.language}  published {info.published or '?'}  {info.id}")
    if info.title:
        console.print(info.title)

    events = Table(title="events", title_justify="left")
    for column in ("id", "type", "date", "count", "route", "agents", "participants", "flags"):
        events.add_column(column)
    for event in result.events:
        flags = " ".join(name for name, on in (("negated", event.negated),
                                                ("hypothetical", event.hypothetical)) if on)
        events.add_row(event.id, event.type, show_date(event.date),
                       "" if event.count is None else str(event.count),
                       _route(event.origin, event.destination), _names(event.agents),
                       _names([*event.persons, *event.organizations]), flags)
    console.print(events)

    entities = Table(title="entities", title_justify="left")
    for column in ("id", "name", "type", "category", "country", "titles", "mentions"):
        entities.add_column(column)
    for entity in result.entities:
        entities.add_row(entity.id, entity.name, entity.type, entity.category or "",
                         entity.country or "", _names(entity.titles), str(len(entity.mentions)))
    console.print(entities)

    quotes = Table(title="quotes", title_justify="left")
    for column in ("speaker", "channel", "quote"):
        quotes.add_column(column)
    for quote in result.quotes:
        quotes.add_row(quote.speaker or "?", quote.channel or "", quote.text)
    console.print(quotes)

    claims = Table(title="claims", title_justify="left")
    for column in ("kind", "value", "event type", "route", "speaker", "text"):
        claims.add_column(column)
    for claim in result.claims:
        value = str(claim.value)
        if claim.low is not None or claim.high is not None:
            value += f" [{claim.low}–{claim.high}]"
        claims.add_row(claim.kind, value, claim.event_type or "",
                       _route(claim.origin, claim.destination), claim.speaker or "", claim.text or "")
    console.print(claims)


def failures(console: Console, rows: Iterable["Failure"]) -> None:
    """``newsledger failures``: one line per failed document, as ``error:`` lines read."""
    count = 0
    for row in rows:
        count += 1
        line = getattr(row, "line", None)
        where = f"{row.source}:{line}" if line is not None else row.source
        console.print(f"{row.created:%Y-%m-%d %H:%M} UTC  {where}: {row.reason}")
    if not count:
        console.print("no failures recorded")
