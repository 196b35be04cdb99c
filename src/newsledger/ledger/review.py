"""The review queue: what the ledger is unsure of, ranked by what a decision would change.

Four kinds of item, each with the decision that settles it:

* ``placement``: a partial report that fits several events about equally (``support``).
  Accept joins it to the proposed event (a merge); reject keeps it apart from that one
  (a split), and it joins the other if only that one still fits.
* ``link``: two events that may be one (a candidate link of merging, or an open link
  between series members). Accept merges them, reject keeps them apart.
* ``member``: an event of a series that is not counted (``series``): another count within
  days of a better-supported member, or a possible duplicate. Accept merges it into that
  member (one event told with a wrong count), reject keeps them apart, and both count.
  Unsure for lack of a date, a count or half a direction, it can only be confirmed as is
  (the report lacks what would count it).
* ``conflict``: an event whose reports state two values of one field. Accept splits off
  the reports of the minority value; reject confirms the event as it is.
* ``weak``: an event resting on one report that lacks a day or a count: confirm it.

Decisions are kept as merge, split or confirm pairs of report keys (``merging.Decision``),
so they hold after every later sync and rebuild. Items are ranked by what deciding them
could change: an event a tally counts or leaves out first, then one a claim check uses,
then the rest; within that, by kind and score. An item id is a hash of its kind and
reports, stable across runs.
"""
from __future__ import annotations

import hashlib
from collections import Counter
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from newsledger.errors import LedgerError
from newsledger.ledger.fields import Record
from newsledger.ledger.merging import Decision
from newsledger.ledger.support import is_partial

if TYPE_CHECKING:
    from newsledger.ledger.merging import Ledger

Pair = tuple[str, str]
_KIND_WEIGHT = {"member": 4, "placement": 3, "link": 3, "conflict": 2, "weak": 1}


@dataclass
class ReviewItem:
    """One thing to decide, with what accepting and rejecting would do."""

    id: str
    kind: str
    summary: str
    events: list[str]
    reasons: list[str]
    accept: str  # what accepting does, in words
    reject: str
    impact: list[str] = field(default_factory=list)  # tallies and claims a decision could change
    rank: float = 0.0
    score: float | None = None
    accept_pairs: tuple[str, list[Pair]] = ("confirm", [])
    reject_pairs: tuple[str, list[Pair]] | None = None

    def to_json(self) -> dict[str, Any]:
        return {"id": self.id, "kind": self.kind, "summary": self.summary, "events": self.events,
                "reasons": self.reasons, "accept": self.accept, "reject": self.reject, "impact": self.impact,
                "score": self.score}


def _pair(a: str, b: str) -> Pair:
    return (a, b) if a < b else (b, a)


def _item_id(kind: str, keys: list[str]) -> str:
    digest = hashlib.sha1((kind + "|" + "|".join(sorted(keys))).encode("utf-8")).hexdigest()
    return "rv-" + digest[:10]


def _cross(a: list[str], b: list[str]) -> list[Pair]:
    return sorted({_pair(x, y) for x in a for y in b if x != y})


def _label(record: Record) -> str:
    route = f" {record.origin or '?'}->{record.destination or '?'}" if record.origin or record.destination else ""
    count = f" of {record.count}" if record.count is not None else ""
    return f"{record.type}{route}{count} on {record.date.value or 'no date'} ({record.id}, {len(record.documents)} source(s))"


