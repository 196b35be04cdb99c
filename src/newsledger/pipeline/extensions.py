"""The Doc and Span attributes the newsledger components read and write.

One place declares them all, so a component's ``requires``/``assigns`` can name them
and a test can build a Doc by hand and set only what the component under test needs.
"""
from __future__ import annotations

from spacy.tokens import Doc, Span

DOC_ATTRIBUTES = {
    "nl_published": None,    # datetime.date | None: anchor for relative dates
    "nl_language": None,     # "en" | "es"
    "nl_entities": None,     # list[model.Entity]: canonical entities with mentions
    "nl_token_entity": None,  # dict[int, str]: token index -> entity id ("e3")
    "nl_timexes": None,      # list[timex.TimexMatch]
    "nl_events": None,       # list[model.Event]
    "nl_event_tokens": None,  # dict[str, int]: event id -> trigger token index
    "nl_event_members": None,  # dict[str, list[int]]: event id -> trigger tokens of its mentions
    "nl_totals": None,       # dict[int, list[Figure]]: sentence start -> running totals
    "nl_quotes": None,       # list[model.Quote]
    "nl_claims": None,       # list[model.Claim]
}


def register() -> None:
    """Declare the attributes once; safe to call again."""
    for name, default in DOC_ATTRIBUTES.items():
        if not Doc.has_extension(name):
            Doc.set_extension(name, default=default)
    if not Span.has_extension("nl_entity"):
        Span.set_extension("nl_entity", default=None)
