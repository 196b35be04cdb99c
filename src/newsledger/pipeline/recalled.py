"""Earlier events of a series recalled without their event word.

Interviews and analyses walk through a series in short sentences that name each
earlier event only by its head count and its month: "En febrero del año pasado, con 29
reos, entre ellos …", "Luego vinieron otros 26 en agosto", "En agosto siguió un
segundo grupo de 26". No trigger is there, and the sentence reader sees nothing.

Such a sentence states an event of the series the passage is about when

* the sentence has no word of the series (the sentence reader has judged those) and
  the passage speaks of that series: a word of a counted event type (an event noun, a
  participle, even one set aside as a label or a total) within the last few sentences,
  or a recalled event just before;
* it has no event of a counted type of its own;
* a figure in it counts people ("29 reos"), stands for them ("otros 26") or counts an
  occurrence noun's members ("un segundo grupo de 26"), and is neither a total nor an
  approximation nor a duration;
* the figure's clause says only that something happened (an occurrence verb such as
  "venir", "seguir", "haber") or has no verb at all;
* a date of its own, not another event's, is in the sentence.

The event takes the series' type; its direction comes later from the series
(``events.fill_directions``), and its people from a membership phrase right after the
counted phrase ("con 29 reos, entre ellos …").
"""
from __future__ import annotations

from bisect import bisect_left

from spacy.tokens import Span, Token

from newsledger.pipeline.counts import HeadCounts
from newsledger.pipeline.evidence import because, text_span
from newsledger.pipeline.mentions import Mention, mention_span
from newsledger.pipeline.numbers import Figure, approximation, figure_at
from newsledger.pipeline.roles import DocContext, cue_set, modifies_another_person
from newsledger.pipeline.syntax import CLAUSE_DEPS, in_subtree
from newsledger.pipeline.tokenindex import token_index
from newsledger.pipeline.triggers import TriggerFinder
from newsledger.timex import TimexMatch

# How many sentences back a word of the series still makes the passage about it.
WINDOW = 6
CLAUSE_ENDS = {";", ".", "?", "!"}


