"""A person's decisions over the ledger: ``merge``, ``split``, ``decisions`` and ``forget``.

Each command is a call to ``newsledger.edit`` (the same functions the JSON API and the web
page call). Events are named as ``show`` names them: an event id (``ev-…``), a report
number (``events --reports``) or a report key. A merge of events that state conflicting
values is refused unless ``--force``; ``forget`` takes back exactly one decision.
"""
from __future__ import annotations

import typer

from newsledger.cli import render
from newsledger.cli.app import app
from newsledger.cli.common import open_store, out

_EVENT_HELP = "An event as `show` takes it: a ledger event id (ev-…), a report number or a report key."


@app.command()
def merge(
    ctx: typer.Context,
    a: str = typer.Argument(..., metavar="A", help=_EVENT_HELP),
    b: str = typer.Argument(..., metavar="B", help="The other event, named the same ways."),
    force: bool = typer.Option(False, "--force",
                               help="Merge even when the events state conflicting dates, counts or routes."),
) -> None:
    """Merge two ledger events; the decision survives later re-merging (`forget` undoes it).

    Events whose reports cannot be one event (dates or counts too far apart, other
    countries) are refused, naming what would conflict, unless --force."""
    from newsledger import edit

    with open_store(ctx) as store:
        result = edit.merge(store, a, b, force=force)
    [event] = result.events
    typer.echo(f"merged {a} and {b}: now {event.id} with {event.sources} source(s)"
               + (f", conflicting on {', '.join(event.conflicted)}" if event.conflicted else ""))


@app.command()
def split(ctx: typer.Context, id: str = typer.Argument(..., metavar="ID", help=_EVENT_HELP)) -> None:
    """Split a ledger event into its reports, or detach one report; the decision is kept.

    To take back a merge, use `forget` on that decision: splitting parts every report."""
    from newsledger import edit

    with open_store(ctx) as store:
        result = edit.split(store, id)
    typer.echo(f"split {id} into {', '.join(event.id for event in result.events)}")


@app.command()
def decisions(ctx: typer.Context) -> None:
    """The merges, splits and review decisions a person made, oldest first, with the id
    `forget` takes and the events their reports are in now."""
    from newsledger.read import Reader

    with open_store(ctx, read_only=True) as store:
        found = Reader(store).decisions()
    render.decisions(out(), found)


@app.command()
def forget(ctx: typer.Context, id: int = typer.Argument(..., metavar="ID", min=1,
                                                        help="A decision id, as `decisions` lists it.")) -> None:
    """Take back one decision: the ledger becomes what it would be without it (the other
    decisions still hold)."""
    from newsledger import edit

    with open_store(ctx) as store:
        result = edit.forget(store, id)
    events = ", ".join(event.id for event in result.events) or "no event"
    typer.echo(f"forgot decision {id} ({result.subject[1]}): its reports are now in {events}")
