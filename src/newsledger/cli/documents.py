"""Commands about documents: ``extract``, ``explain``, ``ingest``, ``failures`` and ``dates``."""
from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

import typer

from newsledger.cli import render
from newsledger.cli.app import app
from newsledger.cli.common import Format, Language, err, open_store, out, parse_day, print_json
from newsledger.errors import InputError

if TYPE_CHECKING:
    from newsledger.ingestion import Progress
    from newsledger.model import Extraction, RawDocument
    from newsledger.parallel import Cluster

_FILE = typer.Argument(..., exists=False, dir_okay=False, metavar="FILE",
                       help="One article, in any format that `ingest` reads.")
_LANGUAGE = typer.Option(None, "--language", help="Language of the text (detected when omitted).")
_PUBLISHED = typer.Option(None, "--published", metavar="YYYY-MM-DD",
                          help="Publication date: relative dates are resolved against it.")
_MAX_BYTES_HELP = "Refuse files larger than this many bytes (default: the reader's limit, 5 MB)."


def _read(path: Path, published: str | None, language: Language | None) -> list["RawDocument | InputError"]:
    """Every document (or rejection) found at ``path``, options applied."""
    from newsledger.ingestion import Options, collect

    options = Options(parse_day(published, "--published"), language.value if language else None)
    return list(collect([path], options))


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
    url: str | None = typer.Option(None, "--url", metavar="URL", help="Source URL to record (single document)."),
    max_bytes: int | None = typer.Option(None, "--max-bytes", min=1, metavar="N", help=_MAX_BYTES_HELP),
    workers: int | None = typer.Option(None, "--workers", min=1, metavar="N",
                                       help="Extract on a local Dask cluster of N worker processes."),
    scheduler: str | None = typer.Option(None, "--scheduler", metavar="tcp://HOST:PORT",
                                         help="Extract on the running Dask cluster of this scheduler."),
    memory_limit: str | None = typer.Option(None, "--memory-limit", metavar="SIZE",
                                            help="Memory of each --workers process, e.g. 1.5GiB "
                                                 "(default 2GiB, less on a small machine)."),
) -> None:
    """Read, extract and store articles, then update the ledger; bad files are reported."""
    from newsledger import ingestion

    options = ingestion.Options(parse_day(published, "--published"), language.value if language else None,
                                url, max_bytes)
    limit = _cluster_options(workers, scheduler, memory_limit)
    seen: dict[str, int] = {"stored": 0, "duplicate": 0, "failed": 0, "total": 0}
    with open_store(ctx) as store:
        store.check_writable()
        items = list(ingestion.collect(paths, options))
        with _cluster(workers, scheduler, limit) as cluster:
            extract = cluster.extractor(items, options) if cluster else None
            try:
                with render.progress(err(), total=sum(1 for i in items if not isinstance(i, InputError))) as advance:
                    result = ingestion.ingest(store, items, progress=_reporter(advance, seen), extract=extract)
            except KeyboardInterrupt:
                _interrupted(seen)
                raise typer.Exit(130) from None
    typer.echo(result.summary())
    if result.failed:
        raise typer.Exit(1)


def _cluster_options(workers: int | None, scheduler: str | None, memory_limit: str | None) -> int | None:
    """The memory limit in bytes, once the cluster options are known to go together."""
    if workers is not None and scheduler is not None:
        raise InputError("--scheduler", "cannot be combined with --workers",
                         hint="--workers starts a cluster, --scheduler uses a running one")
    if memory_limit is None:
        return None
    if workers is None:
        raise InputError("--memory-limit", "applies to the workers --workers starts",
                         hint="a running cluster's workers have their own limits")
    from newsledger.parallel import parse_memory_limit

    return parse_memory_limit(memory_limit)


@contextmanager
def _cluster(workers: int | None, scheduler: str | None, limit: int | None) -> Iterator["Cluster | None"]:
    """The Dask cluster the options ask for (closed on leaving), or None: extract here."""
    if workers is None and scheduler is None:
        yield None
        return
    # Imported only now: dask.distributed takes a second to import.
    from newsledger.parallel import Cluster

    with Cluster(workers=workers, scheduler=scheduler, memory_limit=limit) as cluster:
        typer.echo(cluster.description, err=True)
        yield cluster


def _interrupted(seen: dict[str, int]) -> None:
    """What a Ctrl-C left behind, and how to go on: stored documents are kept and merged."""
    left = max(seen["total"] - seen.get("done", 0), 0)
    typer.echo(f"interrupted: stored {seen['stored']}, duplicates {seen['duplicate']}, failed {seen['failed']}, "
               f"not yet done {left}. What was stored is kept; run the same command again to resume "
               "(stored documents are skipped).", err=True)


def _reporter(advance: Callable[[], None], seen: dict[str, int] | None = None) -> Callable[["Progress"], None]:
    """Warnings and failures as ``warning:``/``error:`` lines on stderr, and the bar;
    ``seen`` counts the outcomes so far, for the message after an interruption."""
    counts = seen if seen is not None else {}

    def report(event: "Progress") -> None:
        counts["total"] = max(counts.get("total", 0), event.total)
        counts["done"] = max(counts.get("done", 0), event.done)
        if event.stage in ("stored", "duplicate", "failed"):
            counts[event.stage] = counts.get(event.stage, 0) + 1
        if event.stage == "warning":
            typer.echo(f"warning: {event.where}: {event.message}", err=True)
        elif event.stage == "failed":
            typer.echo(f"error: {event.where}: {event.message}", err=True)
        if event.stage in ("duplicate", "stored") or (event.stage == "failed" and event.total):
            advance()

    return report


@app.command()
def failures(ctx: typer.Context) -> None:
    """List the documents that could not be ingested, with the reason."""
    with open_store(ctx) as store:
        rows = store.failures()
    render.failures(out(), rows)


@app.command()
def dates(
    tsv: Path = typer.Option(..., "--tsv", metavar="FILE", help="Expression file (timex README)."),
    language: Language = typer.Option(..., "--language", help="Language of the expressions."),
) -> None:
    """Normalise the temporal expressions of a TSV file: one `EXPRESSION<TAB>VALUE` per line."""
    from newsledger.timex import normalise_tsv

    for line in normalise_tsv(tsv, language.value):
        typer.echo(line)
