"""Dates for mentions: each temporal expression goes to the trigger it is nearest to in
the parse, leaving out quoted speech and the starts of series."""
from __future__ import annotations

from spacy.tokens import Token

from newsledger import lang
from newsledger.pipeline.evidence import because
from newsledger.pipeline.mentions import Mention
from newsledger.pipeline.quotes import QuotedText, quoted_spans
from newsledger.pipeline.roles import DocContext, cue_set
from newsledger.pipeline.syntax import in_subtree, path_length, prepositional_objects
from newsledger.pipeline.tokenindex import token_index
from newsledger.timex import TimexMatch


# How much further from the trigger than the chosen date a finer one may be.
REFINE_COST = 2


class DateAssigner:
    def __init__(self, context: DocContext, language: str):
        self.context = context
        self.since_words = cue_set(language, "since_words")
        self.occurrence = cue_set(language, "happening_verbs")
        self.definite = cue_set(language, "definite_determiners")
        self.carriers = lang.grammar(language, "light_verbs") | cue_set(language, "occurrence_verbs")
        self.speech_nouns = cue_set(language, "speech_nouns")
        self.announcing = cue_set(language, "announcing_verbs")
        self.todays = frozenset(str(w).lower() for w, offset in lang.load(language, "timex")["relative_days"].items()
                                if offset == 0)
        self._quotes: list[QuotedText] | None = None
        self._unquoted: set[int] = set()  # quoted dates resolved to the day of their saying
        self._inside: dict[int, bool] = {}  # position -> whether a quotation holds it

    def assign(self, mentions: list[Mention], timexes: list[tuple[TimexMatch, Token]]) -> None:
        """Each date goes to the nearest trigger in the tree; one date per mention."""
        if not mentions:
            # Nothing to date. (What ``_speakers_today`` would note, the quoted dates it
            # resolves, holds for this sentence's dates only: the reader asks once per
            # sentence, each date in the sentence it starts in.)
            return
        pairs = []
        # "Today's transfer …," a speaker said: a quotation's relative dates are the
        # speaker's, not the report's.
        timexes = self._speakers_today(timexes)
        set_aside, kept = [], []
        for match, head in timexes:
            quoted = self._quoted(match.start)
            if quoted or self._since(match):
                set_aside.append((match, "date.quoted" if quoted else "date.since"))
            else:
                kept.append((match, head))
        timexes = kept
        for match, head in timexes:
            for mention in mentions:
                cost = self._date_cost(mention.trigger, head)
                if cost is not None:
                    pairs.append((cost, match.start, mention.trigger.i, match, mention))
        used_dates, dated = set(), set()
        for _, _, _, match, mention in sorted(pairs, key=lambda p: p[:3]):
            if match.start in used_dates or id(mention) in dated:
                continue
            mention.fill("date", match, because(match, "date.nearest"))
            used_dates.add(match.start)
            dated.add(id(mention))
        self._refine(mentions, pairs, used_dates)
        for mention in mentions:
            # "held their ninth phone call, on July 31, in which the two leaders agreed":
            # events of different types in one clause share a nearby date.
            if mention.date is None:
                options = [(cost, match) for cost, _, _, match, other in pairs
                           if other is mention and cost <= 3
                           and not any((m.type == mention.type or self._owns(m, match)) and m.date is match
                                       for m in mentions)]
                if options:
                    match = min(options, key=lambda o: o[0])[1]
                    mention.fill("date", match, because(match, "date.clause"))
        for mention in mentions:
            if mention.date is None:
                # "the call …, in which the two leaders agreed": the clause shares the date.
                for other in mentions:
                    if other is not mention and other.date and other.trigger.pos_ == "NOUN" \
                            and mention.trigger.dep_ == "relcl" and mention.trigger.head.i == other.trigger.i:
                        mention.fill("date", other.date, because(other.date, "date.relative-clause",
                                                                  other.trigger))
        if set_aside and not timexes:
            # Why a mention stays undated: the sentence's only dates were set aside.
            match, rule = set_aside[0]
            for mention in mentions:
                if mention.date is None:
                    mention.note_empty("date", because(match, rule))

    @staticmethod
    def _refine(mentions: list[Mention], pairs: list, used_dates: set[int]) -> None:
        """"Hace casi un año, en febrero pasado, designó …": a finer date of the same clause
        that falls inside the one chosen, and close to the trigger too, says when."""
        for mention in mentions:
            chosen = mention.date
            if chosen is None or chosen.date is None or not chosen.date.known:
                continue
            cost = min(c for c, _, _, m, other in pairs if other is mention and m is chosen)
            finer = [(c, m) for c, _, _, m, other in pairs if other is mention and m.start not in used_dates
                     and c <= cost + REFINE_COST and m.date is not None and m.date.known
                     and m.date != chosen.date and chosen.date.contains(m.date)]
            if finer:
                match = min(finer, key=lambda f: f[0])[1]
                mention.fill("date", match, because(match, "date.refined"))
                used_dates.add(match.start)

    def _judged_act(self, trigger: Token) -> bool:
        """"calificó como un logro la entrega de 37 reos": a definite event noun that is the
        object of a verb neither carrying nor placing it in time is talked about, so the
        verb's date is the day of the talking. A verb that makes the event known ("informó el
        martes la detención de cinco hombres") dates it as the saying of a clause would."""
        head = trigger.head.lemma_.lower()
        return trigger.pos_ in {"NOUN", "PROPN"} and trigger.dep_ in {"obj", "dobj"} \
            and trigger.head.pos_ in {"VERB", "AUX"} and head not in self.carriers and head not in self.announcing \
            and any(c.dep_ in {"det", "poss"} and c.lower_ in self.definite for c in trigger.children)

    def _speakers_today(self, timexes: list[tuple[TimexMatch, Token]]) -> list[tuple[TimexMatch, Token]]:
        """"'Today, the United States secured custody of 29 …,' the department said in a
        Thursday press release": a quotation's today is the day of the saying, when the
        sentence dates the saying (a date on the speech verb or on its statement noun).
        Such a quoted date is kept, resolved to that day; other quoted dates stay aside."""
        sayings = [(m, h) for m, h in timexes if not self._quoted(m.start) and m.date is not None
                   and m.date.known and self._dates_a_saying(h)]
        if not sayings:
            return timexes
        found = []
        for match, head in timexes:
            # (the Doc's sentences are the context's: Token.sent finds a sentence's edges anew)
            sentence = self.context.sentence_of(head)
            said = next((s for s, h in sayings if self.context.sentence_of(h) is sentence), None)
            if said is not None and self._quoted(match.start) and match.text.lower() in self.todays:
                match = TimexMatch(match.start, match.end, match.text, said.date)
                self._unquoted.add(match.start)
            found.append((match, head))
        return found

    def _dates_a_saying(self, head: Token) -> bool:
        for token in (head, head.head, head.head.head):
            if self.context.is_speech_verb(token) or token.pos_ == "NOUN" and token.lemma_.lower() in self.speech_nouns:
                return True
        return False

    def _owns(self, mention: Mention, match: TimexMatch) -> bool:
        """"pleaded not guilty to the 1985 murder": a date inside a trigger's own noun
        phrase is that event's alone. A verb's subtree is its whole clause, coordinated
        verbs included ("seized 40 rifles on Friday and arrested three men"): a date there
        is the clause's, which the other acts of the clause share."""
        if mention.trigger.pos_ not in {"NOUN", "PROPN"}:
            return False
        span = self.context.doc.char_span(match.start, match.end, alignment_mode="expand")
        return span is not None and in_subtree(span.root, mention.trigger) and span.root.i != mention.trigger.i

    def _since(self, match: TimexMatch) -> bool:
        """"since February", "desde febrero de 2025": where a series starts, not an event's date."""
        before = self.context.text[max(0, match.start - 7):match.start].lower().split()
        return bool(before) and before[-1] in self.since_words

    def _quoted(self, position: int) -> bool:
        if position in self._unquoted:
            return False
        inside = self._inside.get(position)
        if inside is None:
            # (asked again for each date: the quotations are read once, and each
            # position is looked for in them once)
            if self._quotes is None:
                self._quotes = quoted_spans(self.context.text)
            inside = self._inside[position] = any(q.start <= position < q.end for q in self._quotes)
        return inside

    def _date_cost(self, trigger: Token, head: Token) -> float | None:
        inside = in_subtree(head, trigger)
        index, doc = token_index(trigger.doc), trigger.doc  # (ancestors walked on the index)
        found = next((a for a in [head.i, *index.ancestors(head.i)] if index.dep[a] in {"relcl", "acl:relcl"}), None)
        clause = doc[found] if found is not None else None
        occurred = clause is not None and clause.head.i == trigger.i and clause.lemma_.lower() in self.occurrence
        if clause is not None and not in_subtree(trigger, clause) and not occurred:
            # ("the transfer, which took place on Monday": that clause dates its noun)
            return None  # "charges first brought against him in 2020": the clause's own date
        found = next((a for a in [trigger.i, *index.ancestors(trigger.i)] if index.dep[a] in {"relcl", "acl:relcl"}),
                     None)
        own = doc[found] if found is not None else None
        if own is not None and not in_subtree(head, own) and not in_subtree(own.head, head):
            return None  # "…, who was arraigned the day after": the outer clause's date is not its
        if not inside and trigger.pos_ in {"NOUN", "PROPN"} and any(
                c.dep_ in {"det", "poss"} and c.lower_ in {"the", "el", "la", "this", "that", "its", "his", "her"}
                for c in trigger.children) and not any(p in {"of", "de"} for p, _ in prepositional_objects(trigger)):
            return None  # "the transfer" refers back; it takes no date from the clause
        if not inside and self._judged_act(trigger) and in_subtree(head, trigger.head):
            return None  # "celebró este miércoles la entrega de 37": the day of the judging
        cost = float(path_length(trigger, head))
        # (the saying is looked for only where it counts: outside the trigger's subtree)
        speech = None if inside else head if self.context.is_speech_verb(head) else head.head \
            if self.context.is_speech_verb(head.head) else None
        if speech is not None:
            # "…, the department said Wednesday": the day of the saying dates only the
            # event reported in the verb's own complement.
            reported = [c for c in speech.children if c.dep_ in {"ccomp", "xcomp", "parataxis"}]
            if not any(in_subtree(trigger, c) for c in reported) and trigger.head.i != speech.i:
                return None
            cost += 0.5
        return cost


__all__ = ["DateAssigner"]
