"""The sender a report leaves implied: the state it speaks from.

A government bulletin ("GOBIERNO DE MÉXICO … fueron trasladadas a los Estados Unidos 26
personas"), an interview ("el gobierno federal … las entregó a las autoridades de
Estados Unidos") or a column never says who sent the people: the reader knows it from
who writes and whose places, bodies and officials fill the report. A transfer whose
destination is named but whose sender is not, and whose clause names no actor of its
own, was sent by that state.

The state is chosen by scored evidence over the whole document, never by one word:

* the dateline's country weighs most (``DATELINE``);
* each mention of a place, body or person of a state other than the destination adds
  one, capped per entity (``PER_ENTITY``) so that one name repeated does not decide;
* demonyms in running text ("la justicia mexicana", "el Estado mexicano") add one each.

It is kept only when it is well ahead (``MIN_SCORE``, ``MARGIN`` times the next state);
otherwise the origin stays empty, since a guessed sender is worse than none.
"""
from __future__ import annotations

from collections import Counter

from newsledger.model import Span as TextSpan
from newsledger.pipeline.evidence import because
from newsledger.pipeline.mentions import Mention
from newsledger.pipeline.roles import DocContext, country_code

DATELINE = 3
PER_ENTITY = 3
MIN_SCORE = 4
MARGIN = 2.0


def home_country(context: DocContext, other_than: str) -> tuple[str, TextSpan] | None:
    """The state, other than ``other_than``, the report speaks from, with the words that
    weigh most for it; None when no state is clearly ahead."""
    scores: Counter[str] = Counter()
    best_words: dict[str, tuple[int, TextSpan]] = {}

    def add(country: str | None, weight: int, words: TextSpan) -> None:
        if not country or country == other_than:
            return
        scores[country] += weight
        if country not in best_words or weight > best_words[country][0]:
            best_words[country] = (weight, words)

    dateline = context.dateline_country
    if dateline:
        words = context.text[context.dateline_start:context.dateline_end].rstrip()
        add(dateline, DATELINE, TextSpan(context.dateline_start, context.dateline_start + len(words), words))
    named: set[int] = set()
    for entity in context.entities.values():
        mentions = [m for m in entity.mentions if not context.dateline_start <= m.start < context.dateline_end]
        if entity.country and mentions:
            add(entity.country, min(len(mentions), PER_ENTITY), mentions[0])
        for mention in mentions:
            named.update(range(mention.start, mention.end))
    for token in context.doc:
        if token.pos_ == "ADJ" and token.idx not in named and not context.in_dateline(token):
            add(country_code(token.text), 1, TextSpan(token.idx, token.idx + len(token.text), token.text))
    if not scores:
        return None
    [(top, score), *rest] = scores.most_common(2) + [("", 0)]
    runner_up = rest[0][1]
    if score < MIN_SCORE or score < MARGIN * runner_up:
        return None
    return top, best_words[top][1]


def implied_senders(events: list[Mention], context: DocContext) -> None:
    """Fill the origin of transfers that name where the people went but neither who sent
    them nor any actor of their own, from the state the report speaks from."""
    cache: dict[str, tuple[str, TextSpan] | None] = {}
    for event in events:
        if event.type != "transfer" or event.origin or not event.destination or event.negated \
                or event.agents or event.subject_role == "destination":
            continue
        if event.destination not in cache:
            cache[event.destination] = home_country(context, event.destination)
        found = cache[event.destination]
        if found is not None:
            country, words = found
            event.fill("origin", country, because(words, "origin.home-country"))


__all__ = ["home_country", "implied_senders"]
