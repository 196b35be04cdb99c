"""Commands about documents: ``extract``, ``explain``, ``ingest``, ``failures`` and ``dates``."""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

import typer

from newsledger.cli import render
from newsledger.cli.app import app
from newsledger.cli.common import Format, Language, err, open_store, out, parse_day, print_json
from newsledger.errors import InputError, NewsledgerError, StorageError

if TYPE_CHECKING:
    from newsledger.ingest import RawDocument
    from newsledger.model import Extraction
    from newsledger.store import Store

# Documents extracted per model batch during ingest.
BATCH = 8

_FILE = typer.Argument(..., exists=False, dir_okay=False, metavar="FILE")
_LANGUAGE = typer.Option(None, "--language", help="Language of the text (detected when omitted).")
_PUBLISHED = typer.Option(None, "--published", metavar="YYYY-MM-DD",
                          help="Publication date: relative dates are resolved against it.")
_MAX_BYTES_HELP = "Refuse files larger than this many bytes (default: the reader's limit, 5 MB)."


def _read(path: Path, published: str | None, language: Language | None, url: str | None = None,
          max_bytes: int | None = None) -> list["RawDocument | InputError"]:
    """Every document (or rejection) ``read_path`` finds at ``path``, options applied."""
    from newsledger.ingest import read_path

    options: dict[str, object] = {
        "published": parse_day(published, "--published"),
        "language": language.value if language else None,
        "url": url,
    }
    if max_bytes is not None:
        options["max_bytes"] = max_bytes
    return list(read_path(path, **options))


@app.command()
def extract(
    file: Path = _FILE,
    published: str | None = _PUBLISHED,
    language: Language | None = _LANGUAGE,
    format: Format = typer.Option(Format.table, "--format", help="json: the contract JSON."),
) -> None:
    """Extract entities, events, quotes and claims from one article; nothing is stored."""
    extraction = extract_one(file, published, language, "extract")
    if format is Format.json:
        print_json(extraction.to_json())
    else:
        render.extraction(out(), extraction)


def extract_one(file: Path, published: str | None, language: Language | None, command: str) -> "Extraction":
    """The extraction of the one document at ``file``; warnings go to stderr."""
    items = _read(file, published, language)
    problems = [item for item in items if isinstance(item, InputError)]
    documents = [item for item in items if not isinstance(item, InputError)]
    if problems:
        raise problems[0]
    if len(documents) != 1:
        raise InputError(str(file), f"holds {len(documents)} documents; {command} reads one",
                         hint="use `newsledger ingest` for feeds and JSON Lines")
    for warning in documents[0].warnings:
        typer.echo(f"warning: {file}: {warning}", err=True)
    # Imported only now: reading errors are reported without loading spaCy.
    from newsledger.extract import extract_document

    return extract_document(documents[0])


@app.command()
def explain(
    file: Path = _FILE,
    published: str | None = _PUBLISHED,
    language: Language | None = _LANGUAGE,
) -> None:
    """Extract one article and say, per event, why each slot is filled or left empty."""
    from newsledger.explain import explain as explain_extraction

    extraction = extract_one(file, published, language, "explain")
    explained = explain_extraction(extraction)
    if not explained:
        typer.echo("no events")
    for number, event in enumerate(explained):
        if number:
            typer.echo("")
        for line in event.lines():
            typer.echo(line)


@app.command()
def ingest(
    ctx: typer.Context,
    paths: list[Path] = typer.Argument(..., metavar="PATH", help="Files or folders."),
    published: str | None = _PUBLISHED,
    language: Language | None = _LANGUAGE,
    url: str | None = typer.Option(None, "--url", help="Source URL to record (single document)."),
    max_bytes: int | None = typer.Option(None, "--max-bytes", min=1, help=_MAX_BYTES_HELP),
) -> None:
    """Read, extract and store articles, then update the ledger; bad files are reported."""
    from newsledger.ledger import service

    with open_store(ctx) as store:
        documents, failed = _collect(store, paths, published, language, url, max_bytes)
        tally = _Tally(failed=failed)
        try:
            _ingest_all(store, documents, tally)
        finally:
            # Also after an interruption: what was stored is merged into the ledger.
            if tally.stored:
                service.update(store, tally.stored)
    typer.echo(f"stored {len(tally.stored)}, duplicates {tally.duplicates}, failed {tally.failed}")
    if tally.failed:
        raise typer.Exit(1)


