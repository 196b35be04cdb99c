"""The ledger: reports merged incrementally into records, with a person's decisions.

``Ledger`` is pure and database-free. Adding a report scores it against the few stored
reports the blocking index returns, joins sure links with union-find, and marks its
component for re-resolution; ``settle`` re-resolves only the marked components and tells
which records appeared and disappeared, so that a store can save only those. Because
scores are pairwise and pure, the index is complete, and resolution depends only on a
component's set of reports, the ledger is the same whatever order reports arrive in.
"""
from __future__ import annotations

import gc
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from newsledger.errors import LedgerError
from newsledger.ledger.claims import CHECKED_KINDS, ClaimCheck, ClaimEntry
from newsledger.ledger.cluster import UnionFind, resolve
from newsledger.ledger.decisions import DECISION_KINDS, Decision, Link, MergeConflict, Pair, pair, stated
from newsledger.ledger.distinct import contradicts, differences
from newsledger.ledger.evidence import BLOCKED, SURE, UNSURE, Score, compare, score_value
from newsledger.ledger.fields import Record, build_record
from newsledger.ledger.index import BlockingIndex
from newsledger.ledger.reports import Report
from newsledger.ledger.series import Tally
from newsledger.ledger.view import Pending, View

__all__ = ["Changes", "DECISION_KINDS", "Decision", "Ledger", "Link", "MergeConflict", "Pair", "collector_paused",
           "pair"]


def _shown(event: Record | None, field: str, stated: list[str]) -> str:
    """An event's value of a conflicting field as the ledger shows it, else what its
    reports state."""
    if event is not None:
        value: Any = {"date": event.date.value, "type": event.type, "persons": ", ".join(event.persons)}.get(
            field, getattr(event, field, None))
        if value:
            return str(value)
    return " / ".join(stated)


