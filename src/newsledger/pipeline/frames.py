"""Frames: one per real event of a document, filled from all the sentences that speak of it.

The sentence reader yields event mentions one sentence at a time; ``merge`` (the
coalescing in ``events``) joins mentions that agree on type, date, count and direction.
What a sentence cannot see is settled here, over the whole document:

* a figure that totals a series ("with this transfer, 92 have been sent", "ya son 92",
  or a count that is the sum of the document's other counts) is a claim about the
  series, never the count of a new event;
* one event stated twice ("the handover of the 37 that Mexico sent on Tuesday",
  praised "on Wednesday") stays one event: a sizeable head count repeated within days
  is a restatement, dated by its earliest statement;
* the people of an event listed under an introducing line, paragraphs after the act
  (``listblocks``), join the event the introduction speaks of;
* a head count stated in a frame's sentence but outside the trigger's own phrase
  ("37 reos … fueron trasladados", "salieron del país 29 reos") is a scored candidate,
  kept only when close in the parse and not another event's or a total.
"""
from __future__ import annotations

from collections.abc import Callable
from functools import cache
from itertools import combinations

from spacy.tokens import Span, Token

from newsledger.model import Entity
from newsledger.ontology import event_types, types_where
from newsledger.pipeline.counts import HeadCounts
from newsledger.pipeline.ellipsis import (
    EllipsisSentences, another_one_mentions, elliptical_mentions, fragment_mentions, other_group_mentions,
    sentences_holding,
)
from newsledger.pipeline.evidence import because, text_span
from newsledger.pipeline.figures import is_series
from newsledger.pipeline.listblocks import intro_types, list_blocks, speaks_of_people
from newsledger.pipeline.mentions import Mention, mention_span
from newsledger.pipeline.numbers import Figure, figure_at
from newsledger.pipeline.recalled import RecalledEvents
from newsledger.pipeline.roles import DocContext, cue_set, modifies_another_person
from newsledger.pipeline.syntax import (
    CONTRACTIONS, OBJECT_DEPS, SUBJECT_DEPS, in_subtree, path_length, prepositional_objects,
)
from newsledger.pipeline.tokenindex import token_index
from newsledger.pipeline.triggers import TriggerFinder, rules

Merge = Callable[[list[Mention]], list[Mention]]
# A head count this large is not repeated by chance within days in one report.
RESTATED_COUNT = 10
RESTATED_DAYS = 3
# Largest parse distance from a trigger at which a stated head count is still its own.
COUNT_PATH = 2
# Knowledge-base categories of the people and bodies that act for a state.
AUTHORITY_CATEGORIES = {"official", "politician", "government_body"}
# Only this many counts are tried as the parts of a total (subsets grow as 2**n).
MAX_PARTS = 10


def _counted_types() -> frozenset[str]:
    return types_where(counts_people=True)


@cache
def _listed_types() -> frozenset[str]:
    """Types whose people or groups are what the act is done to: a list names them."""
    return frozenset(name for name, spec in event_types().items()
                     if spec.roles.reading == "patient" and spec.roles.persons)


