"""The Typer application object and the behaviour every command shares.

Commands live in sibling modules and register themselves on ``app``; this module holds
only what is common to all of them: the global ``--db`` option and the rule that an
error newsledger raises on purpose is shown as one ``error: …`` line, never a traceback.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import click
import typer
from typer.core import TyperArgument, TyperGroup

from newsledger import __version__
from newsledger.errors import NewsledgerError

DEFAULT_DB = "sqlite:///newsledger.db"


class _Argument(TyperArgument):
    """An argument whose help shows its name only (``PATH...``): Typer would add its Python
    type (``<list[Path]>``), which means nothing to a user; the help text says what it is."""

    def display_type_rich(self, ctx: click.Context) -> str | None:
        return None

    def _usage_display_name(self) -> str:
        # The usual convention: `ingest [OPTIONS] PATH...`, brackets only around optional ones.
        name = self.display_name_raw if self.required else f"[{self.display_name_raw}]"
        return name + ("..." if self.nargs != 1 else "")


class _Group(TyperGroup):
    """A command group that turns ``NewsledgerError`` into a one-line message.

    Catching here rather than in ``main`` means the same behaviour holds when the app is
    driven by ``typer.testing.CliRunner`` or embedded in another Click program.
    """

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        command = super().get_command(ctx, cmd_name)
        for param in command.params if command is not None else ():
            if type(param) is TyperArgument:
                param.__class__ = _Argument
        return command

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except NewsledgerError as error:
            typer.echo(f"error: {error}", err=True)
            raise typer.Exit(1) from None


app = typer.Typer(
    cls=_Group,
    name="newsledger",
    help="A sourced ledger of real-world events from news reports (English and Spanish).",
    no_args_is_help=True,
    add_completion=False,
    # Unexpected exceptions are bugs: show a plain traceback, not rich's local-variable dump.
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)


@dataclass
class Settings:
    """What the global options decide, passed to commands through ``ctx.obj``."""

    db: str


def _show_version(value: bool) -> None:
    if value:
        typer.echo(f"newsledger {__version__}")
        raise typer.Exit()


@app.callback()
def _global(
    ctx: typer.Context,
    db: str = typer.Option(DEFAULT_DB, "--db", envvar="NEWSLEDGER_DB", metavar="URL",
                           help="SQLAlchemy database URL (SQLite file or PostgreSQL)."),
    version: bool = typer.Option(False, "--version", is_eager=True, callback=_show_version,
                                 help="Print the version and exit."),
) -> None:
    """newsledger: turn news reports into a sourced ledger of events."""
    ctx.obj = Settings(db=db)



def settings(ctx: typer.Context) -> Settings:
    """The global settings, also when a command is invoked without the callback (tests)."""
    obj = ctx.find_root().obj
    return obj if isinstance(obj, Settings) else Settings(db=DEFAULT_DB)
