"""Lists inside a sentence that speak of other events: figures each with their own
date ("29 in February and 26 in August") are earlier events of a series, and
membership lists ("Among them was …") name the people of the last transfer."""
from __future__ import annotations

from collections.abc import Callable

from spacy.tokens import Span, Token

from newsledger.pipeline.counts import HeadCounts
from newsledger.pipeline.evidence import because, text_span
from newsledger.pipeline.mentions import Mention, mention_span
from newsledger.pipeline.numbers import Figure, figure_at
from newsledger.pipeline.roles import DocContext, cue_set, modifies_another_person
from newsledger.pipeline.syntax import in_subtree, prepositional_objects
from newsledger.pipeline.tokenindex import TokenIndex, token_index
from newsledger.pipeline.triggers import Trigger, TriggerFinder
from newsledger.timex import TimexMatch

# Reads one trigger of a sentence as a mention, given the sentence's other triggers.
Draft = Callable[[Trigger, Span, list[Trigger]], Mention | None]


class ListReader:
    def __init__(self, context: DocContext, language: str, finder: TriggerFinder, counts: HeadCounts):
        self.context = context
        self.language = language
        self.finder = finder
        self.counts = counts
        self.membership = cue_set(language, "membership")
        self.connectors = cue_set(language, "enumeration_connectors")

    def enumerated(self, sent: Span, mentions: list[Mention],
                   timexes: list[tuple[TimexMatch, Token]], draft: Draft) -> list[Mention]:
        """"after 29 in February and 26 in August": each figure with its own date is an
        earlier event of the series the sentence talks about. ``draft`` is passed per
        call, not kept: the reader that owns this object would otherwise hold itself in
        a reference cycle, and every Doc it read would wait for a full garbage collection."""
        # The figures come first: few sentences have one, and the series' route is read
        # only for those (it drafts the sentence's transfers again).
        figures = self._dated_figures(sent, mentions, timexes)
        if not figures:
            return []
        context_type = "transfer" if any(m.type == "transfer" for m in mentions) or \
            self._speaks_of_transfers(sent) else None
        if context_type is None:
            return []
        base = self._series(sent, mentions, context_type, draft)
        found = []
        for match, number, link, figure in figures:
            mention = Mention(context_type, number, sent, count_span=text_span(number))
            mention.fill("type", context_type, because(number, "trigger.enumerated", link))
            mention.fill("date", match, because(match, "date.enumerated"))
            mention.fill("count", figure.value, because(number, "count.enumerated"))
            if base is not None:
                for slot in ("origin", "destination"):
                    value = getattr(base, slot)
                    said = base.reason(slot)
                    if value and said is not None:
                        mention.fill(slot, value, said)
                    else:
                        setattr(mention, slot, value)
                if base.hypothetical or base.negated:
                    continue
            scope = [t for t in number.subtree]
            persons = [(e, t) for e, t in self.context.entities_in(scope, "person")
                       if not self.context.is_official(e)]
            mention.persons = [(e.name, mention_span(t, e, "persons.enumerated")) for e, t in persons]
            found.append(mention)
        return found

    def _dated_figures(self, sent: Span, mentions: list[Mention], timexes: list[tuple[TimexMatch, Token]]
                       ) -> list[tuple[TimexMatch, Token, Token, Figure]]:
        """"29 in February", "26 en agosto": a head count right before a dated phrase
        that no mention took, with the connector between them."""
        found = []
        used = {m.date.start for m in mentions if m.date}
        doc = sent.doc
        for match, head in timexes:
            if match.start in used:
                continue
            span = doc.char_span(match.start, match.end, alignment_mode="expand")
            if span is None:
                continue
            start = span.start + (0 if span[0].lower_ in self.connectors else -1)
            if start < 1 or doc[start].lower_ not in self.connectors or not doc[start - 1].like_num:
                continue
            number = doc[start - 1]
            figure = figure_at(doc, number.i, self.language)
            if figure is None or not self.counts.is_count(figure):
                continue
            found.append((match, number, doc[start], figure))
        return found

    def _series(self, sent: Span, mentions: list[Mention], context_type: str, draft: Draft) -> Mention | None:
        """The mention whose route the listed events share: the sentence's own, else one
        drafted from its triggers of the type and its clause's subject and destination."""
        base = next((m for m in mentions if m.type == context_type), None)
        if base is None or not (base.origin and base.destination):
            aside = [t for t in self.finder.find(sent) if t.type == context_type]
            drafts = [draft(t, sent, aside) for t in aside]
            origin = next((d.origin for d in drafts if d and d.origin), None)
            destination = next((d.destination for d in drafts if d and d.destination), None)
            if not (origin and destination):
                # "el gobierno de Sheinbaum puso en manos de la justicia estadounidense a 56":
                # the clause's subject and the country it hands to.
                root = sent.root
                subject = self.context.subject_of(root)
                if subject is not None and not origin:
                    origin = self.context.country_in(list(subject.subtree)) or (
                        self.context.last_country_subject(subject.i) if subject.lower_ == "it" else None)
                if not destination:
                    destination = next((code for prep, obj in prepositional_objects(root)
                                        if prep in {"to", "into", "a", "en"}
                                        and (code := self.context.named_country(obj)) and code != origin), None)
            if (origin or destination) and aside:
                base = Mention(context_type, aside[0].token, sent)
                for slot, value in (("origin", origin), ("destination", destination)):
                    if value:
                        base.fill(slot, value, because(sent, "route.list-clause"))
        return base

    def _speaks_of_transfers(self, sent: Span) -> bool:
        """Transfer vocabulary anywhere, even in clauses set aside as series, and in
        participles ("los detenidos remitidos")."""
        index = token_index(sent.doc)
        return any(any(r.type == "transfer" for r in self.finder.rules_at(index, i))
                   for i in self.finder.candidates(index, sent))

    def _lists_people(self, index: TokenIndex, i: int) -> bool:
        """A membership cue that speaks of people or of a transfer: "the group included",
        "Among them", "Also on the list", "Besides Caro Quintero". (The cue's words and
        its neighbours' are read off the Doc's token index: no Token object per neighbour.)"""
        lemma, lower = index.lemma, index.lower
        if lemma[i] not in self.membership and lower[i] not in self.membership:
            return False
        children = index.children(i)
        neighbours = [index.head[i], *children, *(g for c in children for g in index.children(c))]
        listing = self.context.people_nouns | cue_set(self.language, "list_nouns")
        if lemma[i] in listing and index.pos[i] == "NOUN":
            return True  # "Also on the list was …"
        for other in neighbours:
            if other == i:
                continue
            if lemma[other] in listing or lower[other] in listing or other in self.finder.person_tokens:
                return True
            if any(r.type == "transfer" for r in self.finder.rules.get(lemma[other], ())):
                return True
        return False

    def attach_members(self, sent: Span, earlier: list[Mention], triggers: list[Token]) -> None:
        """"Among them was …", "the group included …": people of the last transfer."""
        index = token_index(sent.doc)
        cue = next((sent.doc[i] for i in index.positions(sent, "word", self.membership)
                    if self._lists_people(index, i)), None)
        if cue is None:
            return
        # The report's own transfer, not one recalled as background in between.
        candidates = [m for m in reversed(earlier) if m.type == "transfer"
                      and not m.negated and not m.hypothetical and m.count is not None]
        published = self.context.doc._.nl_published
        recent = [m for m in candidates if published is None or m.date_value is None
                  or not m.date_value.known or m.date_value.end and (published - m.date_value.end).days <= 14]
        target = next(iter(recent or candidates), None)
        if target is None:
            return
        speakers = self.context.speakers(sent)
        for entity, token in self.context.span_entities(sent):
            if entity.id in speakers or any(in_subtree(token, t) for t in triggers):
                continue  # a speaker, or the victim of a killing recalled in the list
            if entity.type == "person" and not self.context.is_official(entity) \
                    and not modifies_another_person(token, self.context):
                if entity.name not in {n for n, _ in target.persons}:
                    target.persons.append((entity.name, mention_span(token, entity, "persons.list", cue)))
            elif self.context.is_criminal_group(entity):
                if entity.name not in {n for n, _ in target.organizations}:
                    target.organizations.append((entity.name, mention_span(token, entity, "organizations.list", cue)))


__all__ = ["ListReader"]