class FrameAssembler:
    def __init__(self, context: DocContext, language: str, counts: HeadCounts, finder: TriggerFinder):
        self.context = context
        self.language = language
        self.counts = counts
        self.finder = finder
        self.openers = cue_set(language, "cumulative_openers")
        self.opener_words = _opener_words(language)
        self.list_words = cue_set(language, "list_nouns")

    def assemble(self, mentions: list[Mention], merge: Merge) -> list[Mention]:
        mentions = self._with_ellipses(mentions)
        self._relative_totals(mentions)
        frames = merge(mentions)
        frames = self._without_sums(frames, merge)
        frames = _restatements(frames)
        self._attach_lists(frames)
        self._affiliations(frames)
        self._gather_counts(frames)
        self._authorities_origin(frames)
        return frames

    def _with_ellipses(self, mentions: list[Mention]) -> list[Mention]:
        """Events named only by an ordinal ("en el segundo, el 12 de agosto, fueron 26")."""
        by_sentence: dict[int, list[Mention]] = {}
        for mention in mentions:
            by_sentence.setdefault(mention.sentence.start, []).append(mention)
        counted = _counted_types()
        # (trigger position, mention) of the mentions so far, in their order: the position
        # read once rather than once per sentence.
        placed = [(m.trigger.i, m) for m in mentions]
        added: list[Mention] = []
        # Only the sentences where a finder can find anything are handed to it, and the
        # earlier mentions are gathered only for those: most sentences have no ordinal,
        # figure or "otro".
        may = EllipsisSentences(self.context)
        for sent in self.context.sentences:
            start = sent.start
            own = by_sentence.get(start, [])
            if start in may.elliptical:
                new = elliptical_mentions(sent, own, self.finder, self.counts, self.context, counted)
                added += new
                placed += [(m.trigger.i, m) for m in new]
            if start not in may.other_group and start not in may.another_one and start not in may.fragment:
                continue
            earlier = [m for i, m in placed if i < start]
            new = other_group_mentions(sent, own, earlier, self.counts, self.context, counted) \
                if start in may.other_group else []
            if start in may.another_one:
                new += another_one_mentions(sent, own, earlier, self.context)
            if start in may.fragment:
                for fragment in fragment_mentions(sent, own, earlier, self.counts, self.context, counted):
                    self._counted_people(fragment, fragment.trigger)
                    new.append(fragment)
            added += new
            placed += [(m.trigger.i, m) for m in new]
        added += RecalledEvents(self.context, self.finder, self.counts, counted).find(mentions + added)
        return sorted(mentions + added, key=lambda m: m.trigger.i) if added else mentions

    # -- series totals --------------------------------------------------------------
    def _relative_totals(self, mentions: list[Mention]) -> None:
        """"With the transfer, 92 have been sent", "Con este traslado, ya son 92", "Con
        ellos, se han entregado 92": a figure counted on top of an event, or of its
        people, is the series' running total. Recorded with the sentence's totals for
        the claims, and taken from any mention that read it as its count."""
        doc = self.context.doc
        index = token_index(doc)
        event_words = _event_words(self.language)
        whole = doc[0:len(doc)]
        # The sentences with an opener, found in one search of the document.
        for sent in sentences_holding(self.context.sentences, index.positions(whole, "lower", self.openers)):
            for node in self._opener_heads(sent):
                for prep, obj in prepositional_objects(node):
                    if prep not in self.openers:
                        continue
                    lemma = obj.lemma_.lower()
                    if lemma not in event_words and not (obj.pos_ == "PRON" and (
                            lemma in self.list_words or obj.lower_ in self.list_words)):
                        continue
                    for figure in self._people_figures(node, obj):
                        self._record_total(sent.start, figure)
        by_sentence = doc._.nl_totals  # read once: each ``doc._`` makes an object; the same dict
        for mention in mentions:
            span = mention.count_span
            if span is None:
                continue
            totals = by_sentence.get(mention.sentence.start, [])
            if any(doc[f.start].idx == span.start for f in totals):
                self._as_total(mention)

    def _opener_heads(self, sent: Span) -> list[Token]:
        """The tokens of the sentence that may have an opener ("con", "with") among their
        prepositional objects, in order: the heads and grand-heads of the words an opener
        is read from (see ``_opener_words``). Asking every token of the sentence made a
        ``Token`` object, and a walk of its children, per word."""
        doc = sent.doc
        heads = set()
        for i in token_index(doc).positions(sent, "lower", self.opener_words):
            head = doc[i].head
            heads.update((head.i, head.head.i))
        return [doc[i] for i in sorted(heads) if sent.start <= i < sent.end]

    def _people_figures(self, clause: Token, opener: Token) -> list[Figure]:
        """Figures counting people in the clause, outside the opening phrase."""
        found = []
        for token in clause.subtree:
            if not token.like_num or token.i in range(opener.left_edge.i, opener.right_edge.i + 1):
                continue
            noun = token.head if token.dep_ == "nummod" else token
            if noun.lemma_.lower() in self.context.people_nouns or noun.i == token.i \
                    and token.dep_ in SUBJECT_DEPS | OBJECT_DEPS:
                figure = figure_at(clause.doc, token.i, self.language)
                if figure is not None and self.counts.is_count(figure):
                    found.append(figure)
        return found

    def _record_total(self, sentence_start: int, figure: Figure) -> None:
        totals = self.context.doc._.nl_totals.setdefault(sentence_start, [])
        if all(f.start != figure.start for f in totals):
            totals.append(figure)
            totals.sort(key=lambda f: f.start)

    def _as_total(self, mention: Mention, rule: str = "count.total") -> None:
        """The claims read totals per sentence: record the figure there too."""
        span = mention.count_span
        if span is not None:
            found = self.context.doc.char_span(span.start, span.end, alignment_mode="expand")
            if found is not None:
                self._record_total(mention.sentence.start, Figure(mention.count or 0, found.start, found.end))
            mention.note_empty("count", because(span, rule))
        mention.count, mention.count_span = None, None

    def _without_sums(self, frames: list[Mention], merge: Merge) -> list[Mention]:
        """"29 in February, 26 in August, 55 in all": a count that adds up two or more
        of the document's other counts of the same kind is their total."""
        changed = False
        for frame in frames:
            if frame.count is None or frame.negated or frame.hypothetical:
                continue
            parts = [f for f in frames if f is not frame and f.type == frame.type and f.count
                     and not f.negated and not f.hypothetical][:MAX_PARTS]
            if _is_sum(frame, parts):
                total = frame.count
                for mention in [frame, *frame.members]:
                    if mention.count == total:
                        self._as_total(mention, "count.sum")
                if frame.count is not None:
                    self._as_total(frame, "count.sum")
                changed = True
        return merge(_flatten(frames)) if changed else frames

    # -- list blocks ----------------------------------------------------------------
    def _attach_lists(self, frames: list[Mention]) -> None:
        for block in list_blocks(self.context):
            types = intro_types(self.context, block, self.finder)
            if not types and not speaks_of_people(self.context, block) and not block.of_groups:
                continue
            target = main_frame([f for f in frames if f.trigger.idx <= block.intro_end] or frames,
                                types, self.context)
            if target is None:
                continue
            if block.of_groups:
                _add(target.organizations, [(e, t) for item in block.items for e, t in item.groups[:1]],
                     "organizations.list-block")
            else:
                for entity, token in block.people:
                    rule = "persons.list-shape" if entity.id.startswith("list:") else "persons.list-block"
                    _add(target.persons, [(entity, token)], rule)
                _add(target.organizations, block.groups, "organizations.list-block")

    def _affiliations(self, frames: list[Mention]) -> None:
        """"The alleged cartel members have been tied to the Sinaloa Cartel, …", "las
        organizaciones a las que pertenecían los reos trasladados son …": a sentence that
        ties the event's people to groups, by an affiliation cue, names their groups."""
        if not any(self.context.is_criminal_group(e) for e in self.context.entities.values()):
            return  # no group named in the report to tie anyone to
        cues = cue_set(self.language, "affiliation")
        listed = _listed_types()
        doc = self.context.doc
        # The sentences with a cue, found in one search of the document.
        for sent in sentences_holding(self.context.sentences, token_index(doc).positions(doc[0:len(doc)], "word", cues)):
            groups = [(e, t) for e, t in self.context.span_entities(sent) if self.context.is_criminal_group(e)]
            if not groups:
                continue
            triggers = self.finder.find(sent)
            types = {t.type for t in triggers} & listed
            if not types and not any(t.lemma_.lower() in self.context.people_nouns
                                     and any(c.dep_ == "det" for c in t.children) for t in sent):
                continue  # no word for the event or its people
            others = [t.token for t in triggers if t.type not in listed]
            speakers = self.context.speakers(sent)
            groups = [(e, t) for e, t in groups if e.id not in speakers
                      and not any(in_subtree(t, o) for o in others)]
            target = main_frame([f for f in frames if f.trigger.i < sent.end] or frames, types, self.context)
            if target is not None and target.type in listed:
                _add(target.organizations, groups, "organizations.affiliation")

    def _authorities_origin(self, frames: list[Mention]) -> None:
        """"La FGR y la SSPC informan que fueron trasladadas a los Estados Unidos 26
        personas": a route naming only where the people went was sent by the state whose
        officials or bodies state it in the frame's sentences, when they are all of one
        state other than the destination."""
        for frame in frames:
            if frame.origin or not frame.destination or not event_types()[frame.type].route \
                    or frame.negated or frame.hypothetical:
                continue
            found: dict[str, tuple[Entity, Token]] = {}
            for mention in [frame, *frame.members]:
                speakers = self.context.speakers(mention.sentence)
                for entity, token in self.context.span_entities(mention.sentence):
                    if entity.category in AUTHORITY_CATEGORIES and entity.country \
                            and entity.country != frame.destination \
                            and (entity.id in speakers or _acts(token)):
                        found.setdefault(entity.country, (entity, token))
            if len(found) == 1:
                [(country, (entity, token))] = found.items()
                frame.fill("origin", country, mention_span(token, entity, "origin.authorities"))

    # -- head counts ----------------------------------------------------------------
    def _gather_counts(self, frames: list[Mention]) -> None:
        used = {f.count_span.start for f in frames if f.count_span is not None}
        for frame in frames:
            if frame.type not in _counted_types() or frame.count is not None:
                continue
            best: tuple[int, Figure, Mention] | None = None
            for mention in [frame, *frame.members]:
                for cost, figure in self._count_candidates(mention, frames):
                    if self.context.doc[figure.start].idx in used:
                        continue
                    if best is None or cost < best[0]:
                        best = (cost, figure, mention)
            if best is not None:
                _, figure, _ = best
                doc = self.context.doc
                self._counted_people(frame, doc[figure.start])
                words = doc[figure.start:figure.end]
                frame.fill("count", figure.value, because(words, "count.frame"))
                frame.count_span = text_span(words)
                used.add(frame.count_span.start)

    def _counted_people(self, frame: Mention, number: Token) -> None:
        """"salieron 29 reos, entre ellos Rafael Caro Quintero", "29 prisoners, including
        …": the people named inside the counted phrase, or in a membership phrase right
        after it (up to the end of the clause), are the frame's."""
        noun = number.head if number.dep_ == "nummod" else number
        words = list(noun.subtree)
        doc, end = noun.doc, self.context.sentence_of(noun).end
        after = noun.right_edge.i + 1
        if after < end and doc[after].text == ",":
            after += 1
        membership = cue_set(self.language, "membership")
        if after < end and (doc[after].lemma_.lower() in membership or doc[after].lower_ in membership):
            for word in doc[after:end]:
                if word.text in {";", "."}:
                    break
                words.append(word)
        # "entre ellos Caro Quintero, el hombre al que culpan del asesinato de Camarena":
        # the people of a clause that describes a member are not members.
        clauses = [w for w in words if w.dep_ in {"relcl", "acl", "acl:relcl"} and w.i != noun.i]
        words = [w for w in words if not any(in_subtree(w, c) for c in clauses)]
        speakers = self.context.speakers(frame.sentence)
        people = [(e, t) for e, t in self.context.entities_in(words, "person")
                  if e.id not in speakers and not self.context.is_official(e)
                  and not modifies_another_person(t, self.context)]
        _add(frame.persons, people, "persons.counted")

    def _count_candidates(self, mention: Mention, frames: list[Mention]) -> list[tuple[int, Figure]]:
        """Figures counting people in the mention's sentence, by parse distance to its
        trigger; a figure nearer another counted trigger is that one's."""
        sent, trigger = mention.sentence, mention.trigger
        # The other counted triggers of the sentence, read only once a figure is close
        # enough to need them: most sentences have none.
        others: list[Token] | None = None
        totals = {f.start for f in self.context.doc._.nl_totals.get(sent.start, [])}
        found = []
        for token in token_index(sent.doc).numbers(sent):
            if token.i in totals:
                continue
            noun = token.head if token.dep_ == "nummod" else token
            if noun.lemma_.lower() not in self.context.people_nouns and noun.i != trigger.i and not (
                    noun.i == token.i and token.dep_ in SUBJECT_DEPS | OBJECT_DEPS):
                continue
            if is_series(noun, self.language):
                continue
            figure = figure_at(sent.doc, token.i, self.language)
            if figure is None or figure.start != token.i or figure.start in totals \
                    or not self.counts.is_count(figure) or self.counts._figure_of(noun) is None \
                    and noun.i not in {token.i, trigger.i}:
                continue
            cost = path_length(trigger, noun)
            if cost > COUNT_PATH:
                continue
            if others is None:
                others = [f.trigger for f in _all_mentions(frames) if f.trigger.i != trigger.i
                          and f.sentence.start == sent.start and f.type in _counted_types()]
            if any(path_length(o, noun) < cost for o in others):
                continue
            found.append((cost, figure))
        return found