class RecalledEvents:
    """Finds the events a passage about a series recalls by a figure and a date."""

    def __init__(self, context: DocContext, finder: TriggerFinder, counts: HeadCounts,
                 counted: frozenset[str]):
        self.context = context
        self.language = context.language
        self.finder = finder
        self.counts = counts
        self.counted = counted
        self.occurrence_verbs = cue_set(self.language, "occurrence_verbs")
        self.occurrence_nouns = cue_set(self.language, "occurrence_nouns")
        self.others = cue_set(self.language, "series_determiners")
        self.membership = cue_set(self.language, "membership")
        self.since = cue_set(self.language, "since_words")
        self.forces = cue_set(self.language, "force_nouns")

    def find(self, mentions: list[Mention]) -> list[Mention]:
        by_sentence: dict[int, list[Mention]] = {}
        for mention in mentions:
            by_sentence.setdefault(mention.sentence.start, []).append(mention)
        words_of = {sent.start: [t.type for t in self.finder.find(sent) if t.type in self.counted]
                    for sent in self.context.sentences}
        # The series a word names most often in the document wins over a word in passing.
        weight: dict[str, int] = {}
        for types in words_of.values():
            for type_ in types:
                weight[type_] = weight.get(type_, 0) + 1
        found: list[Mention] = []
        recent: list[tuple[int, str]] = []  # (sentence number, type) of the series' words
        number = 0
        doc = self.context.doc
        index = token_index(doc)
        totals = doc._.nl_totals  # read once: each ``doc._`` makes an object
        # The document's words and figures, searched once: a sentence's share is two
        # bisections, not a search and a slice per sentence.
        whole = doc[0:len(doc)]
        alpha, figures = index.positions(whole, "alpha"), index.positions(whole, "number")
        for sent in self.context.sentences:
            start, end = sent.start, sent.end
            if bisect_left(alpha, end) - bisect_left(alpha, start) < 3:
                continue  # a speaker's tag or a stray line: no sentence of the passage
            number += 1
            own = by_sentence.get(start, [])
            words = list(words_of.get(start, []))
            recent = [(n, t) for n, t in recent if number - n <= WINDOW]
            # Without a figure ``_recalled`` finds nothing: the series is not weighed.
            if recent and bisect_left(figures, end) > bisect_left(figures, start):
                series = max({t for _, t in recent}, key=lambda t: (weight.get(t, 0), t))
                # A sentence with a word of the series has been read by the sentence reader,
                # which kept or set aside its event ("55 reos en dos envíos" is a total).
                if series not in words and not any(m.type == series for m in own):
                    mention = self._recalled(sent, own, series, totals.get(sent.start, []))
                    if mention is not None:
                        found.append(mention)
                        words.append(series)
            recent += [(number, t) for t in words]
        return found

    def _recalled(self, sent: Span, own: list[Mention], series: str, sentence_totals: list[Figure]) -> Mention | None:
        totals = {f.start for f in sentence_totals}
        taken = {m.date.start for m in own if m.date is not None}
        others = [m.trigger for m in own]
        for token in token_index(sent.doc).numbers(sent):
            if token.i in totals:
                continue
            # The tests are independent: the one that turns most figures away goes first.
            counted = self._counted_noun(token)
            if counted is None:
                continue
            figure = figure_at(sent.doc, token.i, self.language)
            if figure is None or figure.start != token.i or not self.counts.is_count(figure) \
                    or approximation(sent.doc, figure.start, self.language) is not None:
                continue
            if not self._only_happened(token) or any(in_subtree(token, o) for o in others):
                continue
            date = self._date(sent, token, taken, others)
            if date is None:
                continue
            return self._mention(sent, series, figure, counted, date, others)
        return None

    def _counted_noun(self, number: Token) -> Token | None:
        """The people the figure counts: a people noun it modifies, itself standing for
        them after "otros"/"estos", or the members of an occurrence noun ("grupo de 26")."""
        head = number.head
        if number.dep_ == "nummod" and head.lemma_.lower() in self.context.people_nouns \
                and head.lemma_.lower() not in self.forces:
            return head
        if number.dep_ == "nummod" and head.lemma_.lower() in self.occurrence_nouns \
                and any(c.dep_ == "case" for c in number.children):
            return head  # "un grupo de 26", not "dos envíos" (two events)
        if number.dep_ != "nummod" and any(c.lower_ in self.others for c in number.children):
            return number
        return None

    def _only_happened(self, number: Token) -> bool:
        """The figure's clause has no verb, or one that only says it happened."""
        node = number
        while node.head.i != node.i:
            node = node.head
            if node.pos_ in {"VERB", "AUX"}:
                return node.lemma_.lower() in self.occurrence_verbs
        return node.pos_ not in {"VERB", "AUX"}

    def _date(self, sent: Span, number: Token, taken: set[int], others: list[Token]) -> TimexMatch | None:
        """The sentence's own date nearest the figure: not another event's, not a start."""
        doc = sent.doc
        best: tuple[int, TimexMatch] | None = None
        for match in doc._.nl_timexes or []:
            if not (sent.start_char <= match.start < sent.end_char) or match.start in taken \
                    or match.date is None or not match.date.known:
                continue
            span = doc.char_span(match.start, match.end, alignment_mode="expand")
            if span is None or any(in_subtree(span.root, o) for o in others):
                continue
            before = doc[span.start - 1] if span.start > sent.start else None
            if span[0].lower_ in self.since or before is not None and before.lower_ in self.since:
                continue
            distance = abs(span.start - number.i)
            if best is None or distance < best[0]:
                best = (distance, match)
        return best[1] if best else None

    def _mention(self, sent: Span, series: str, figure: Figure, counted: Token, date: TimexMatch,
                 others: list[Token]) -> Mention:
        doc = sent.doc
        number = doc[figure.start]
        words = doc[figure.start:figure.end]
        mention = Mention(series, number, sent, count_span=text_span(words))
        mention.fill("type", series, because(words, "trigger.recalled", number))
        mention.fill("date", date, because(date, "date.recalled"))
        mention.fill("count", figure.value, because(words, "count.recalled"))
        mention.persons = [(e.name, mention_span(t, e, "persons.recalled"))
                           for e, t in self._members(max(counted.i, figure.end - 1) + 1, others)]
        return mention

    def _members(self, after: int, others: list[Token]) -> list:
        """"con 29 reos, entre ellos Rafael Caro Quintero, el hombre al que …": the people
        a membership word right after the counted phrase names, not those of the clauses
        that describe them or of another event."""
        doc = self.context.doc
        end = self.context.sentence_of(doc[after - 1]).end
        if after < end and doc[after].text == ",":
            after += 1
        if after >= end or not (doc[after].lemma_.lower() in self.membership or doc[after].lower_ in self.membership):
            return []
        words = []
        for word in doc[after:end]:
            if word.text in CLAUSE_ENDS:
                break
            words.append(word)
        clauses = [t for t in words if t.dep_ in CLAUSE_DEPS]
        words = [w for w in words if not any(in_subtree(w, c) for c in clauses + others)]
        return [(e, t) for e, t in self.context.entities_in(words, "person")
                if not self.context.is_official(e) and not modifies_another_person(t, self.context)]


__all__ = ["RecalledEvents"]
