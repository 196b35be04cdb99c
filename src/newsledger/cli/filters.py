"""The event filter options that `events`, `timeline` and `export` share.

One declaration of each option (as an ``Annotated`` type) keeps their spelling, help and
validation the same in every command that narrows the ledger's events, and one function
turns them into the library's ``EventFilter``, which the API and the web pages use too.
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer

from newsledger.cli.common import parse_day
from newsledger.ontology import event_types

if TYPE_CHECKING:
    from newsledger.read import EventFilter


def _event_type(value: str | None) -> str | None:
    """An event type of the ontology, any case (``Transfer``); an unknown one is refused
    with the list of types, before any work starts."""
    if value is None:
        return None
    wanted = value.strip().lower()
    if wanted not in event_types():
        raise typer.BadParameter(f"unknown event type {value!r}; use one of: {', '.join(event_types())}")
    return wanted


def _country(value: str | None) -> str | None:
    if value is None:
        return None
    code = value.strip().upper()
    if len(code) != 2 or not code.isalpha():
        raise typer.BadParameter(f"{value!r} is not a two-letter ISO country code (such as MX or US)")
    return code


TYPES_HELP = "Only this event type (any case): " + ", ".join(event_types()) + "."

TypeOption = Annotated[str | None, typer.Option("--type", metavar="TYPE", callback=_event_type,
                                                help=TYPES_HELP)]
CountryOption = Annotated[str | None, typer.Option(
    "--country", metavar="CC", callback=_country,
    help="Only events with this country (ISO code) as origin, destination or a participant's.")]
EntityOption = Annotated[str | None, typer.Option(
    "--entity", metavar="NAME", help="Only events naming this entity (any spelling or alias, or an entity id).")]
SinceOption = Annotated[str | None, typer.Option("--since", metavar="YYYY-MM-DD",
                                                 help="Only events on or after this day.")]
UntilOption = Annotated[str | None, typer.Option("--until", metavar="YYYY-MM-DD",
                                                 help="Only events on or before this day.")]
TextOption = Annotated[str | None, typer.Option(
    "--text", metavar="WORDS", help="Only events whose type, names, place or sources hold every word.")]


def event_filter(type: str | None = None, country: str | None = None, entity: str | None = None,
                 since: str | None = None, until: str | None = None, text: str | None = None,
                 **more: object) -> "EventFilter":
    """The library filter for the options a command was given (dates checked here, so
    that a bad one names its option)."""
    from newsledger.read import EventFilter  # the store's stack loads only when a command runs

    return EventFilter(type=type, country=country, entity=entity,
                       since=parse_day(since, "--since"), until=parse_day(until, "--until"),
                       text=text, **more)  # type: ignore[arg-type]