@cache
def _event_words(language: str) -> frozenset[str]:
    """The lemmas of the language's trigger rules."""
    return frozenset(lemma for lemma, found in rules(language).items() if found)


@cache
def _opener_words(language: str) -> frozenset[str]:
    """The words a cumulative opener is read from by ``prepositional_objects``: the opener
    itself, the first word of a multiword one ("a petición de"), and a contraction of it
    ("del" is read as "de"). The openers' own set when that adds nothing, so that the
    token index searches the document for them once."""
    openers = cue_set(language, "cumulative_openers")
    words = frozenset({opener.split()[0] for opener in openers}
                      | {word for word, bare in CONTRACTIONS.items() if bare in openers})
    return openers if words <= openers else openers | words


def _acts(token: Token) -> bool:
    """The phrase the token names is a subject or an agent ("la FGR y la SSPC informan",
    "fue autorizado por el Consejo"), not the one acted on ("la captura de Maduro")."""
    node = token
    while node.dep_ in {"compound", "flat", "flat:name", "appos", "conj", "amod"} and node.head is not node:
        node = node.head
    if node.dep_ in SUBJECT_DEPS:
        return True
    return node.dep_ in {"pobj", "obl", "obl:agent"} and node.head.lower_ in {"by"} \
        or any(c.dep_ == "case" and c.lower_ == "por" for c in node.children) and node.head.pos_ in {"VERB", "AUX"}


