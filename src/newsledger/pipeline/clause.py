"""Reading a trigger's own words in order, where the parse hangs them on the wrong head.

The small Spanish model often attaches "a 26 reos" or "a Estados Unidos" to a nearby
infinitive, number or noun instead of the verb that governs them ("envió a EE.UU., sin
usar la vía diplomática, a 41 reos"). The words still sit in the trigger's clause, and
their order is fixed: a preposition, articles, then the country; a figure, adjectives,
then the people. These readers run after the parse has found nothing, look only at the
trigger's scope (its words, without nested triggers), and accept only what that order
makes unambiguous.
"""
from __future__ import annotations

from collections.abc import Sequence

from spacy.tokens import Token

from newsledger.model import Evidence
from newsledger.pipeline.evidence import because
from newsledger.pipeline.numbers import Figure, approximation, figure_at, word_value
from newsledger.pipeline.roles import DocContext, cue_set

# How far past a figure the people it counts may stand ("26 presuntos integrantes").
_PEOPLE_WINDOW = 6
# How far past a preposition the country may stand ("a las autoridades estadounidenses").
_COUNTRY_WINDOW = 4


def is_people_word(token: Token, people_nouns: frozenset[str] | set[str], forces: frozenset[str]) -> bool:
    """"reos", "narcotraficantes" (lemmatised "narcotraficant" by the model): a noun for
    people, read off its lemma or its plural spelling; security forces are not moved people."""
    forms = {token.lemma_.lower(), token.lower_}
    word = token.lower_
    forms |= {word[:-1], word[:-2]} if word.endswith("es") else {word[:-1]} if word.endswith("s") else set()
    return bool(forms & people_nouns) and not forms & forces


def has_people(scope: Sequence[Token], people: set[str] | frozenset[str], forces: frozenset[str],
               language: str) -> bool:
    """A people noun after the personal "a" ("envió … a los reos"), or a figure followed
    by people ("veintiséis (26) detenidos"), anywhere in the words."""
    if not scope:
        return False
    doc = scope[0].doc
    for token in scope:
        if is_people_word(token, people, forces) and token.dep_ not in {"compound", "flat", "amod"}:
            before = [t for t in doc[max(0, token.i - 4):token.i] if t.pos_ not in {"DET", "ADJ", "NUM"}
                      and not t.like_num]
            if before and before[-1].lower_ in {"a", "al"}:
                return True
    reader = _FigureReader(people, forces, language)
    return reader.people_figure(scope, lambda f: True) is not None


class _FigureReader:
    """The figure-then-people reading, shared by the trigger test and ``ClauseWords``."""

    def __init__(self, people, forces, language: str):
        self.people, self.forces, self.language = people, forces, language
        self.partitives = cue_set(language, "partitive_words")

    # -- who -------------------------------------------------------------------------
    def people_figure(self, scope: Sequence[Token], allowed) -> Figure | None:
        """"veintiséis (26) detenidos", "18 de los más buscados narcotraficantes": the first
        figure of the scope followed, within a few words, by a noun for people.
        ``allowed(figure)`` vetoes years, percentages and running totals."""
        if not scope:
            return None
        doc = scope[0].doc
        words = {t.i for t in scope}
        for token in sorted(scope, key=lambda t: t.i):
            if not token.like_num and (word_value(token.text, self.language) or 0) < 2:
                continue  # "un posible nuevo envío de reos": an article, not a count
            if token.i > 0 and doc[token.i - 1].like_num:
                continue  # inside a figure read from its start
            figure = figure_at(doc, token.i, self.language)
            if figure is None or not allowed(figure) or approximation(doc, figure.start, self.language):
                continue
            if self._counts_people(doc, figure.end, words):
                return figure
        return None

    def _counts_people(self, doc, start: int, words: set[int]) -> bool:
        i = start
        if i + 2 < len(doc) and doc[i].text == "(" and doc[i + 1].like_num and doc[i + 2].text == ")":
            i += 3  # "veintiséis (26) reos": the figure written twice
        seen = 0
        while i < len(doc) and i in words and seen < _PEOPLE_WINDOW:
            token = doc[i]
            if is_people_word(token, self.people, self.forces):
                return not self._forces_follow(doc, i + 1)
            if token.is_punct or token.pos_ in {"VERB", "AUX", "NUM"} or token.like_num:
                return False
            if token.lower_ not in self.partitives and token.pos_ not in {"DET", "ADJ", "ADV", "NOUN", "ADP"}:
                return False
            if token.pos_ == "ADP" and token.lower_ not in self.partitives:
                return False
            seen += 1
            i += 1
        return False

    def _forces_follow(self, doc, i: int) -> bool:
        """"10,000 National Guard troops": the phrase's head is the force, not the people word."""
        while i < len(doc) and doc[i].pos_ in {"NOUN", "PROPN", "ADJ"}:
            if doc[i].lemma_.lower() in self.forces or doc[i].lower_ in self.forces:
                return True
            i += 1
        return False


