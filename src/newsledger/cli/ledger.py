"""Commands over stored events and the merged ledger.

``events`` and ``show`` read the store; the others call ``newsledger.ledger.service``,
which owns merging, tallies, claim checks and the export format.
"""
from __future__ import annotations

from enum import Enum

import typer

from newsledger.cli import render
from newsledger.cli.app import app
from newsledger.cli.common import open_store, out, parse_day, print_json


class ExportFormat(str, Enum):
    json = "json"


class Verdict(str, Enum):
    consistent = "consistent"
    inconsistent = "inconsistent"
    unverifiable = "unverifiable"


@app.command()
def events(
    ctx: typer.Context,
    type: str | None = typer.Option(None, "--type", help="Only this event type (e.g. transfer)."),
    since: str | None = typer.Option(None, "--since", metavar="YYYY-MM-DD"),
    until: str | None = typer.Option(None, "--until", metavar="YYYY-MM-DD"),
) -> None:
    """List ledger events, optionally by type and date range."""
    store = open_store(ctx)
    rows = store.events(type, parse_day(since, "--since"), parse_day(until, "--until"))
    render.events(out(), rows)


@app.command()
def show(ctx: typer.Context, id: str = typer.Argument(..., metavar="ID")) -> None:
    """Every field of one event, each with the exact sentence it was read from."""
    store = open_store(ctx)
    render.event_detail(out(), store, store.event(id))


@app.command()
def export(
    ctx: typer.Context,
    format: ExportFormat = typer.Option(ExportFormat.json, "--format"),
) -> None:
    """Print the whole ledger (events, sources, conflicts, tallies, claim checks) as JSON."""
    from newsledger.ledger import service

    print_json(service.export(open_store(ctx)))


@app.command()
def timeline(ctx: typer.Context) -> None:
    """The ledger's events in date order, with the number of sources of each."""
    from newsledger.ledger import service

    render.timeline(out(), service.timeline(open_store(ctx)))


@app.command()
def tally(
    ctx: typer.Context,
    type: str = typer.Argument(..., metavar="TYPE", help="Event type, e.g. transfer."),
    origin: str | None = typer.Option(None, "--from", metavar="CC", help="Origin country (ISO code)."),
    destination: str | None = typer.Option(None, "--to", metavar="CC", help="Destination country."),
) -> None:
    """Running totals of a series of events, such as transfers from MX to US."""
    from newsledger.ledger import service

    render.tally(out(), service.tally(open_store(ctx), type, origin, destination))


@app.command()
def claims(
    ctx: typer.Context,
    verdict: Verdict | None = typer.Option(None, "--verdict", help="Only claims with this verdict."),
) -> None:
    """Cumulative and ordinal claims checked against the ledger, with the arithmetic."""
    from newsledger.ledger import service

    checks = service.check_claims(open_store(ctx))
    render.claim_checks(out(), checks, verdict.value if verdict else None)


@app.command()
def links(ctx: typer.Context) -> None:
    """Candidate merges the ledger was unsure of, with their score and reasons."""
    from newsledger.ledger import service

    render.links(out(), service.links(open_store(ctx)))


@app.command()
def merge(ctx: typer.Context, a: str = typer.Argument(..., metavar="A"),
          b: str = typer.Argument(..., metavar="B")) -> None:
    """Merge two ledger events; the decision survives later re-merging."""
    from newsledger.ledger import service

    result = service.merge(open_store(ctx), a, b)
    typer.echo(f"merged {a} and {b} into {getattr(result, 'id', result)}")


@app.command()
def split(ctx: typer.Context, id: str = typer.Argument(..., metavar="ID")) -> None:
    """Split a merged ledger event back into its reports; the decision is kept."""
    from newsledger.ledger import service

    result = service.split(open_store(ctx), id)
    typer.echo(f"split {id} into {', '.join(getattr(r, 'id', str(r)) for r in result)}")


@app.command()
def entity(ctx: typer.Context, name: str = typer.Argument(..., metavar="NAME")) -> None:
    """One entity across documents: aliases, titles, events and sources."""
    from newsledger.ledger import service

    render.entity(out(), service.entity(open_store(ctx), name))