@contextmanager
def collector_paused() -> Iterator[None]:
    """Pause Python's cyclic garbage collector for a bulk merge, restoring it after.

    Merging allocates millions of small long-lived containers (index entries, scores,
    records) that form no reference cycles; the collector would traverse them again and
    again as they pile up, a quarter of the time of a 100,000-report merge and a cost that
    grows faster than the merge. Reference counting still frees everything as usual.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


@dataclass
class Changes:
    """What one ``settle`` changed: records to save and record ids to delete."""

    added: list[Record] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    components: dict[str, str] = field(default_factory=dict)  # report key -> component head
    links: dict[Pair, float] = field(default_factory=dict)  # candidate links found since last settle


class Ledger:
    """Reports, links, decisions and the records they resolve to."""

    def __init__(self) -> None:
        self.reports: dict[str, Report] = {}
        self.records: dict[str, Record] = {}
        self.record_of: dict[str, str] = {}
        self.claims: list[ClaimEntry] = []
        self.decisions: list[Decision] = []
        self.confirmed: set[Pair] = set()  # review items a person left as they are
        self._documents: set[str] = set()
        self._index = BlockingIndex()
        self._components = UnionFind()
        self._must: set[Pair] = set()
        self._must_by: dict[str, set[str]] = {}
        self._cannot: set[Pair] = set()
        self._unsure: dict[Pair, float] = {}  # candidate links found between components
        self._scores: dict[Pair, float] = {}  # links (scores >= UNSURE) found since the last settle
        self._fresh: set[str] = set()  # reports added (and compared) since the last settle
        self._dirty: set[str] = set()
        self._new_unsure: dict[Pair, float] = {}
        self._stamp = 0  # bumped whenever records, decisions or claims change
        self._view: View | None = None
        self._view_stamp = -1

    # --- adding -----------------------------------------------------------------------
    def has_document(self, document_id: str) -> bool:
        return document_id in self._documents

    def add_extraction(self, extraction: Any) -> None:
        """Add every event and checkable claim of one document's extraction (once)."""
        doc = extraction.document
        if doc.id in self._documents:
            return
        keys: dict[str, str] = {}
        for event in extraction.events:
            report = Report.build(doc, event, extraction.entities)
            keys[event.id] = report.key
            self.add_report(report)
        self._documents.add(doc.id)
        for i, claim in enumerate(extraction.claims):
            if claim.kind in CHECKED_KINDS:
                self.claims.append(ClaimEntry(doc, claim, i, dict(keys)))
        self._stamp += 1

    def add_claim(self, entry: ClaimEntry) -> None:
        self._documents.add(entry.document.id)
        self.claims.append(entry)
        self._stamp += 1

    def add_reports(self, reports: Iterable[Report]) -> None:
        """Add many reports at once (the collector paused); ``settle`` resolves them."""
        with collector_paused():
            for report in reports:
                self.add_report(report)

    def add_report(self, report: Report) -> None:
        key = report.key
        if key in self.reports:
            return
        self._documents.add(report.document.id)
        reports, scores, components = self.reports, self._scores, self._components
        components.add(key)
        for candidate in self._index.candidates(report):
            value = score_value(report, candidate)
            if value < UNSURE:
                continue  # no link: resolution treats it as blocked (``_score``)
            other = candidate.key
            link = (key, other) if key < other else (other, key)
            scores[link] = value
            if value >= SURE:
                components.union(key, other)
            else:
                self._unsure[link] = value
                self._new_unsure[link] = value
        reports[key] = report
        self._index.add(report)
        self._fresh.add(key)
        for other in self._must_by.get(key, ()):
            if other in reports:
                components.union(key, other)
        self._dirty.add(key)

    # --- restoring saved state without rescoring ------------------------------------------
    def restore_report(self, report: Report, component: str) -> None:
        """Re-add a saved report with the component it was in: no comparison is made."""
        self.reports[report.key] = report
        self._documents.add(report.document.id)
        self._index.add(report)
        self._components.add(report.key)
        self._components.add(component)
        self._components.union(component, report.key)

    def restore_document(self, document_id: str) -> None:
        self._documents.add(document_id)

    def restore_links(self, unsure: dict[Pair, float]) -> None:
        self._unsure.update(unsure)

    def restore_decision(self, decision: Decision) -> None:
        """Re-apply a saved decision; the saved records already reflect it."""
        self.apply(decision)
        self._dirty.clear()

    def restore_record(self, members: list[str]) -> Record:
        record = build_record([self.reports[k] for k in members])
        self.records[record.id] = record
        for key in record.members:
            self.record_of[key] = record.id
        self._stamp += 1
        return record

    def component_head(self, key: str) -> str:
        return min(self._components.members(key))

    @property
    def unsure_links(self) -> dict[Pair, float]:
        return dict(self._unsure)

    # --- resolving --------------------------------------------------------------------
    def _score(self, a: Report, b: Report) -> float:
        key = pair(a.key, b.key)
        known = self._scores.get(key)
        if known is None:
            if a.key in self._fresh or b.key in self._fresh:
                # A report is compared on arrival with every report the index returns (the
                # index returns every pair that is not blocked) and its links are kept: this
                # pair is blocked or no link, which resolution treats alike.
                return BLOCKED
            known = score_value(a, b)
            self._scores[key] = known
        return known

    def settle(self) -> Changes:
        """Re-resolve the components touched since the last settle; report what changed."""
        with collector_paused():
            return self._settle()

    def _settle(self) -> Changes:
        changes = Changes()
        roots = {self._components.find(key) for key in self._dirty}
        for root in sorted(roots):
            members = [self.reports[k] for k in self._components.members(root)]
            old = {self.record_of[r.key] for r in members if r.key in self.record_of}
            clusters = resolve(
                members,
                score=self._score,
                contradicts=contradicts,
                must=[p for p in self._must if p[0] in self.reports and p[1] in self.reports],
                cannot=self._cannot,
                sure=SURE,
                unsure=UNSURE,
            )
            fresh: dict[str, Record] = {}
            for cluster in clusters:
                record = build_record([self.reports[k] for k in cluster])
                fresh[record.id] = record
            unchanged: set[str] = set()
            for rid in sorted(old):
                previous = self.records.pop(rid, None)
                if rid not in fresh:
                    changes.removed.append(rid)
                elif previous is not None and previous.members == fresh[rid].members:
                    fresh[rid] = previous  # same reports give the same record
                    unchanged.add(rid)
            head = min(r.key for r in members)
            for r in members:
                changes.components[r.key] = head
            for rid, record in fresh.items():
                if rid not in unchanged:
                    changes.added.append(record)
                self.records[rid] = record
                for key in record.members:
                    self.record_of[key] = rid
        self._dirty.clear()
        self._stamp += 1
        self._scores.clear()
        self._fresh.clear()
        changes.links, self._new_unsure = self._new_unsure, {}
        return changes

    # --- a person's decisions -----------------------------------------------------------
    def members_of(self, ident: str) -> list[str]:
        """Report keys of an event or record id (with its supporting reports), or the report key itself."""
        shown = {event.id: event for event in self.view().events}
        if ident in shown:
            return shown[ident].members
        if ident in self.records:
            return self.records[ident].members
        if ident in self.reports:
            return [ident]
        raise LedgerError(f"unknown ledger event or report {ident!r} (see `newsledger timeline` for ids)")

    def apply(self, decision: Decision) -> None:
        """Apply a decision (also a saved one, possibly before its reports are re-added)."""
        if decision.kind not in DECISION_KINDS:
            raise LedgerError(f"unknown decision kind {decision.kind!r} (expected one of {', '.join(DECISION_KINDS)})")
        if decision.kind == "confirm":  # a reviewed item left as it is: nothing to re-resolve
            self.confirmed.update(pair(a, b) for a, b in decision.pairs)
            self.decisions.append(decision)
            self._stamp += 1
            return
        for a, b in decision.pairs:
            key = pair(a, b)
            if decision.kind == "merge":
                self._cannot.discard(key)
                self._must.add(key)
                self._must_by.setdefault(a, set()).add(b)
                self._must_by.setdefault(b, set()).add(a)
                if a in self.reports and b in self.reports:
                    self._components.union(a, b)
            else:
                self._must.discard(key)
                self._must_by.get(a, set()).discard(b)
                self._must_by.get(b, set()).discard(a)
                self._cannot.add(key)
            self._dirty.update(k for k in (a, b) if k in self.reports)
        self.decisions.append(decision)
        self._stamp += 1

    def merge(self, a: str, b: str, force: bool = False) -> Decision:
        """Keep the reports of ``a`` and ``b`` together from now on.

        Two events whose reports state values that cannot be one event's (dates, counts,
        routes: ``distinct.differences``) are refused unless ``force``: such a merge
        would put two facts in one record and break the tallies that count them.
        """
        left, right = self.members_of(a), self.members_of(b)
        flags = {self.reports[k].flags for k in left + right}
        if len(flags) > 1:
            raise LedgerError(f"cannot merge {a} and {b}: they differ in type or in being negated or"
                              " hypothetical, and a claimed or planned event never merges into a real one")
        conflicts = self.conflicts(left, right)
        if conflicts and not force:
            shown = self.view().event_of
            events = [shown.get(a) or shown.get(left[0]), shown.get(b) or shown.get(right[0])]
            said = "; ".join(f"{field} {_shown(events[0], field, x)} vs {_shown(events[1], field, y)}"
                             for field, (x, y) in conflicts.items())
            raise MergeConflict(f"{a} and {b} would conflict on {', '.join(conflicts)} ({said}): they look like"
                                " different events. Merge them anyway with --force (force=true in the API),"
                                " and undo it with `newsledger forget`", sorted(conflicts))
        keys = sorted(set(left + right))
        decision = Decision("merge", [(keys[0], other) for other in keys[1:]])
        self.apply(decision)
        return decision

    def conflicts(self, left: list[str], right: list[str]) -> dict[str, tuple[list[str], list[str]]]:
        """Fields on which reports of ``left`` and of ``right`` cannot be one event, with the
        values each side states that conflict."""
        found: dict[str, tuple[list[str], list[str]]] = {}
        for x in left:
            for y in right:
                for name in differences(self.reports[x], self.reports[y]):
                    xs, ys = found.setdefault(name, ([], []))
                    for values, key in ((xs, x), (ys, y)):
                        value = stated(self.reports[key], name)
                        if value not in values:
                            values.append(value)
        return {name: (sorted(found[name][0]), sorted(found[name][1])) for name in sorted(found)}

    def split(self, ident: str) -> Decision:
        """Split a record into its reports, or detach one report (by key) from its record."""
        shown = {event.id: event for event in self.view().events}
        if ident in shown or ident in self.records:
            keys = sorted(shown[ident].members if ident in shown else self.records[ident].members)
            pairs = [(x, y) for i, x in enumerate(keys) for y in keys[i + 1:]]
        elif ident in self.reports:
            event = self.view().event_of.get(ident)
            others = [k for k in (event.members if event is not None else []) if k != ident]
            pairs = [pair(ident, other) for other in others]
        else:
            raise LedgerError(f"unknown ledger event or report {ident!r} (see `newsledger timeline` for ids)")
        if not pairs:
            raise LedgerError(f"{ident} has a single report: there is nothing to split")
        decision = Decision("split", pairs)
        self.apply(decision)
        return decision

    # --- reading ------------------------------------------------------------------------
    def records_in_order(self) -> list[Record]:
        """Every merged record (partial ones included) in date order, unknown dates last."""
        return sorted(self.records.values(), key=lambda r: (r.date.start is None, r.date.start, r.date.end, r.id))

    def view(self) -> View:
        """The ledger as shown (events with their supporting reports, pending reports, series),
        derived from the records and decisions, and kept until they change."""
        if self._view is None or self._view_stamp != self._stamp:
            links = {link.reports for link in self._record_links()}
            self._view = View.build(self.records_in_order(), frozenset(self._cannot), links)
            self._view_stamp = self._stamp
        return self._view

    def timeline(self) -> list[Record]:
        """Every event in date order (unknown dates last), then by id; pending reports excluded."""
        return self.view().events

    def pending(self) -> list[Pending]:
        """Partial records that fit several events about equally, for a person to place."""
        return self.view().pending

    def tally(self, event_type: str, origin: str | None = None, destination: str | None = None) -> Tally:
        return self.view().tally(event_type, origin, destination)

    def tallies(self) -> list[Tally]:
        return self.view().tallies()

    def check_claims(self, verdict: str | None = None) -> list[ClaimCheck]:
        entries = sorted(self.claims, key=lambda e: (e.document.published is None, e.document.published,
                                                     e.document.id, e.claim.start, e.index))
        checks = self.view().check(entries)
        return [c for c in checks if verdict is None or c.verdict == verdict]

    def links(self) -> list[Link]:
        """Candidate links between different events, best first, one per pair of records
        (a link inside one shown event, through a supporting report, is settled)."""
        event_of = self.view().event_of
        return [link for link in self._record_links()
                if event_of.get(link.reports[0]) is not event_of.get(link.reports[1])
                or event_of.get(link.reports[0]) is None]

    def _record_links(self) -> list[Link]:
        """Candidate links between different records, best first, one per pair of records."""
        best: dict[Pair, tuple[float, Pair]] = {}
        pairs = dict(self._unsure)
        for root in {self._components.find(k) for k in self.reports}:
            members = self._components.members(root)
            if len(members) < 2 or len({self.record_of[k] for k in members}) < 2:
                continue
            for i, x in enumerate(members):
                for y in members[i + 1:]:
                    if self.record_of[x] != self.record_of[y]:
                        score = compare(self.reports[x], self.reports[y])
                        if score.candidate:
                            pairs[pair(x, y)] = score.value
        for (x, y), value in pairs.items():
            rx, ry = self.record_of.get(x), self.record_of.get(y)
            if rx is None or ry is None or rx == ry or pair(x, y) in self._cannot:
                continue
            key = pair(rx, ry)
            if key not in best or (value, pair(x, y)) > best[key]:
                best[key] = (value, pair(x, y))
        out = []
        for (ra, rb), (value, (x, y)) in best.items():
            out.append(Link(ra, rb, value, compare(self.reports[x], self.reports[y]).reasons, (x, y)))
        return sorted(out, key=lambda link: (-link.score, link.a, link.b))

    def export(self) -> dict[str, Any]:
        """The "Ledger export" JSON of ``shared/spec/ledger-json.md``."""
        view = self.view()
        return {
            "events": [record.to_json() for record in view.events],
            "tallies": [t.to_json() for t in view.tallies()],
            "claim_checks": [c.to_json() for c in self.check_claims()],
            "pending": [p.to_json() for p in view.pending],
        }

    def score(self, a: str, b: str) -> Score:
        """The pairwise score of two reports, for explanations and tests."""
        return compare(self.reports[a], self.reports[b])
