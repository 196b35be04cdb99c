"""Commands over the ledger: one record per real event, merged from every report.

Commands that read go through the read API (``newsledger.read.Reader``, the same one the
JSON API and the web pages use), which loads the saved ledger without writing; commands
that change it call ``newsledger.ledger.service``. ``events --reports`` and ``show`` of a
report number read the store's unmerged event reports.
"""
from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING

import typer

from newsledger.cli import render
from newsledger.cli.app import app
from newsledger.cli.common import Format, err, open_store, out, parse_day, print_json
from newsledger.cli.filters import (CountryOption, EntityOption, SinceOption, TextOption, TypeOption,
                                     UntilOption, event_filter)
from newsledger.errors import LedgerError

if TYPE_CHECKING:
    from newsledger.store import Store


@contextmanager
def reading(ctx: typer.Context) -> Iterator["Store"]:
    """The store opened read-only for a command that only reads; documents stored but not
    merged yet (an interrupted ingest) are pointed out, since reading never merges them."""
    with open_store(ctx, read_only=True) as store:
        from newsledger.ledger import service

        yield store
        left = service.unmerged(store)
        if left:
            err().print(f"note: {len(left)} stored document(s) are not in the ledger yet:"
                        " run `newsledger sync` to merge them")


class Verdict(str, Enum):
    consistent = "consistent"
    inconsistent = "inconsistent"
    unverifiable = "unverifiable"


@app.command()
def events(
    ctx: typer.Context,
    type: TypeOption = None,
    country: CountryOption = None,
    entity: EntityOption = None,
    since: SinceOption = None,
    until: UntilOption = None,
    text: TextOption = None,
    reports: bool = typer.Option(False, "--reports", help="Every stored report, before merging (by type and dates only)."),
) -> None:
    """List ledger events (or the unmerged reports), narrowed by type, country, entity, dates or words."""
    chosen = event_filter(type, country, entity, since, until, text)
    with reading(ctx) as store:
        if reports:
            render.reports(out(), store.events(chosen.type, chosen.since, chosen.until))
            return
        from newsledger.read import Reader

        found = Reader(store).records(chosen)
    render.records(out(), found, "no events match")


@app.command()
def show(ctx: typer.Context, id: str = typer.Argument(..., metavar="ID",
                                                      help="A ledger event id (ev-…) or a report number.")) -> None:
    """Every field of one event, each with the exact sentence of the source it came from."""
    with reading(ctx) as store:
        if id.isdigit():
            stored = store.event(int(id))
            if stored is None:
                raise LedgerError(f"no event report {id} in the store (see `newsledger events --reports`)")
            render.report_detail(out(), stored, store.text(stored.document.id))
            return
        from newsledger.read import Reader

        record = Reader(store).record(id)
        texts: dict[str, str] = {}

        def text_of(doc_id: str) -> str:
            if doc_id not in texts:
                texts[doc_id] = store.text(doc_id)
            return texts[doc_id]

        render.record_detail(out(), record, text_of)


@app.command()
def export(
    ctx: typer.Context,
    format: str = typer.Option("json", "--format", metavar="FORMAT",
                               help="json, jsonl, csv, plover, acled, graphml, ftm or parquet (docs/formats.md)."),
    type: TypeOption = None,
    country: CountryOption = None,
    entity: EntityOption = None,
    since: SinceOption = None,
    until: UntilOption = None,
    text: TextOption = None,
    output: Path | None = typer.Option(None, "--output", "-o", metavar="PATH",
                                       help="Write to this file (parquet: this directory) instead of stdout."),
) -> None:
    """Write the ledger's events in a format other tools read (docs/formats.md); json is the
    whole ledger (events, sources, conflicts, tallies, claim checks)."""
    from newsledger import export as exports

    exports.get(format)  # an unknown format is refused before the database is opened
    chosen = event_filter(type, country, entity, since, until, text)
    with reading(ctx) as store:
        written = exports.export(store, format, chosen, output)
    if output is not None:
        err().print(f"wrote {written} event(s) to {output}")


@app.command()
def timeline(
    ctx: typer.Context,
    type: TypeOption = None,
    country: CountryOption = None,
    entity: EntityOption = None,
    since: SinceOption = None,
    until: UntilOption = None,
    text: TextOption = None,
) -> None:
    """The ledger's events in date order, with the number of sources of each."""
    from newsledger.read import Reader

    chosen = event_filter(type, country, entity, since, until, text)
    with reading(ctx) as store:
        found = Reader(store).records(chosen)
    if not found and any((type, country, entity, since, until, text)):
        err().print("no events match")
        return
    render.timeline(out(), found)