def queue(ledger: Ledger) -> list[ReviewItem]:
    """Every open review item, most consequential first."""
    view = ledger.view()
    shown = {event.id: event for event in view.events}
    items: list[ReviewItem] = []
    decided = ledger.confirmed | ledger._cannot | ledger._must  # noqa: SLF001 - the ledger's own decisions

    def settled(pairs: list[Pair]) -> bool:
        return bool(pairs) and all(p in decided for p in pairs)

    # Partial reports between several events.
    for pending in view.pending:
        for fit in pending.fits:
            host = shown.get(fit.host)
            if host is None:
                continue
            pairs = _cross(pending.record.members, host.members)
            if settled(pairs):
                continue
            items.append(ReviewItem(
                _item_id("placement", pending.record.members + [fit.host]), "placement",
                f"{_label(pending.record)} fits {len(pending.fits)} events; proposed: {_label(host)}",
                [pending.record.id, host.id], list(fit.reasons), f"join it to {host.id}",
                f"keep it apart from {host.id}", score=fit.score,
                accept_pairs=("merge", pairs), reject_pairs=("split", pairs)))
    # Candidate links between events.
    for link in ledger.links():
        a, b = view.event_of.get(link.reports[0]), view.event_of.get(link.reports[1])
        if a is None or b is None or a.id == b.id or a.id not in shown or b.id not in shown:
            continue
        pairs = _cross(a.members, b.members)
        if settled(pairs):
            continue
        items.append(ReviewItem(
            _item_id("link", a.members + b.members), "link", f"{_label(a)} may be {_label(b)}", [a.id, b.id],
            list(link.reasons), f"merge {a.id} and {b.id}", f"keep {a.id} and {b.id} apart", score=link.score,
            accept_pairs=("merge", pairs), reject_pairs=("split", pairs)))
    # Unsure series members.
    seen_members: set[str] = set()
    for tally in view.tallies():
        members = {row.record.id: row.record for row in tally.rows}
        for unsure in tally.unsure:
            record = unsure.record
            if record.id in seen_members:
                continue
            seen_members.add(record.id)
            other = next((m for m in list(members.values()) + [u.record for u in tally.unsure]
                          if m.id != record.id and m.id in unsure.reason), None)
            label = tally.series.label() if tally.series else tally.event_type
            if other is not None:
                pairs = _cross(record.members, other.members)
                if settled(pairs):
                    continue
                items.append(ReviewItem(
                    _item_id("member", record.members + other.members), "member",
                    f"{_label(record)} is not counted in {label}: {unsure.reason}", [record.id, other.id],
                    [unsure.reason], f"merge it into {other.id} (one event, one count wrong)",
                    f"keep both: two events, both counted", accept_pairs=("merge", pairs),
                    reject_pairs=("split", pairs)))
            else:
                pairs = [_pair(k, k) for k in record.members]
                if settled(pairs):
                    continue
                items.append(ReviewItem(
                    _item_id("member", record.members), "member",
                    f"{_label(record)} is not counted in {label}: {unsure.reason}", [record.id], [unsure.reason],
                    "confirm it stays uncounted", "(nothing to reject: the reports lack what would count it)",
                    accept_pairs=("confirm", pairs)))
    # Conflicting values inside one event, and events resting on one weak report.
    for event in view.events:
        for conflict in event.conflicts:
            values = conflict["values"]
            support = Counter({str(v["value"]): len(v["documents"]) for v in values})
            majority = max(values, key=lambda v: (len(v["documents"]), str(v["value"])))
            minority_docs = {d for v in values if v is not majority for d in v["documents"]} - set(majority["documents"])
            minority = [k for k in event.members if k.split("#")[0] in minority_docs]
            rest = [k for k in event.members if k not in minority]
            pairs = _cross(minority, rest)
            confirm = [_pair(k, k) for k in event.members]
            if not minority or not rest or settled(pairs) or settled(confirm):
                continue
            stated = ", ".join(f"{value} ({n} source(s))" for value, n in support.most_common())
            items.append(ReviewItem(
                _item_id("conflict:" + conflict["field"], event.members), "conflict",
                f"{_label(event)}: {conflict['field']} stated as {stated}", [event.id],
                [f"{conflict['field']}: {stated}"], f"split off the {len(minority)} report(s) of the minority value",
                "confirm it is one event", accept_pairs=("split", pairs), reject_pairs=("confirm", confirm)))
        if len(event.documents) == 1 and event.factual and is_partial(event):
            confirm = [_pair(k, k) for k in event.members]
            if settled(confirm):
                continue
            lacks = "no date" if not event.date.known else ("no day" if event.date.precision != "day" else "no count")
            items.append(ReviewItem(
                _item_id("weak", event.members), "weak", f"{_label(event)} rests on one report ({lacks})",
                [event.id], [lacks], "confirm it is an event of its own", "(merge or split it instead)",
                accept_pairs=("confirm", confirm)))
    _rank(items, view, ledger.check_claims())
    return sorted(items, key=lambda item: (-item.rank, item.kind, item.id))


def _rank(items: list[ReviewItem], view: Any, checks: list[Any]) -> None:
    """Items whose events a tally counts or leaves out, or a claim check uses, come first."""
    counted: dict[str, list[str]] = {}
    for tally in view.tallies():
        label = tally.series.label() if tally.series else tally.event_type
        for record in [row.record for row in tally.rows] + [u.record for u in tally.unsure]:
            counted.setdefault(record.id, []).append(f"tally {label}")
    used: dict[str, list[str]] = {}
    for check in checks:
        for record in check.members + [u.record for u in check.unsure]:
            used.setdefault(record.id, []).append(f"claim {check.claim.kind} {check.claim.value} ({check.verdict})")
    for item in items:
        tallies = sorted({t for e in item.events for t in counted.get(e, [])})
        claims = sorted({c for e in item.events for c in used.get(e, [])})
        item.impact = tallies + claims
        item.rank = 10.0 * bool(tallies) + min(len(claims), 5) + _KIND_WEIGHT.get(item.kind, 0) / 10 + (
            (item.score or 0.0) / 100)


def decision_for(ledger: Ledger, item_id: str, accept: bool) -> Decision:
    """The decision that accepts or rejects the open review item ``item_id``."""
    for item in queue(ledger):
        if item.id == item_id:
            chosen = item.accept_pairs if accept else item.reject_pairs
            if chosen is None:
                raise LedgerError(f"{item_id} ({item.kind}) cannot be rejected: {item.reject}")
            kind, pairs = chosen
            if not pairs:
                raise LedgerError(f"{item_id}: nothing to decide")
            return Decision(kind, list(pairs))
    raise LedgerError(f"no open review item {item_id!r} (see `newsledger review`)")
