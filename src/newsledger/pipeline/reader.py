"""One sentence's event mentions, with their slots read off the dependency parse."""
from __future__ import annotations

from spacy.tokens import Span, Token

from newsledger import lang
from newsledger.ontology import event_type, types_where
from newsledger.pipeline.clause import ClauseWords
from newsledger.pipeline.counts import HeadCounts
from newsledger.pipeline.dating import DateAssigner
from newsledger.pipeline.ellipsis import elliptical_mentions
from newsledger.pipeline.evidence import because, text_span
from newsledger.pipeline.figures import cumulative_figures, is_series
from newsledger.pipeline.lists import ListReader
from newsledger.pipeline.mentions import Mention
from newsledger.pipeline.modality import Modality
from newsledger.pipeline.participants import Participants
from newsledger.pipeline.roles import DocContext, cue_set
from newsledger.pipeline.syntax import (
    OBJECT_DEPS, PASSIVE_SUBJECT_DEPS, SUBJECT_DEPS, in_subtree, is_passive, prepositional_objects,
)
from newsledger.pipeline.tokenindex import morph_values, token_index
from newsledger.pipeline.triggers import Trigger, TriggerFinder
from newsledger.timex import TimexMatch



def _fold_captures(mentions: list[Mention]) -> list[Mention]:
    """"the military operation … that ended with the capture of Maduro": a capture inside
    an armed operation's clause is that operation's outcome, not a separate arrest."""
    operations = [m for m in mentions if m.type == "military_operation"]
    kept = []
    for mention in mentions:
        host = next((o for o in operations if mention.type == "arrest"
                     and in_subtree(mention.trigger, o.trigger)), None)
        if host is None:
            kept.append(mention)
            continue
        names = {n for n, _ in host.persons}
        host.persons.extend((name, because(span, "persons.captured", mention.trigger.lemma_))
                            for name, span in mention.persons if name not in names)
    return kept


def _describes_people(mention: Mention) -> bool:
    """"Those transferred include …", "Entre los enviados figura …": a participle that
    only says who the people are, with no date, count or route of its own, states no
    new act; the sentence lists the people of the event it describes."""
    return mention.trigger.dep_ in {"acl", "amod", "nmod"} and mention.trigger.pos_ in {"VERB", "ADJ"} \
        and mention.date is None and mention.count is None and not mention.destination and not mention.origin


