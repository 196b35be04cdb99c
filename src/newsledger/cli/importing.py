"""``newsledger import``: load a JSON ledger export into the database at ``--db``."""
from __future__ import annotations

from pathlib import Path

import typer

from newsledger.cli.app import app
from newsledger.cli.common import err, open_store
from newsledger.errors import InputError


@app.command("import")
def import_(
    ctx: typer.Context,
    file: Path = typer.Argument(..., dir_okay=False, metavar="FILE.json",
                                help="A ledger export (`newsledger export --format json`)."),
    merge: bool = typer.Option(False, "--merge", help="Add the file's documents to a database that has some"
                               " (the ones it already holds are skipped) and merge them into its ledger."),
    replace: bool = typer.Option(False, "--replace", help="Delete every document, event and decision of the"
                                 " database first, then import."),
) -> None:
    """Load a ledger export into the database: its documents (without their texts), reports,
    events, decisions and claims. An empty database is required unless --merge or --replace."""
    from newsledger.ledger.importing import import_file

    if merge and replace:
        raise InputError(str(file), "give --merge or --replace, not both")
    mode = "merge" if merge else "replace" if replace else "new"
    with open_store(ctx) as store:
        result = import_file(store, file, mode)
    for warning in result.warnings:
        err().print(f"warning: {warning}")
    skipped = f", {result.skipped} already present" if result.skipped else ""
    typer.echo(f"imported {result.documents} document(s){skipped}, {result.reports} report(s);"
               f" the ledger has {result.events} event(s)")
