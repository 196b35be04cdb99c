"""Which series a claim's figure speaks of: the event type of a running total or ordinal.

A sentence often holds more than one act ("the second transfer — the first included
the man wanted for the 1985 murder — brings to 55 the prisoners handed over"), so the
type of a figure is not the type of whatever event the sentence happens to hold. It is
read from the words nearest to the figure, in this order of trust:

1. the noun the figure counts or ranks, when it names an act ("500 murders", "the
   second transfer");
2. an ordinal used alone ("the first", "el segundo") ranks what the last ordinal before
   it ranked, in the same or the previous sentences;
3. the trigger words of the sentence, nearest in the parse (then in the text) first,
   whether or not they became an event ("the prisoners handed over");
4. the report's main series: the event type that most of its events have, an event with
   a head count weighing more, since a series is counted in people.
"""
from __future__ import annotations

from collections import Counter
from functools import cache

from spacy.tokens import Span, Token

from newsledger.model import Event
from newsledger.ontology import types_where
from newsledger.pipeline.roles import cue_set
from newsledger.pipeline.syntax import path_length
from newsledger.pipeline.tokenindex import TokenIndex, token_index
from newsledger.pipeline.triggers import TriggerFinder

# An elliptic ordinal ("the first") refers back at most this many sentences.
ELLIPSIS_SENTENCES = 2


@cache
def _finder(language: str) -> TriggerFinder:
    return TriggerFinder(language, set(), set())


def lexical_types(token: Token, language: str) -> list[str]:
    """The event types a word can name, whatever its frame (participles included)."""
    return list(dict.fromkeys(r.type for r in _finder(language).rules_for(token)))


def _types_at(index: TokenIndex, i: int, language: str) -> list[str]:
    """``lexical_types(doc[i])``, the word's form and tag read off the token index."""
    return list(dict.fromkeys(r.type for r in _finder(language).rules_at(index, i)))


def _lexical_positions(index: TokenIndex, sent: Span, language: str) -> list[int]:
    """The positions of ``sent`` where a word may name a type: the trigger finder's
    candidates (a rule's lemma or form, or a tag whose endings it reads), searched once
    per Doc, instead of a Token and a look-up per word of the sentence."""
    return _finder(language).candidates(index, sent)


def main_series(events: list[Event], members: dict[str, list[int]] | None = None,
                allowed: frozenset[str] | None = None) -> str | None:
    """The type the report speaks of most: each factual event weighs its mentions, and a
    counted one with a head count weighs more."""
    counted = types_where(counts_people=True)
    weights: Counter[str] = Counter()
    for event in events:
        if event.negated or event.hypothetical or (allowed is not None and event.type not in allowed):
            continue
        mentions = len((members or {}).get(event.id, ())) or 1
        weights[event.type] += mentions + (2 if event.count is not None and event.type in counted else 0)
    return weights.most_common(1)[0][0] if weights else None


class ClaimTyper:
    """Types the figures of one document; remembers the last ordinal's type for ellipses."""

    def __init__(self, language: str, events: list[Event], members: dict[str, list[int]] | None = None):
        self.language = language
        self.occurrence = cue_set(language, "occurrence_nouns")
        self.people = cue_set(language, "people_nouns")
        self.counted = types_where(counts_people=True)
        self.fallback = main_series(events, members)
        self.counted_fallback = main_series(events, members, self.counted)
        self.last_ordinal: tuple[int, str] | None = None  # (sentence number, type)

    def named_by(self, noun: Token) -> str | None:
        """The type an act noun names ("murders", "envío"); None for other words."""
        if noun.pos_ not in {"NOUN", "PROPN"}:
            return None
        types = lexical_types(noun, self.language)
        return types[0] if types else None

    def nearest_trigger(self, token: Token, sent: Span, allowed: frozenset[str] | None = None) -> str | None:
        """The type of the trigger word nearest ``token`` in the parse. At equal distance a
        word that governs it wins over one that modifies it: in "sent 55 detained men" the
        total counts the sending; "detained" only says who the men were."""
        doc, index = token.doc, token_index(token.doc)
        governing = set(index.ancestors(token.i))
        ranked = sorted((path_length(token, doc[i]), i not in governing, abs(i - token.i), kinds[0])
                        for i in _lexical_positions(index, sent, self.language) if i != token.i
                        for kinds in [[k for k in _types_at(index, i, self.language)
                                       if allowed is None or k in allowed]] if kinds)
        return ranked[0][3] if ranked else None

    def of_total(self, figure: Token, sent: Span) -> str | None:
        """The type of a running total starting at ``figure``; a total of people
        ("95 people") belongs to a series whose events count people."""
        counted = figure.head if figure.dep_ in {"nummod", "nmod"} or figure.head.i == figure.i + 1 else figure
        named = self.named_by(counted)
        if named is not None:
            return named
        if counted.lemma_.lower() in self.people or counted.i == figure.i:
            return self.nearest_trigger(figure, sent, self.counted) or self.counted_fallback or self.fallback
        return self.nearest_trigger(figure, sent) or self.fallback

    def of_ordinal(self, token: Token, anchor: Token, sent: Span, sentence_number: int) -> str | None:
        """The type of an ordinal ``token`` ranking ``anchor`` (itself when used alone)."""
        found = self.named_by(anchor) if anchor.i != token.i else None
        if found is None and anchor.i == token.i and self.last_ordinal is not None \
                and sentence_number - self.last_ordinal[0] <= ELLIPSIS_SENTENCES:
            found = self.last_ordinal[1]
        if found is None and anchor.lemma_.lower() in self.occurrence:
            found = self.fallback  # "the third time", "un segundo grupo": the report's series
        found = found or self.nearest_trigger(anchor, sent) or self.fallback
        if found is not None:
            self.last_ordinal = (sentence_number, found)
        return found


__all__ = ["ClaimTyper", "lexical_types", "main_series"]
