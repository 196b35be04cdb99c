"""A hand-built document and extraction that exercise every stored field."""
from __future__ import annotations

from datetime import date
from typing import Any

from newsledger.ingest import RawDocument, content_hash
from newsledger.model import Claim, DateValue, DocumentInfo, Entity, Event, Evidence, Extraction, Quote, Span
from newsledger.store.schema import TABLES
from newsledger.store.search import OUTSIDE_MODELS

TEXT = (
    "Mexico sent 37 prisoners to the United States on Tuesday, Omar García Harfuch said. "
    "\"High impact criminals,\" he wrote on X. The Sinaloa Cartel lost leaders. "
    "It was the third transfer, bringing the total to 92, nearly 100 people. "
    "Officials did not send anyone in December."
)


def span(text: str, words: str, nth: int = 0) -> Span:
    start = -1
    for _ in range(nth + 1):
        start = text.index(words, start + 1)
    return Span(start, start + len(words), words)


def sample(text: str = TEXT, *, published: date | None = date(2026, 1, 20), source: str = "a.txt",
           warnings: list[str] | None = None) -> tuple[RawDocument, Extraction]:
    raw = RawDocument(text, source, published, "en", "Transfer", "https://e/1", "Example", warnings=warnings or [])
    doc = DocumentInfo(content_hash(text), source, published, "en", "Transfer", "https://e/1", "Example")
    harfuch = Entity("e1", "Omar García Harfuch", "person", None, "MX", ["Security Minister"], "kb:harfuch", None,
                     [span(text, "Omar García Harfuch")])
    cartel = Entity("e2", "Sinaloa Cartel", "organization", "criminal_group", "MX", [], "kb:sinaloa", "Q1",
                    [span(text, "Sinaloa Cartel")])
    mexico = Entity("e3", "Mexico", "place", "country", "MX", [], None, None, [span(text, "Mexico")])
    transfer = Event(
        "v1", "transfer", DateValue.of_day(date(2026, 1, 20)), 37, "MX", "US", ["Mexico"], ["Sinaloa Cartel"],
        ["Omar García Harfuch"], None, False, False,
        [span(text, "Mexico sent 37 prisoners to the United States on Tuesday")],
        {"count": Evidence.of(span(text, "37"), "count.object", "send"),
         "agents:Mexico": Evidence.of(span(text, "Mexico"), "agents.origin"), "date": span(text, "Tuesday"),
         "organizations:Sinaloa Cartel": span(text, "Sinaloa Cartel"), "destination:US": span(text, "United States")},
    )
    denied = Event("v2", "transfer", DateValue.of_month(2025, 12), None, "MX", "US", [], [], [], "Mexico City",
                   True, False, [span(text, "Officials did not send anyone in December")], {})
    undated = Event("v3", "designation", hypothetical=True, organizations=["Sinaloa Cartel", "Unknown Group"])
    quote = Quote("Omar García Harfuch", "High impact criminals", "X", *_offsets(span(text, "High impact criminals")))
    total = Claim("cumulative_total", 92, "transfer", *_offsets(span(text, "92")), "MX", "US", "Omar García Harfuch",
                  text="bringing the total to 92")
    ordinal = Claim("ordinal", 3, "transfer", *_offsets(span(text, "third")), event="v1",
                    period=DateValue.of_year(2026))
    approx = Claim("count", 100, None, *_offsets(span(text, "nearly 100")), low=90, high=99.5)
    return raw, Extraction(doc, [harfuch, cartel, mexico], [transfer, denied, undated], [quote],
                           [total, ordinal, approx])


def _offsets(s: Span) -> tuple[int, int]:
    return s.start, s.end


def only_store_tables(obj: Any, name: str | None, type_: str, reflected: bool, compare_to: Any) -> bool:
    """Limits a schema comparison to the store's tables (other modules have their own migrations),
    without the search indexes migration 0005 adds beside the models (``search.OUTSIDE_MODELS``)."""
    if type_ != "table" and name in OUTSIDE_MODELS:
        return False
    table = obj if type_ == "table" else getattr(obj, "table", None)
    return (getattr(table, "name", None) or name) in TABLES
