"""Turning library records into tables and lines for a terminal.

Kept apart from the commands so that the commands stay a few lines each, and so that
what a user sees can be read in one place.
"""
from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

from rich import box
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn
from rich.table import Table

from newsledger.cli.common import show_date
from newsledger.read.sentences import sentence_around, sentence_bounds
from newsledger.model import Extraction

if TYPE_CHECKING:
    from newsledger.ledger.claims import ClaimCheck
    from newsledger.ledger.entities import EntityView
    from newsledger.ledger.fields import Record
    from newsledger.ledger.merging import Link
    from newsledger.ledger.review import ReviewItem
    from newsledger.ledger.series import Tally
    from newsledger.read.quotes import QuoteView
    from newsledger.read.views import DecisionView, DocumentStatus
    from newsledger.store import Failure, StoredEvent


@contextmanager
def progress(console: Console, total: int) -> Iterator[Callable[[], None]]:
    """A progress bar for batches, yielding the function that advances it.

    Shown only for more than one document and on a terminal: a single article gives no
    useful progress, and a bar written to a pipe or a log file is only noise.
    """
    if total < 2 or not console.is_terminal:
        yield lambda: None
        return
    columns = (TextColumn("extracting"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn())
    with Progress(*columns, console=console, transient=True) as bar:
        task = bar.add_task("extract", total=total)
        yield lambda: bar.advance(task)


def emit(console: Console, renderable: Any) -> None:
    """Print a table without the trailing blanks rich pads its cells with.

    Output is often piped, pasted or diffed; blanks at line ends only get in the way.
    """
    with console.capture() as captured:
        console.print(renderable)
    text = "\n".join(line.rstrip() for line in captured.get().splitlines())
    console.file.write(text + "\n")


def _names(values: Iterable[str]) -> str:
    return ", ".join(values)


def _route(origin: str | None, destination: str | None) -> str:
    if not origin and not destination:
        return ""
    return f"{origin or '?'}→{destination or '?'}"


def extraction(console: Console, result: Extraction) -> None:
    """The ``extract --format table`` view: one table per kind of record."""
    info = result.document
    console.print(f"{info.source}  {info.language}  published {info.published or '?'}  {info.id}")
    if info.title:
        console.print(info.title)

    events = _table("id", "type", "date", "count", "route", "agents", "participants", "flags",
                    title="events", wrap=("agents", "participants"))
    for event in result.events:
        flags = " ".join(name for name, on in (("negated", event.negated),
                                                ("hypothetical", event.hypothetical)) if on)
        events.add_row(event.id, event.type, show_date(event.date),
                       "" if event.count is None else str(event.count),
                       _route(event.origin, event.destination), _names(event.agents),
                       _names([*event.persons, *event.organizations]), flags)
    emit(console, events)

    entities = _table("id", "name", "type", "category", "country", "titles", "mentions",
                      title="entities", wrap=("name", "titles"))
    for entity in result.entities:
        entities.add_row(entity.id, entity.name, entity.type, entity.category or "",
                         entity.country or "", _names(entity.titles), str(len(entity.mentions)))
    emit(console, entities)

    quotes = _table("speaker", "channel", "quote", title="quotes", wrap=("speaker", "quote"))
    for quote in result.quotes:
        quotes.add_row(quote.speaker or "?", quote.channel or "", quote.text)
    emit(console, quotes)

    claims = _table("kind", "value", "event type", "route", "speaker", "text",
                    title="claims", wrap=("speaker", "text"))
    for claim in result.claims:
        value = str(claim.value)
        if claim.low is not None or claim.high is not None:
            value += f" [{claim.low}–{claim.high}]"
        claims.add_row(claim.kind, value, claim.event_type or "",
                       _route(claim.origin, claim.destination), claim.speaker or "", claim.text or "")
    emit(console, claims)


def failures(console: Console, rows: Iterable["Failure"]) -> None:
    """``newsledger failures``: one line per failed document, as ``error:`` lines read."""
    count = 0
    for row in rows:
        count += 1
        line = getattr(row, "line", None)
        where = f"{row.source}:{line}" if line is not None else row.source
        console.print(f"{row.created:%Y-%m-%d %H:%M} UTC  {where}: {row.reason}")
    if not count:
        console.print("no failures recorded")


def short_id(doc_id: str) -> str:
    """A document id as listings show it: the first 12 hex digits of its hash (every
    command that takes a document takes them)."""
    return doc_id.removeprefix("sha256:")[:12]


def document_list(console: Console, rows: list["DocumentStatus"]) -> None:
    """``newsledger documents``: one row per stored document, then per failed source."""
    if not rows:
        console.print("no documents match")
        return
    table = _table("id", "published", "lang", "events", "status", "source", wrap=("source",))
    for row in rows:
        doc = row.document
        if doc is None:
            where = f"{row.source}:{row.line}" if row.line is not None else row.source
            table.add_row("-", "", "", "", "failed", f"{where}: {row.reason}")
            continue
        table.add_row(short_id(doc.id), str(doc.published or "?"), doc.language, str(row.events), row.status,
                      doc.source)
    emit(console, table)


def short_key(key: str) -> str:
    """A report key (``sha256:<hex>#v1``) as people read it: the first 12 hex digits."""
    document, _, event = key.partition("#")
    return f"{short_id(document)}#{event}" if event else key


def decisions(console: Console, rows: Iterable["DecisionView"], most: int = 6) -> None:
    """``newsledger decisions``: one line per decision, then the reports it names."""
    count = 0
    for row in rows:
        count += 1
        keys = list(dict.fromkeys(k for pair in row.pairs for k in pair))
        when = f"{row.created:%Y-%m-%d %H:%M} UTC" if row.created else "?"
        now = ", ".join(row.events) or "no event"
        console.print(f"{row.id:>3}  {row.kind:8} {when}  {len(keys)} report(s), now in {now}")
        shown = ", ".join(short_key(k) for k in keys[:most]) + (f", … ({len(keys) - most} more)"
                                                                 if len(keys) > most else "")
        console.print(f"     {shown}")
    if not count:
        console.print("no decisions recorded")


# --- the ledger -------------------------------------------------------------------------

def _table(*columns: str, title: str | None = None, wrap: Iterable[str] = ()) -> Table:
    """A borderless table; only the columns named in ``wrap`` may wrap."""
    table = Table(box=box.SIMPLE_HEAD, title=title, title_justify="left", title_style="bold",
                  pad_edge=False, show_edge=False)
    wrapping = set(wrap)
    for column in columns:
        table.add_column(column, no_wrap=column not in wrapping, overflow="fold",
                         justify="right" if column in ("count", "running", "sources", "score") else "left")
    return table


def _kind(record: "Record") -> str:
    """The event type, with the flags that keep a record out of tallies."""
    flags = [name for name, on in (("negated", record.negated), ("hypothetical", record.hypothetical)) if on]
    return f"{record.type} ({', '.join(flags)})" if flags else record.type


def _who(record: "Record") -> str:
    """Agents, then the people and groups involved: 'Mexico → Rafael Caro Quintero, …'."""
    acted = _names(record.agents)
    involved = _names([*record.persons, *record.organizations])
    text = f"{acted} → {involved}" if acted and involved else acted or involved
    if record.location:
        text = f"{text} (in {record.location})" if text else f"in {record.location}"
    return text


def _reported_by(record: "Record") -> str:
    """The outlets (or file names) of a record's sources, earliest publication first."""
    documents = {report.document.id: report.document for report in record.reports}
    ordered = sorted(documents.values(), key=lambda d: (d.published is None, d.published, d.source))
    names = [d.outlet or Path(d.source).name for d in ordered]
    return _names(dict.fromkeys(names))


def timeline(console: Console, found: list["Record"]) -> None:
    """``timeline``: a chronicle, one block per ledger event, readable at any width.

    Each block: the date, then what happened (type, route, count, id), who took part,
    and who reported it. A two-column grid keeps wrapped lines indented under the event.
    """
    if not found:
        console.print("the ledger is empty: ingest some reports first")
        return
    grid = Table.grid(padding=(0, 2))
    grid.add_column(no_wrap=True)
    grid.add_column()
    for record in found:
        head = " · ".join(part for part in (
            f"{_kind(record)} {_route(record.origin, record.destination)}".strip(),
            None if record.count is None else str(record.count), record.id) if part)
        lines = [head]
        if who := _who(record):
            lines.append(who)
        sources = len(record.documents)
        lines.append(f"{sources} source{'s' if sources != 1 else ''}: {_reported_by(record)}"
                     + ("  (sources disagree: see `newsledger show`)" if record.conflicts else ""))
        if record is not found[-1]:
            lines.append("")
        grid.add_row(show_date(record.date), "\n".join(lines))
    emit(console, grid)


def records(console: Console, found: list["Record"], empty: str) -> None:
    """``events``: one row per ledger event, in date order, with its number of sources."""
    if not found:
        console.print(empty)
        return
    table = _table("date", "event", "count", "who", "sources", "id", wrap=("event", "who"))
    for record in found:
        route = _route(record.origin, record.destination)
        event = f"{_kind(record)} {route}".strip()
        conflicted = " !" if record.conflicts else ""
        table.add_row(show_date(record.date), event, "" if record.count is None else str(record.count),
                      _who(record), f"{len(record.documents)}{conflicted}", record.id)
    emit(console, table)
    if any(record.conflicts for record in found):
        console.print("! sources disagree on a value: `newsledger show ID` lists the statements")


def reports(console: Console, found: list["StoredEvent"]) -> None:
    """``events --reports``: every stored event report, before merging."""
    if not found:
        console.print("no event reports stored")
        return
    table = _table("id", "date", "event", "count", "route", "who", "document", wrap=("who", "document"))
    for stored in found:
        event = stored.event
        flags = [n for n, on in (("negated", event.negated), ("hypothetical", event.hypothetical)) if on]
        kind = f"{event.type} ({', '.join(flags)})" if flags else event.type
        who = _names([*event.agents, *event.persons, *event.organizations])
        table.add_row(str(stored.id), show_date(event.date), kind, "" if event.count is None else str(event.count),
                      _route(event.origin, event.destination), who, stored.document.source)
    emit(console, table)


def _sentences(text: str, spans: Iterable[tuple[int, int]]) -> list[str]:
    seen: dict[str, None] = {}
    for start, end in spans:
        seen.setdefault(sentence_around(text, start, end))
    return list(seen)


def record_detail(console: Console, record: "Record", text_of: Callable[[str], str]) -> None:
    """``show`` for a ledger event: its fields, every statement with its sentence, sources."""
    console.print(f"{record.id}  {_kind(record)}")
    fields = [("date", f"{show_date(record.date)} ({record.date.precision})"),
              ("count", record.count), ("origin", record.origin), ("destination", record.destination),
              ("location", record.location), ("agents", _names(record.agents)),
              ("persons", _names(record.persons)), ("organizations", _names(record.organizations)),
              ("negated", "yes" if record.negated else "no"),
              ("hypothetical", "yes" if record.hypothetical else "no")]
    for name, value in fields:
        console.print(f"  {name:14}{'' if value is None else value}")

    documents = record.documents
    number = {doc: index for index, doc in enumerate(documents, 1)}
    by_doc = {report.document.id: report.document for report in record.reports}
    console.print(f"\nsources ({len(documents)}), each sentence with the values read from it")
    if record.supporting:
        console.print(f"({len(record.supporting)} report(s) support it without a date or count of their own:"
                      f" {', '.join(record.supporting)})")
    for source in record.sources():
        doc_id = source["document"]
        info = by_doc[doc_id]
        label = " · ".join(str(part) for part in (info.outlet, source["published"], info.title) if part)
        console.print(f"  [{number[doc_id]}] {source['source']}  {label}")
        text = text_of(doc_id)
        # Sentence → field → values stated in it, in text order; evidence may state none.
        said: dict[tuple[int, int], dict[str, list[str]]] = {}
        unplaced: dict[str, list[str]] = {}
        for start, end in ((span["start"], span["end"]) for span in source["evidence"]):
            said.setdefault(sentence_bounds(text, start, end), {})
        for statement in record.statements:
            if statement.document != doc_id:
                continue
            if statement.span is None:
                fields = unplaced
            else:
                fields = said.setdefault(sentence_bounds(text, statement.span.start, statement.span.end), {})
            values = fields.setdefault(statement.field, [])
            value = _statement_value(statement.value)
            if value not in values:
                values.append(value)
        for (first, last), fields in sorted(said.items()):
            console.print(f"      “{' '.join(text[first:last].split())}”")
            if fields:
                console.print(f"          {_fields(fields)}")
        if unplaced:
            console.print(f"      (no span) {_fields(unplaced)}")

    if record.conflicts:
        console.print("\nconflicts")
        for conflict in record.conflicts:
            values = "; ".join(
                f"{show_date(v['value']) if isinstance(v['value'], dict) else v['value']} "
                f"[{', '.join(str(number.get(d, '?')) for d in v['documents'])}]"
                for v in conflict["values"])
            console.print(f"  {conflict['field']}: {values}")


def _fields(fields: dict[str, list[str]]) -> str:
    return " · ".join(f"{name} {', '.join(values)}" for name, values in fields.items())


def _statement_value(value: Any) -> str:
    if hasattr(value, "precision"):
        return show_date(value)
    if isinstance(value, list):
        return _names(map(str, value))
    return str(value)


def report_detail(console: Console, stored: "StoredEvent", text: str) -> None:
    """``show`` for one stored report: its fields, each with the sentence it was read from."""
    event, info = stored.event, stored.document
    console.print(f"report {stored.id}  {event.type}  from {info.source}"
                  f"  (published {info.published or '?'}, event {event.id})")
    data = event.to_json()
    for name in ("date", "count", "origin", "destination", "location", "agents", "organizations",
                 "persons", "negated", "hypothetical"):
        value = data[name]
        shown = show_date(value) if name == "date" else _names(value) if isinstance(value, list) else value
        if isinstance(shown, bool):
            shown = "yes" if shown else "no"
        console.print(f"  {name:14}{'' if shown is None else shown}")
    console.print("\nevidence")
    for sentence in _sentences(text, ((s.start, s.end) for s in event.evidence)):
        console.print(f"  “{sentence}”")
    if event.provenance:
        console.print("\nwhere each value was read")
        for key, span in sorted(event.provenance.items()):
            rule = getattr(span, "rule", None)
            console.print(f"  {key} ← “{span.text}” in “{sentence_around(text, span.start, span.end)}”"
                          + (f" (rule {rule})" if rule else ""))


def tally(console: Console, result: "Tally") -> None:
    """``tally``: the series' members with running totals, then the events it does not count."""
    route = _route(result.origin, result.destination)
    title = result.series.label() if result.series is not None else f"{result.event_type} {route}".strip()
    if not result.rows and not result.unsure:
        console.print(f"no factual {result.event_type} events {route} with a known date and count in the ledger")
        return
    if result.rows:
        table = _table("date", "count", "running", "sources", "id", title=title)
        for row in result.rows:
            table.add_row(show_date(row.record.date), "?" if row.count is None else str(row.count),
                          "?" if row.cumulative is None else str(row.cumulative),
                          str(len(row.record.documents)), row.record.id)
        emit(console, table)
    else:
        console.print(f"{title}: no member with a date and a count")
    if result.unsure:
        console.print("not counted (unsure; see `newsledger review`):")
        for unsure in result.unsure:
            count = "?" if unsure.record.count is None else str(unsure.record.count)
            console.print(f"  {show_date(unsure.record.date):11} {count:>5}  {unsure.record.id}  {unsure.reason}")


def claim_checks(console: Console, checks: list["ClaimCheck"], empty: str) -> None:
    """``claims``: each verdict with the figure, the arithmetic and the report stating it."""
    if not checks:
        console.print(empty)
        return
    grid = Table.grid(padding=(0, 2))
    grid.add_column(no_wrap=True)
    grid.add_column()
    for check in checks:
        claim, doc = check.claim, check.document
        said = f"{claim.kind} {claim.value}" + (f" “{claim.text}”" if claim.text else "")
        if claim.speaker:
            said += f", said {claim.speaker}"
        lines = [f"{said}: {check.explanation}", f"in {doc.source} (published {doc.published or '?'})"]
        if check is not checks[-1]:
            lines.append("")
        grid.add_row(f"{check.verdict}\n{check.confidence:.2f}", "\n".join(lines))
    emit(console, grid)


def links(console: Console, found: list["Link"]) -> None:
    if not found:
        console.print("no candidate links: every merge the ledger made was certain")
        return
    table = _table("score", "a", "b", "why", wrap=("why",))
    for link in found:
        table.add_row(f"{link.score:.2f}", link.a, link.b, "; ".join(link.reasons))
    emit(console, table)
    console.print("merge a pair with `newsledger merge A B`; undo it with `newsledger forget ID` (see `newsledger decisions`)")


def review(console: Console, items: list["ReviewItem"]) -> None:
    """``review``: what the ledger is unsure of, most consequential first."""
    if not items:
        console.print("nothing to review: no candidate link, pending report, unsure member, conflict or weak event")
        return
    for n, item in enumerate(items, 1):
        console.print(f"{n:>2}. {item.id}  [{item.kind}]  {item.summary}")
        if item.reasons:
            console.print(f"      why:     {'; '.join(item.reasons)}")
        if item.impact:
            console.print(f"      affects: {'; '.join(item.impact)}")
        console.print(f"      accept:  {item.accept}")
        console.print(f"      reject:  {item.reject}")
    console.print("decide with `newsledger review --accept ID` or `--reject ID`; decisions survive re-merging")


def entity(console: Console, view: "EntityView") -> None:
    console.print(f"{view.name}" + (f" ({view.type})" if view.type else ""))
    console.print(f"  aliases  {_names(view.aliases) or '—'}")
    console.print(f"  titles   {_names(view.titles) or '—'}")
    console.print(f"\nevents ({len(view.events)})")
    for record in view.events:
        console.print(f"  {show_date(record.date):11} {_kind(record):22} {record.id}  {_who(record)}")
    console.print(f"\nsources ({len(view.sources)})")
    for info in view.sources:
        console.print(f"  {info.published or '?'}  {info.source}" + (f"  {info.title}" if info.title else ""))


def quotes(console: Console, found: list["QuoteView"]) -> None:
    """``quotes``: one block per quote: who, where and when, then the words."""
    if not found:
        console.print("no quotes match")
        return
    for view in found:
        info = view.document
        where = " · ".join(str(part) for part in (info.outlet, info.published or "?") if part)
        console.print(f"{view.quote.speaker or '(unattributed)'}  {where}  {info.source}")
        console.print(f"  “{view.quote.text}”")