class ClauseWords(_FigureReader):
    """Word-order readers of a transfer's count and direction within its scope."""

    def __init__(self, context: DocContext, language: str):
        super().__init__(set(context.people_nouns), cue_set(language, "force_nouns"), language)
        self.context = context
        self.to_words = cue_set(language, "destination_prepositions")
        self.from_words = cue_set(language, "origin_prepositions")
        self.holders = cue_set(language, "country_holders")
        self.deictic_nouns = cue_set(language, "deictic_country_nouns")
        self.demonstratives = cue_set(language, "demonstratives")

    def has_people(self, scope: Sequence[Token]) -> bool:
        return has_people(scope, self.people, self.forces, self.language)

    # -- where -----------------------------------------------------------------------
    def direction(self, scope: Sequence[Token]) -> tuple[tuple[str, Evidence] | None, tuple[str, Evidence] | None]:
        """"a Estados Unidos", "hacia EE.UU.", "a territorio estadounidense", "a las
        autoridades estadounidenses", "a esa nación" (the country last named): the country
        right after a preposition of direction in the scope."""
        destination = origin = None
        words = {t.i for t in scope}
        for token in sorted(scope, key=lambda t: t.i):
            word = token.lower_
            if word in self.to_words and destination is None:
                destination = self._country_after(token, words, "destination")
            elif word in self.from_words and origin is None:
                origin = self._country_after(token, words, "origin")
        return destination, origin

    def _country_after(self, preposition: Token, words: set[int], slot: str) -> tuple[str, Evidence] | None:
        doc = preposition.doc
        i = preposition.i + 1
        demonstrative = False
        while i < len(doc) and i in words and doc[i].pos_ == "DET":
            demonstrative |= doc[i].lower_ in self.demonstratives
            i += 1
        end = min(len(doc), i + _COUNTRY_WINDOW)
        if i >= end or i not in words:
            return None
        first = doc[i]
        code = self._country(first)
        if code:
            return code, because(doc[preposition.i:i + 1], f"{slot}.word-order", preposition)
        lemma = first.lemma_.lower()
        if demonstrative and (lemma in self.deictic_nouns or first.lower_ in self.deictic_nouns):
            code = self._last_country(first.i) if slot == "destination" else None
            return (code, because(doc[preposition.i:i + 1], "destination.named-before", first)) if code else None
        if lemma in self.holders or first.lower_ in self.holders:
            # "a territorio estadounidense", "a la justicia de Estados Unidos"
            for t in doc[i + 1:end]:
                if t.i not in words or t.is_punct or t.pos_ in {"VERB", "AUX"}:
                    break
                code = self._country(t)
                if code:
                    return code, because(doc[preposition.i:t.i + 1], f"{slot}.word-order", preposition)
        return None

    def _country(self, token: Token) -> str | None:
        entity = self.context.entity_at(token)
        if entity is not None:
            return entity.country if entity.category == "country" else None
        if token.pos_ in {"PROPN", "ADJ"} or token.text[:1].isupper():
            return self.context.country_of_token(token)
        return None

    def _last_country(self, before: int) -> str | None:
        """"a esa nación": the country named last before the phrase."""
        for token in reversed(self.context.doc[:before]):
            entity = self.context.entity_at(token)
            if entity is not None and entity.category == "country" and entity.country:
                return entity.country
        return None


__all__ = ["ClauseWords", "is_people_word"]