class MentionReader:
    """Reads the event mentions of one sentence at a time."""

    def __init__(self, context: DocContext, language: str):
        self.context = context
        self.language = language
        self.finder = TriggerFinder(language, set(context.people_nouns), context.person_tokens())
        self.series_words = cue_set(language, "series_nouns")
        self.light_verbs = lang.grammar(language, "light_verbs")
        self.avoidance = cue_set(language, "avoidance_verbs")
        self.counts = HeadCounts(context, language)
        self.modality = Modality(context, language)
        self.participants = Participants(context, language)
        self.dates = DateAssigner(context, language)
        self.clause = ClauseWords(context, language)
        self.classification_verbs = cue_set(language, "classification_verbs")
        self.definite = lang.grammar(language, "definite_articles")
        self.lists = ListReader(context, language, self.finder, self.counts)
        # The Doc's running totals by sentence start (``doc._.nl_totals``), taken at the
        # first sentence read: the extractor sets the dict after making the reader.
        self._totals: dict[int, list] | None = None

    def read(self, sent: Span, timexes: list[tuple[TimexMatch, Token]],
             earlier: list[Mention]) -> list[Mention]:
        totals = cumulative_figures(sent, self.language)
        if self._totals is None:  # read once: each ``doc._`` makes a new Underscore object
            self._totals = self.context.doc._.nl_totals
        self._totals[sent.start] = totals
        self.counts.totals = {f.start for f in totals}
        self.finder.repair(sent)
        triggers = [t for t in self.finder.find(sent) if not self._excluded(t)]
        mentions = [self._mention(t, sent, triggers) for t in triggers]
        mentions = _fold_captures([m for m in mentions if m is not None])
        # "es el segundo envío; hubo un primero el 27 de febrero": the date of an ordinal
        # standing for the event noun is that earlier event's (frames makes it one),
        # never the date of the sentence's other triggers.
        taken = {e.date.start for e in elliptical_mentions(sent, mentions, self.finder, self.counts, self.context,
                                                           types_where(counts_people=True)) if e.date}
        taken |= {m.start for m, _ in timexes if self._counted_month(m, sent)}
        self.dates.assign(mentions, [(m, h) for m, h in timexes if m.start not in taken])
        mentions += self.lists.enumerated(sent, mentions, timexes, self._mention)
        acts = [m for m in mentions if not _describes_people(m)]
        described = {m.type for m in mentions if _describes_people(m)}
        # "MS-13 was among those designated": the people of another kind of event.
        if not any(m.type == "transfer" for m in acts) and (not described or "transfer" in described):
            self.lists.attach_members(sent, earlier + mentions, [m.trigger for m in acts])
        return mentions

    # -- which triggers count ---------------------------------------------------------
    def _excluded(self, trigger: Trigger) -> bool:
        token = trigger.token
        # The tags, labels and children read off the token index: ``token.children`` makes
        # a new Token object per child at every reading, and a trigger's are read up to
        # eight times here.
        index, i = token_index(token.doc), token.i
        pos, dep, deps, head = index.pos[i], index.dep[i], index.dep, index.head[i]
        child_deps = [deps[c] for c in index.children(i)]
        if pos in {"VERB", "AUX", "ADJ"} and dep in {"amod", "compound"} \
                and not any(d in {"obl", "prep", "npadvmod", "nmod"} for d in child_deps):
            return True  # "detained cartel members": a description, not an event
        if event_type(trigger.type).roles.reading == "parties" and self._criminal_party(token):
            return True  # "Guzmán López lo citó a una reunión": not a meeting of states
        if pos == "ADJ" and any(d in {"det", "nummod"} for d in child_deps) \
                and not any(d in {"obl", "obl:arg", "obl:agent", "nmod", "advmod", "obj"} for d in child_deps):
            return True  # "envió a los 12 detenidos": a participle naming people, no act of its own
        if dep in {"acl", "amod"} and any(deps[c] == "nummod" and c in self.counts.totals
                                          for c in index.children(head)):
            return True  # "ya son 92 criminales enviados a EU": the series, not one event
        if pos in {"NOUN", "PROPN"}:
            if dep in OBJECT_DEPS and index.lemma[head] in self.avoidance:
                return True  # "who evaded capture for decades": the act never happened
            misparsed = dep == "amod" and index.pos[head] == "ADJ" and head == i + 1 \
                and any(deps[c] == "det" for c in index.children(head))
            # "una llamada telefónica" parsed with the noun hanging on its own adjective
            if dep in {"attr", "amod", "fixed", "flat"} and not misparsed \
                    or dep == "compound" and index.lemma[head] not in {"operation"}:
                return True
            if "cop" in child_deps:
                return True  # "no fue una extradición": what the act was called, not an act
            if self._label(token):
                return True
            if is_series(token, self.language):
                return True
            if self._definite_plural(token):
                return True  # "si los envíos ya no le bastan": the series, not one event
            if self._bare_plural(token) and not self.modality.of(token)[1]:
                # "stepped up arrests": a kind of act; "plans for drone strikes": planned acts
                return True
                return True
        # "the number of people Mexico has transferred", "the two mass transfers … in
        # which it sent 55", "has sent 55 … in two transfers": about a series, not one event.
        # ("designó … a ocho grupos criminales": the groups are what a designation is done to.)
        if event_type(trigger.type).counts_people \
                and any(is_series(obj, self.language) for _, obj in prepositional_objects(token)):
            return True
        # (a Token object only for an ancestor noun whose lemma is no series word)
        return any(index.pos[a] == "NOUN" and (index.lemma[a] in self.series_words
                                               or is_series(token.doc[a], self.language))
                   for a in index.ancestors(i))

    def _criminal_party(self, token: Token) -> bool:
        """A call, meeting or agreement is one between states or their officials; one a
        criminal or a criminal group calls or makes ("the cartel boss summoned him to a
        meeting") is not of the type."""
        verb = token
        if token.pos_ in {"NOUN", "PROPN"} and token.head is not token and token.head.pos_ in {"VERB", "AUX"} \
                and token.dep_ in OBJECT_DEPS | {"obl", "obl:arg", "prep", "pobj"}:
            verb = token.head
        elif token.pos_ in {"NOUN", "PROPN"}:
            verb = None
        subject = self.context.subject_of(verb) if verb is not None else None
        if subject is None:
            return False
        return any(e.category == "criminal" or self.context.is_criminal_group(e)
                   for e, _ in self.context.entities_in(list(subject.subtree)))

    def _label(self, noun: Token) -> bool:
        """"no se trató de una extradición", "los canales de extradición": the noun names
        what an act was, or the kind of thing another noun is, not an act of its own."""
        index, i = token_index(noun.doc), noun.i  # (children read off the index)
        head, dep, deps = index.head[i], index.dep[i], index.dep
        if index.lemma[head] in self.classification_verbs and dep in {"obj", "obl", "obl:arg"}:
            return True
        # A bare noun after "de" classifies its head ("orden de extradición"); one with an
        # article refers to an act ("la noticia del traslado").
        children = index.children(i)
        case = [index.lower[c] for c in children if deps[c] == "case"]
        return case == ["de"] and dep in {"nmod", "compound"} and index.pos[head] in {"NOUN", "PROPN"} \
            and not any(deps[c] in {"det", "nummod", "poss", "nmod", "amod"} for c in children)

    def _definite_plural(self, noun: Token) -> bool:
        """"los envíos", "the transfers": a plural event noun with only a definite article
        speaks of the series; it has no count, date or ordinal of its own."""
        plural = morph_values(noun, "Number") == ["Plur"] or noun.tag_ == "NNS"
        index = token_index(noun.doc)  # (children read off the index)
        children, deps = index.children(noun.i), index.dep
        determiners = [c for c in children if deps[c] == "det"]
        return plural and bool(determiners) and all(index.lower[d] in self.definite for d in determiners) \
            and not any(deps[c] in {"nummod", "amod", "nmod", "obl", "prep", "acl", "relcl", "appos"}
                        for c in children)

    @staticmethod
    def _bare_plural(noun: Token) -> bool:
        """"stepped up arrests and seizures": a plural with no determiner is a kind of act."""
        plural = morph_values(noun, "Number") == ["Plur"] or noun.tag_ == "NNS"
        index = token_index(noun.doc)  # (children read off the index)
        return plural and not any(index.dep[c] in {"det", "poss", "nummod", "amod"} for c in index.children(noun.i)) \
            and noun.dep_ != "conj" or plural and noun.dep_ == "conj" and MentionReader._bare_plural(noun.head)

    # -- one mention ------------------------------------------------------------------
    def _mention(self, trigger: Trigger, sent: Span, others: list[Trigger]) -> Mention | None:
        token = trigger.token
        if trigger.by_state is not None and self._state_subject(token):
            # "the U.S. had taken 29 into custody": a state takes custody of people handed to it.
            trigger = Trigger(token, trigger.by_state, "destination", rule=trigger.rule, cue=trigger.cue)
        mention = Mention(trigger.type, token, sent, subject_role=trigger.subject_role)
        mention.fill("type", trigger.type, because(token, trigger.rule, trigger.cue))
        scope = self._scope(token, [o.token for o in others if o.token.i != token.i], sent)
        negated, hypothetical = self.modality.reasons(token)
        for flag, found in (("negated", negated), ("hypothetical", hypothetical)):
            if found is not None:
                mention.fill(flag, True, found)
        counted = self.counts.reasoned(token) if event_type(trigger.type).counts_people else None
        if counted is not None:
            figure, rule = counted
            mention.count_span = text_span(sent.doc[figure.start:figure.end])
            mention.fill("count", figure.value, because(mention.count_span, rule, token.lemma_))
        elif event_type(trigger.type).counts_people and (
                figure := self.clause.people_figure(scope, self.counts.is_count)) is not None:
            mention.count_span = text_span(sent.doc[figure.start:figure.end])
            mention.fill("count", figure.value, because(mention.count_span, "count.word-order", token.lemma_))
        elif self.counts.rejected and event_type(trigger.type).counts_people:
            figure, rule = self.counts.rejected[0]
            mention.note_empty("count", because(sent.doc[figure.start:figure.end], rule))
        to, from_ = self._route(token, scope) if trigger.type == "transfer" else self.context.route_of(token)
        destination, origin = to[0] if to else None, from_[0] if from_ else None
        subject = self.context.subject_of(token) if token.pos_ in {"VERB", "AUX"} else None
        subject_country, subject_words = None, None
        subject_tree = None  # the subject's own words, when read here (roles reads them too)
        if subject is not None and subject.dep_ not in PASSIVE_SUBJECT_DEPS and not is_passive(token):
            antecedent = self.context.antecedent(subject)
            subject_words = list(antecedent.subtree)
            if antecedent is subject:  # (no relative pronoun: the same words)
                subject_tree = subject_words
            subject_country = self.context.country_in(subject_words)
            if subject_country is None and subject.lower_ == "it":
                subject_country, subject_words = self.context.last_country_subject(subject.i), [subject]
        actor_rule = "subject"
        if subject_country is None and token.pos_ in {"NOUN", "PROPN"}:
            actor = self.participants.noun_actor(token)
            if actor is not None:
                (subject_country, subject_words), actor_rule = actor, "noun-actor"
        if trigger.type == "transfer":
            if trigger.subject_role == "destination":
                # "U.S. authorities received 26 prisoners from Mexico": the subject's
                # country is where they went, and the sender is named by "from".
                if to is not None:
                    mention.fill("destination", *to)
                elif subject_country and subject_words:
                    mention.fill("destination", subject_country, because(subject_words, "destination.receiver"))
                if from_ is not None and origin != mention.destination:
                    mention.fill("origin", *from_)
                subject_country = mention.origin
            else:
                if to is not None:
                    mention.fill("destination", *to)
                if from_ is not None:
                    mention.fill("origin", *from_)
                elif subject_country and subject_country != destination and subject_words:
                    mention.fill("origin", subject_country, because(subject_words, f"origin.{actor_rule}"))
            if mention.destination is None and mention.origin:
                reached = self.context.country_of_place_reached(token)
                if reached is not None and reached[0] != mention.origin:
                    mention.fill("destination", reached[0], reached[1])
        if trigger.type == "transfer" and mention.origin is None and mention.destination \
                and trigger.subject_role != "destination" and subject_country is None:
            self._announced_origin(mention, sent)
        if trigger.needs_destination and mention.destination is None:
            return None
        self.participants.roles(mention, scope, subject, subject_country, subject_tree)
        if mention.type == "seizure" and mention.persons:
            # "seized Maduro": people are captured, goods seized
            mention.fill("type", "arrest", because(token, "type.people-seized", token.lemma_))
        if mention.type == "arrest" and subject is not None and subject_country:
            self.participants.capture_abroad(mention, subject, subject_country, scope)
        return mention

    def _announced_origin(self, mention: Mention, sent: Span) -> None:
        """"Harfuch informó que fueron trasladados 26 reos a EE.UU.": a transfer told without
        its sender, by an official of another country than where it went, is that
        country's; the receiving side announces arrivals, not shipments."""
        speakers = self.context.speakers(sent)
        for entity, token in self.context.span_entities(sent):
            if entity.id in speakers and entity.country and entity.country != mention.destination \
                    and entity.type in {"person", "organization"}:
                mention.fill("origin", entity.country, because(token, "origin.announcer", token))
                return

    def _counted_month(self, match: TimexMatch, sent: Span) -> bool:
        """"tras los veintinueve de febrero": an article, a figure and a connector before a
        month make the month an earlier event's (``ListReader.enumerated``), never the
        date of the clause's verb."""
        doc = sent.doc
        span = doc.char_span(match.start, match.end, alignment_mode="expand")
        if span is None or span.start < 3:
            return False
        index, start = token_index(doc), span.start  # (the words before read off the index)
        if index.like_num[start]:
            return False
        return index.lower[start - 1] in self.lists.connectors and index.like_num[start - 2] \
            and index.pos[start - 3] == "DET"

    def _light_verb(self, token: Token) -> Token | None:
        """The verb that only carries an event noun ("se realizó el traslado", "held a call"),
        whose other arguments are the noun's."""
        if token.pos_ in {"NOUN", "PROPN"} and token.head.lemma_.lower() in self.light_verbs \
                and token.dep_ in SUBJECT_DEPS | OBJECT_DEPS:
            return token.head
        return None

    def _route(self, token: Token, scope: list[Token]):
        """Where a transfer went and came from, with evidence: off the parse, then off a
        light verb's arguments, then off the order of the scope's words."""
        to, from_ = self.context.route_of(token)
        light = self._light_verb(token)
        if light is not None and (to is None or from_ is None):
            more = self.context.route_of(light)
            if to is None and more[0] is not None:
                to = more[0][0], because(more[0][1], "destination.light-verb", more[0][1].cue)
            if from_ is None and more[1] is not None:
                from_ = more[1][0], because(more[1][1], "origin.light-verb", more[1][1].cue)
        if to is None or from_ is None:
            more = self.clause.direction(scope)
            to, from_ = to or more[0], from_ or more[1]
        return to, from_
    def _state_subject(self, verb: Token) -> bool:
        subject = self.context.subject_of(verb)
        entity = self.context.entity_at(subject) if subject is not None else None
        return entity is not None and entity.category == "country" and subject.dep_ not in PASSIVE_SUBJECT_DEPS

    def _scope(self, token: Token, others: list[Token], sent: Span) -> list[Token]:
        """The trigger's own words: its subtree, or for a noun the clause it heads,
        without the words of other triggers nested inside."""
        root = self._light_verb(token) or token
        nested = [o for o in others if o.i != root.i and in_subtree(o, root)]
        # "the torture and killing of Camarena": the victim hangs off the first conjunct.
        nested += [o.head for o in nested if o.dep_ == "conj" and o.head.pos_ == "NOUN"
                   and o.head.i != root.i and o.head.i != token.i]
        if not nested:  # most triggers: no word to leave out
            return list(root.subtree)
        # Each word tested by position on the token index (``syntax.in_subtree``: the
        # ancestors walked, then the nested trigger's edges), the edges read once per
        # nested trigger instead of once per word. (spaCy's own ``subtree`` walk is kept:
        # it makes the Token objects the scope is made of faster than a Python walk.)
        index = token_index(token.doc)
        edges = [(o.i, o.left_edge.i, o.right_edge.i) for o in nested]
        return [t for t in root.subtree
                if not any(index.in_subtree(t.i, o) and left <= t.i <= right for o, left, right in edges)]


__all__ = ["MentionReader"]