@app.command()
def tally(
    ctx: typer.Context,
    type: str = typer.Argument(..., metavar="TYPE", help="Event type, e.g. transfer."),
    origin: str | None = typer.Option(None, "--from", metavar="CC", help="Origin country (ISO code)."),
    destination: str | None = typer.Option(None, "--to", metavar="CC", help="Destination country."),
) -> None:
    """Running totals of a series of events, such as transfers from MX to US."""
    from newsledger.read import Reader

    with reading(ctx) as store:
        ledger = Reader(store).snapshot().ledger
        result = ledger.tally(type, origin and origin.upper(), destination and destination.upper())
    render.tally(out(), result)


@app.command()
def claims(
    ctx: typer.Context,
    verdict: Verdict | None = typer.Option(None, "--verdict", help="Only claims with this verdict."),
) -> None:
    """Cumulative and ordinal claims checked against the ledger, with the arithmetic."""
    from newsledger.read import Reader

    with reading(ctx) as store:
        checks = Reader(store).snapshot().ledger.check_claims(verdict.value if verdict else None)
    render.claim_checks(out(), checks, "no claims" + (f" judged {verdict.value}" if verdict else " to check"))


@app.command()
def links(ctx: typer.Context) -> None:
    """Candidate merges the ledger was unsure of, with their score and reasons."""
    from newsledger.read import Reader

    with reading(ctx) as store:
        render.links(out(), Reader(store).snapshot().links)


@app.command()
def entity(ctx: typer.Context,
           name: list[str] = typer.Argument(..., metavar="NAME", help="Any spelling or alias.")) -> None:
    """One entity across documents: aliases, titles, events and sources."""
    from newsledger.ledger import service
    from newsledger.read import Reader

    with reading(ctx) as store:
        # Unquoted words are one name: `newsledger entity Caro Quintero`.
        view = service.entity_view(Reader(store).snapshot().ledger, " ".join(name), store)
    render.entity(out(), view)


@app.command()
def quotes(
    ctx: typer.Context,
    speaker: str | None = typer.Option(None, "--speaker", metavar="NAME",
                                       help="Only quotes by this person (any spelling, a surname alone)."),
    outlet: str | None = typer.Option(None, "--outlet", metavar="NAME", help="Only quotes from this outlet."),
    since: SinceOption = None,
    until: UntilOption = None,
    format: Format = typer.Option(Format.table, "--format", help="table for reading, json for tools."),
) -> None:
    """Quotes from every stored report, by speaker, outlet and publication date."""
    from newsledger.read.quotes import find_quotes

    with reading(ctx) as store:
        found = find_quotes(store, speaker, outlet, parse_day(since, "--since"), parse_day(until, "--until"))
    if format == Format.json:
        print_json([view.to_json() for view in found])
    else:
        render.quotes(out(), found)


@app.command()
def sync(ctx: typer.Context) -> None:
    """Merge every stored document the ledger has not merged yet (the one ledger write step
    besides ingest, merge, split and review decisions)."""
    from newsledger.ledger import service

    with open_store(ctx) as store:
        result = service.sync(store)
    if not result.documents:
        typer.echo("the ledger is up to date")
    else:
        typer.echo(f"merged {len(result.documents)} document(s): {result.added} record(s) added,"
                   f" {result.removed} replaced")


class ReviewFormat(str, Enum):
    table = "table"
    json = "json"


@app.command()
def review(
    ctx: typer.Context,
    accept: str | None = typer.Option(None, "--accept", metavar="ID", help="Accept the proposal of item ID."),
    reject: str | None = typer.Option(None, "--reject", metavar="ID", help="Reject the proposal of item ID."),
    format: ReviewFormat = typer.Option(ReviewFormat.table, "--format", help="table for reading, json for tools."),
    limit: int = typer.Option(0, "--limit", min=0, metavar="N", help="Show at most this many items (0: all)."),
) -> None:
    """What the ledger is unsure of (candidate links, pending reports, unsure series members,
    conflicts, events resting on one weak report), most consequential first."""
    from newsledger.ledger import service

    if accept and reject:
        raise LedgerError("give --accept or --reject, not both")
    if accept or reject:
        with open_store(ctx) as store:
            decision = service.decide(store, accept or reject or "", accept=bool(accept))
        typer.echo(f"{'accepted' if accept else 'rejected'} {accept or reject}: kept as a {decision.kind}"
                   f" decision on {len(decision.pairs)} report pair(s)")
        return
    with reading(ctx) as store:
        items = service.review(store)
    if limit:
        items = items[:limit]
    if format == ReviewFormat.json:
        print_json([item.to_json() for item in items])
    else:
        render.review(out(), items)
