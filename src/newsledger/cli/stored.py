"""Commands over stored documents: ``documents`` (list and filter), ``reprocess`` (extract
again, with corrected metadata or the current rules) and ``delete``.

Each calls the library (``read.Reader.document_list``, ``ingestion.reprocess``,
``ingestion.delete``). Documents are named by their id or its first digits, as
``documents`` shows them; ``--source`` picks documents by file, URL or title instead.
"""
from __future__ import annotations

from dataclasses import asdict
from enum import Enum
from typing import TYPE_CHECKING

import typer

from newsledger.cli import render
from newsledger.cli.app import app
from newsledger.cli.common import Format, Language, err, open_store, out, parse_day, print_json
from newsledger.errors import InputError

if TYPE_CHECKING:
    from newsledger.store import Store

_IDS = typer.Argument(None, metavar="ID...", show_default=False,
                      help="Document ids, or their first digits as `documents` shows them.")
_SOURCE = typer.Option(None, "--source", metavar="WORDS",
                       help="Documents whose file, URL or title holds every one of these words.")


class Status(str, Enum):
    merged = "merged"
    unmerged = "unmerged"
    failed = "failed"


@app.command()
def documents(
    ctx: typer.Context,
    source: str | None = _SOURCE,
    language: Language | None = typer.Option(None, "--language", help="Only documents in this language."),
    since: str | None = typer.Option(None, "--since", metavar="YYYY-MM-DD", help="Published on or after this day."),
    until: str | None = typer.Option(None, "--until", metavar="YYYY-MM-DD", help="Published on or before this day."),
    undated: bool = typer.Option(False, "--undated", help="Only documents without a publication date."),
    status: Status | None = typer.Option(None, "--status", help="merged (in the ledger), unmerged (waiting for"
                                         " `sync`) or failed (sources that could not be ingested)."),
    failed: bool = typer.Option(False, "--failed", help="Only the sources that failed (as --status failed)."),
    format: Format = typer.Option(Format.table, "--format", help="json: every field of every row."),
) -> None:
    """List stored documents (id, date, language, events, status, source) and the sources
    that failed, narrowed by source, language, date and status."""
    from newsledger.read import DocumentFilter, Reader

    if failed and status not in (None, Status.failed):
        raise InputError("--failed", f"--failed asks for failed sources, --status for {status.value}: give one")
    wanted = DocumentFilter(source=source, language=language.value if language else None,
                            since=parse_day(since, "--since"), until=parse_day(until, "--until"),
                            undated=True if undated else None,
                            status="failed" if failed else status.value if status else None)
    with open_store(ctx, read_only=True) as store:
        rows = Reader(store).document_list(wanted)
    if format is Format.json:
        print_json([asdict(row) for row in rows])
    else:
        render.document_list(out(), rows)


def _chosen(store: "Store", ids: list[str] | None, source: str | None, every: bool) -> list[str]:
    """The documents a command is asked about: by id (or its first digits), by source
    words, or all of them; asking for none is an error, not a silent nothing."""
    if sum(bool(x) for x in (ids, source, every)) != 1:
        raise InputError("arguments", "name the documents: give IDs, --source WORDS or --all (one of them)")
    if every:
        return [doc.id for doc in store.documents()]
    if source:
        found = [doc.id for doc in store.find_documents(source)]
        if not found:
            raise InputError("--source", f"no stored document's file, URL or title holds {source!r}",
                             hint="see `newsledger documents`")
        return found
    return list(dict.fromkeys(store.document_id(ref) for ref in ids or []))


@app.command()
def reprocess(
    ctx: typer.Context,
    ids: list[str] | None = _IDS,
    source: str | None = _SOURCE,
    every: bool = typer.Option(False, "--all", help="Every stored document (after a new version of the rules)."),
    published: str | None = typer.Option(None, "--published", metavar="YYYY-MM-DD",
                                          help="The correct publication date (relative dates are resolved again)."),
    language: Language | None = typer.Option(None, "--language", help="The correct language of the text."),
    url: str | None = typer.Option(None, "--url", metavar="URL", help="The source URL to record."),
) -> None:
    """Extract stored documents again, with corrected metadata or the current rules, and
    update the ledger; merges and splits a person decided still hold."""
    from newsledger import ingestion
    from newsledger.cli.documents import _reporter

    options = ingestion.Options(parse_day(published, "--published"), language.value if language else None, url)
    with open_store(ctx) as store:
        chosen = _chosen(store, ids, source, every)
        with render.progress(err(), total=len(chosen)) as advance:
            result = ingestion.reprocess(store, chosen, options, progress=_reporter(advance))
    typer.echo(f"reprocessed {len(result.updated)}, failed {result.failed}, events {result.events}")
    if result.failed:
        raise typer.Exit(1)


@app.command()
def delete(
    ctx: typer.Context,
    ids: list[str] | None = _IDS,
    source: str | None = _SOURCE,
) -> None:
    """Delete documents and only what rests on them: their reports, statements and claims.
    Events other documents report stay, their values and tallies recomputed."""
    from newsledger import ingestion

    with open_store(ctx) as store:
        chosen = _chosen(store, ids, source, False)
        gone = ingestion.delete(store, chosen)
    for doc in gone:
        typer.echo(f"deleted {render.short_id(doc.id)}  {doc.source}")