def _is_sum(frame: Mention, parts: list[Mention]) -> bool:
    for size in range(2, len(parts) + 1):
        for group in combinations(parts, size):
            if sum(p.count or 0 for p in group) != frame.count:
                continue
            date = frame.date_value
            if date is None or not date.known or any(
                    p.date_value is not None and p.date_value.known and p.date_value.overlaps(date)
                    for p in group):
                return True
    return False


def _restatements(frames: list[Mention]) -> list[Mention]:
    """Frames of one type with the same sizeable count and directions, dated within a few
    days of each other: one event, stated twice ("sent on Tuesday", "praised on
    Wednesday"); the earliest date is the act's, later ones are of its reporting."""
    kept: list[Mention] = []
    for frame in frames:
        twin = next((k for k in kept if _restates(k, frame)), None)
        if twin is None:
            kept.append(frame)
            continue
        earlier = min((twin, frame), key=lambda f: f.date_value.start)  # type: ignore[union-attr]
        date = earlier.date
        twin.absorb(frame)
        twin.members.extend(frame.members)
        if date is not None:
            twin.fill("date", date, because(date, "date.restated"))
    return kept


def _restates(a: Mention, b: Mention) -> bool:
    if a.type != b.type or a.count is None or a.count != b.count or a.count < RESTATED_COUNT:
        return False
    if a.negated != b.negated or a.hypothetical != b.hypothetical:
        return False
    if a.origin and b.origin and a.origin != b.origin or a.destination and b.destination \
            and a.destination != b.destination:
        return False
    da, db = a.date_value, b.date_value
    if da is None or db is None or not da.known or not db.known or da.start is None or db.start is None:
        return False
    if da.precision != "day" or db.precision != "day":
        return False
    return abs((da.start - db.start).days) <= RESTATED_DAYS


