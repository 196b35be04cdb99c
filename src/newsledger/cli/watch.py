"""``newsledger watch``: poll feeds and folders into the ledger until stopped."""
from __future__ import annotations

import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from types import FrameType

import typer

from newsledger.cli.app import app
from newsledger.cli.common import Language, open_store


@app.command()
def watch(
    ctx: typer.Context,
    sources: list[str] = typer.Argument(..., metavar="SOURCE",
                                        help="RSS/Atom feed URLs, feed files or folders."),
    interval: float = typer.Option(60.0, "--interval", min=0.1, metavar="SECONDS",
                                   help="Seconds between two polls of a source."),
    language: Language | None = typer.Option(None, "--language",
                                             help="Language of every document (detected when omitted)."),
    max_polls: int | None = typer.Option(None, "--max-polls", min=1, metavar="N",
                                         help="Stop once every source was polled N times."),
) -> None:
    """Poll feeds and folders; ingest new items as they appear, until Ctrl-C or SIGTERM.

    One line per poll and source says how many documents were new, duplicate or failed.
    Feeds are fetched with conditional GET; a failing source is retried later and later
    (up to an hour); items are never taken in twice, across restarts too.
    """
    from newsledger.pipeline import MODEL_PACKAGES
    from newsledger.watch import ReadOptions, open_watcher, warm

    with open_store(ctx) as store:
        store.check_writable()
        options = ReadOptions(language=language.value if language else None)
        with open_watcher(store, sources, interval, options) as watcher:
            warm([language.value] if language else list(MODEL_PACKAGES))
            typer.echo(f"watching {len(watcher.sources)} source(s) every {interval:g} s; Ctrl-C stops")
            try:
                with _stopping_on_signals(watcher.stop):
                    totals = watcher.run(report=lambda poll: typer.echo(poll.line()), max_polls=max_polls)
            except KeyboardInterrupt:
                typer.echo("interrupted during a poll: what was stored is kept and merged; the rest of that "
                           "source's new items are taken in on the next start", err=True)
                typer.echo(watcher.totals.summary())
                raise typer.Exit(130) from None
    typer.echo(totals.summary())


@contextmanager
def _stopping_on_signals(stop: threading.Event) -> Iterator[None]:
    """SIGINT and SIGTERM set ``stop`` (the batch being extracted is finished first); a
    second signal interrupts at once, as Ctrl-C does elsewhere."""
    if threading.current_thread() is not threading.main_thread():  # e.g. embedded: no handlers
        yield
        return

    def handle(signum: int, frame: FrameType | None) -> None:
        if stop.is_set():
            raise KeyboardInterrupt
        stop.set()
        typer.echo(f"{signal.Signals(signum).name}: stopping after the current batch "
                   "(again to stop at once)", err=True)

    previous = {number: signal.signal(number, handle) for number in (signal.SIGINT, signal.SIGTERM)}
    try:
        yield
    finally:
        for number, handler in previous.items():
            signal.signal(number, handler)
