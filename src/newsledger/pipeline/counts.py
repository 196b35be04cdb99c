"""Head counts: how many people an event moved, arrested or killed, as its trigger's
objects state it."""
from __future__ import annotations

from spacy.tokens import Token

from newsledger import lang
from newsledger.pipeline.numbers import Figure, approximation, figure_at
from newsledger.pipeline.roles import DocContext
from newsledger.pipeline.syntax import OBJECT_DEPS, SUBJECT_DEPS, is_passive, loose_objects, prepositional_objects


class HeadCounts:
    """Finds a trigger's head count; ``totals`` holds where the sentence's cumulative
    figures start, set per sentence, since a running total is no event's count."""

    def __init__(self, context: DocContext, language: str):
        self.context = context
        self.language = language
        self.light_verbs = lang.grammar(language, "light_verbs")
        self.totals: set[int] = set()
        # "cuatro décadas", "six months": a figure before a unit of time is a duration.
        timex = lang.load(language, "timex")
        self.time_units = {str(w).lower() for table in ("units", "plural_units")
                           for w in (timex.get(table) or {}) if " " not in str(w)}
        # Figures of the last ``reasoned`` call that were set aside, with the rule that
        # did so: why a count stays empty ("nearly 30", "92 in total").
        self.rejected: list[tuple[Figure, str]] = []

    def of(self, token: Token) -> Figure | None:
        """How many people the event moved, arrested or killed."""
        found = self.reasoned(token)
        return found[0] if found else None

    def reasoned(self, token: Token) -> tuple[Figure, str] | None:
        """The head count with the ``newsledger.why`` rule that read it."""
        self.rejected = []
        candidates: list[Token] = loose_objects(token)
        if is_passive(token):  # "fueron trasladados 26 reos": the subject is who was moved
            candidates += [c for c in token.children if c.dep_ in SUBJECT_DEPS]
        candidates += [obj for prep, obj in prepositional_objects(token) if prep in {"a", "of", "de"}]
        if token.dep_ in {"acl", "relcl", "amod"}:
            candidates.append(token.head)
        if token.pos_ in {"NOUN", "PROPN"} and token.head.lemma_.lower() in self.light_verbs:
            candidates += [c for c in token.head.children if c.dep_ in OBJECT_DEPS and c.i != token.i]
        for candidate in candidates:
            for item in [candidate, *candidate.conjuncts]:
                figure = self._figure_of(item)
                if figure is not None:
                    if any(c.lower_ in {"other", "otros", "otras"} for c in item.children) and any(
                            c.pos_ in {"PRON", "PROPN"} for c in candidate.conjuncts + (candidate,)
                            if c.i != item.i):
                        return Figure(figure.value + 1, figure.start, figure.end), "count.object-others"
                    return figure, "count.object"
        return None

    def _figure_of(self, token: Token) -> Figure | None:
        figure = self._exact_figure_of(token)
        if figure is not None and approximation(token.doc, figure.start, self.language):
            self.rejected.append((figure, "count.approximate"))
            return None  # "nearly 30 prisoners": a claim, not the event's head count
        return figure

    def _exact_figure_of(self, token: Token) -> Figure | None:
        doc = token.doc
        if token.like_num and token.dep_ != "nummod":
            figure = figure_at(doc, token.i, self.language)
            if figure and self.is_count(figure):
                return figure
            self._note_total(figure)
        if token.lemma_.lower() in self.context.people_nouns or token.pos_ in {"NOUN", "PROPN"}:
            for child in token.children:
                if child.dep_ == "nummod" and child.like_num:
                    start = min(t.i for t in child.subtree if t.like_num)
                    figure = figure_at(doc, start, self.language)
                    if figure and self.is_count(figure) and \
                            token.lemma_.lower() in self.context.people_nouns | {"cartel"}:
                        return figure
                    if token.lemma_.lower() in self.context.people_nouns:
                        self._note_total(figure)
        return None

    def _note_total(self, figure: Figure | None) -> None:
        if figure is not None and figure.start in self.totals:
            self.rejected.append((figure, "count.total"))

    def is_count(self, figure: Figure) -> bool:
        doc = self.context.doc
        if figure.start in self.totals:
            return False
        after = doc[figure.end] if figure.end < len(doc) else None
        if after is not None and after.text in {"%", "percent", "por"}:
            return False
        if after is not None and after.lower_ in self.time_units:
            return False  # "persiguió durante cuatro décadas": how long, not how many
        return not (1900 <= figure.value <= 2100 and figure.end - figure.start == 1
                    and doc[figure.start].text.isdigit() and len(doc[figure.start].text) == 4)


__all__ = ["HeadCounts"]