def main_frame(frames: list[Mention], types: set[str], context: DocContext) -> Mention | None:
    """The event a list or a description without its own trigger speaks of: of the
    named types if any; the report's own event (recent, stated most often) otherwise."""
    candidates = [f for f in frames if (f.type in types if types else f.type in _listed_types())
                  and not f.negated and not f.hypothetical]
    if not candidates:
        return None
    published = context.doc._.nl_published

    def recent(frame: Mention) -> bool:
        date = frame.date_value
        return published is None or date is None or not date.known or date.end is not None \
            and (published - date.end).days <= 14

    return max(candidates, key=lambda f: (recent(f), len(f.members), -f.trigger.i))


def _all_mentions(frames: list[Mention]) -> list[Mention]:
    """Every mention of the frames, which stay as they are."""
    return [m for frame in frames for m in (frame, *frame.members)]


def _flatten(frames: list[Mention]) -> list[Mention]:
    """The frames' mentions again, each on its own, for a second merge."""
    found = []
    for frame in frames:
        members, frame.members = frame.members, []
        found += [frame, *members]
    return sorted(found, key=lambda m: m.trigger.i)


def _add(slot: list, items: list, rule: str) -> None:
    names = {n for n, _ in slot}
    for entity, token in items:
        if entity.name not in names:
            slot.append((entity.name, mention_span(token, entity, rule)))
            names.add(entity.name)


__all__ = ["FrameAssembler", "main_frame"]