@dataclass
class _Tally:
    """What became of an ingest batch, for the summary line and the exit code."""

    stored: list[str] = field(default_factory=list)
    duplicates: int = 0
    failed: int = 0


def _collect(store: "Store", paths: list[Path], published: str | None, language: Language | None,
             url: str | None, max_bytes: int | None) -> tuple[list["RawDocument"], int]:
    """Every readable document under ``paths``; unreadable ones are reported and recorded."""
    documents: list[RawDocument] = []
    failed = 0
    for path in paths:
        for item in _read(path, published, language, url, max_bytes):
            if isinstance(item, InputError):
                _fail(store, item.source, item.line, item)
                failed += 1
            else:
                documents.append(item)
    return documents, failed


def _ingest_all(store: "Store", documents: list["RawDocument"], tally: _Tally) -> None:
    """Extract and store the documents not stored yet, in model batches, counting outcomes."""
    from newsledger.ingest import content_hash

    with render.progress(err(), total=len(documents)) as advance:
        pending = []
        for raw in documents:
            for warning in raw.warnings:
                typer.echo(f"warning: {_where(raw.source, raw.line)}: {warning}", err=True)
            # Text already stored is recognised by its hash: re-ingesting costs no model time.
            if store.has(content_hash(raw.text)):
                tally.duplicates += 1
                advance()
            else:
                pending.append(raw)
        for start in range(0, len(pending), BATCH):
            chunk = pending[start:start + BATCH]
            for raw, result in zip(chunk, _extract(chunk)):
                outcome = _store(store, raw, result)
                if outcome is None:
                    tally.failed += 1
                elif outcome[1]:
                    tally.stored.append(outcome[0])
                else:
                    tally.duplicates += 1
                advance()


def _where(source: str, line: int | None) -> str:
    return f"{source}:{line}" if line is not None else source


def _extract(chunk: list["RawDocument"]) -> list["Extraction | NewsledgerError"]:
    """Extractions of a chunk, batched through the model; a failing document is isolated.

    When the batch fails, its documents are extracted one by one so that the error is
    pinned on the document that caused it and the others still go in.
    """
    from newsledger.extract import extract_document, extract_documents

    try:
        return list(extract_documents(chunk, batch_size=BATCH))
    except NewsledgerError:
        pass
    results: list[Extraction | NewsledgerError] = []
    for raw in chunk:
        try:
            results.append(extract_document(raw))
        except NewsledgerError as error:
            results.append(error)
    return results


def _store(store: "Store", raw: "RawDocument", result: "Extraction | NewsledgerError") -> tuple[str, bool] | None:
    """Store one extraction: ``(id, stored_now)``, or None when it failed (and is reported)."""
    if isinstance(result, NewsledgerError):
        _fail(store, raw.source, raw.line, result)
        return None
    try:
        return store.add(raw, result)
    except StorageError as error:  # the store has recorded the failure itself
        typer.echo(f"error: {error}", err=True)
        return None


def _fail(store: "Store", source: str, line: int | None, error: NewsledgerError) -> None:
    """Report one failed document on stderr and record it, so ``failures`` can list it."""
    where = _where(source, line)
    if isinstance(error, InputError):
        reason = error.reason + (f" ({error.hint})" if error.hint else "")
    else:
        reason = str(error).removeprefix(f"{where}: ")
    typer.echo(f"error: {where}: {reason}", err=True)
    store.record_failure(source, reason, line=line)


@app.command()
def failures(ctx: typer.Context) -> None:
    """List the documents that could not be ingested, with the reason."""
    with open_store(ctx) as store:
        rows = store.failures()
    render.failures(out(), rows)


@app.command()
def dates(
    tsv: Path = typer.Option(..., "--tsv", metavar="FILE", help="Expression file (timex README)."),
    language: Language = typer.Option(..., "--language"),
) -> None:
    """Normalise the temporal expressions of a TSV file: one `EXPRESSION<TAB>VALUE` per line."""
    from newsledger.timex import normalise_tsv

    for line in normalise_tsv(tsv, language.value):
        typer.echo(line)
