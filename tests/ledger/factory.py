"""Hand-built documents and events for ledger tests (no spaCy model, no store)."""
from __future__ import annotations

from datetime import date

from newsledger.model import Claim, DateValue, DocumentInfo, Entity, Event, Extraction, Span


def doc(name: str, published: str, language: str = "en") -> DocumentInfo:
    return DocumentInfo(f"sha256:{name}", f"{name}.txt", date.fromisoformat(published), language)


def day(value: str) -> DateValue:
    return DateValue.of_day(date.fromisoformat(value))


def month(year: int, number: int) -> DateValue:
    return DateValue.of_month(year, number)


def transfer(local: str, when: DateValue, count: int | None, origin: str = "MX", destination: str = "US",
             persons: list[str] | None = None, **flags: bool) -> Event:
    text = f"transfer of {count} on {when.value}"
    return Event(local, "transfer", when, count, origin, destination, ["Mexico"], [], list(persons or []), None,
                 flags.get("negated", False), flags.get("hypothetical", False), [Span(0, len(text), text)],
                 {"count": Span(12, 14, str(count)), "date": Span(18, 28, str(when.value))})


def people(*names: str) -> list[Entity]:
    return [Entity(f"e{i}", name, "person") for i, name in enumerate(names)] + [
        Entity("mx", "Mexico", "place", "country", "MX")]


def extraction(document: DocumentInfo, events: list[Event], claims: list[Claim] | None = None,
               entities: list[Entity] | None = None) -> Extraction:
    names = sorted({n for e in events for n in [*e.persons, *e.agents] if n != "Mexico"})
    return Extraction(document, entities if entities is not None else people(*names), events, [], list(claims or []))


def claim(kind: str, value: int, event: str | None = None, **extra: object) -> Claim:
    return Claim(kind, value, "transfer", 0, 0, event=event, **extra)  # type: ignore[arg-type]


def three_transfers() -> list[Extraction]:
    """The dev corpus in miniature: three MX→US transfers, reported on the day and later."""
    first = extraction(doc("a", "2025-02-28"), [transfer("v1", day("2025-02-27"), 29, persons=["Rafael Caro Quintero"])])
    second = extraction(doc("b", "2025-08-13"), [
        transfer("v1", day("2025-08-12"), 26),
        transfer("v2", month(2025, 2), 29, persons=["Caro Quintero"]),
    ], [claim("cumulative_total", 55), claim("ordinal", 2, "v1")])
    returns = extraction(doc("c", "2025-12-06"), [transfer("v1", day("2025-12-05"), 14, "US", "MX")])
    third = extraction(doc("d", "2026-01-20"), [
        transfer("v1", day("2026-01-20"), 37),
        transfer("v2", month(2025, 2), 29),
        transfer("v3", month(2025, 8), 26),
        transfer("v4", DateValue.unknown(), None, hypothetical=True),
    ], [claim("cumulative_total", 92, "v1"), claim("ordinal", 3, "v1"),
        claim("ordinal", 1, "v1", period=DateValue.of_year(2026))])
    return [first, second, returns, third]
