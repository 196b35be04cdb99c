"""``newsledger serve``: the JSON API (and the web pages) over the same ``--db``."""
from __future__ import annotations

import typer

from newsledger.cli.app import app, settings

LOOPBACK = ("127.0.0.1", "localhost", "::1")


@app.command()
def serve(
    ctx: typer.Context,
    host: str = typer.Option("127.0.0.1", "--host", metavar="HOST", help="Address to listen on (loopback by default)."),
    port: int = typer.Option(8000, "--port", min=1, max=65535, metavar="PORT", help="TCP port to listen on."),
    token: str | None = typer.Option(None, "--token", metavar="TOKEN", envvar="NEWSLEDGER_TOKEN",
                                     help="Allow changes to requests with `Authorization: Bearer TOKEN`;"
                                          " without it the server is read-only."),
) -> None:
    """Serve the ledger over HTTP: JSON API under /api/v1, API docs at /docs."""
    import uvicorn

    from newsledger.server import create_app

    application = create_app(settings(ctx).db, token=token)
    mode = "changes need the token" if token else "read-only (start with --token to allow changes)"
    shown = f"[{host}]" if ":" in host else host
    typer.echo(f"newsledger serving {settings(ctx).db} on http://{shown}:{port}/ — {mode}; API docs at /docs", err=True)
    if host not in LOOPBACK:
        typer.echo(f"warning: listening on {host}, not only this machine", err=True)
    uvicorn.run(application, host=host, port=port, log_level="warning")
