"""Elliptical ordinals: "in the first transfer, on 27 February, 29 left; in the second, on
12 August, 26" / "en el primer envío, el 27 de febrero, salieron 29; en el segundo, el 12
de agosto, fueron 26".

The second event is named only by an ordinal whose noun is left out; it stands for the
event noun an ordinal modified just before, and its clause (up to the next ";" or the
end of the sentence) states its own date and head count. Without this the sentence
reader sees no trigger, and the event is lost.
"""
from __future__ import annotations

from spacy.tokens import Span, Token

from newsledger.pipeline.counts import HeadCounts
from newsledger.pipeline.evidence import because, text_span
from newsledger.pipeline.mentions import Mention
from newsledger.pipeline.numbers import approximation, figure_at, ordinals
from newsledger.pipeline.roles import DocContext
from newsledger.pipeline.triggers import TriggerFinder
from newsledger.timex import TimexMatch

CLAUSE_ENDS = {";", ".", "?", "!"}


def elliptical_mentions(sent: Span, mentions: list[Mention], finder: TriggerFinder,
                        counts: HeadCounts, context: DocContext, counted: frozenset[str]) -> list[Mention]:
    """Mentions for ordinals standing alone after an ordinal-modified event noun."""
    table = ordinals(context.language)
    nouns = [t for t in finder.find(sent) if t.type in counted and t.token.pos_ in {"NOUN", "PROPN"}
             and any(c.lower_ in table for c in t.token.children)]
    if not nouns:
        return []
    taken = {m.trigger.i for m in mentions}
    found = []
    for token in sent:
        if token.lower_ not in table or token.i in taken or token.i <= nouns[0].token.i:
            continue
        if token.head.pos_ in {"NOUN", "PROPN"} and token.dep_ in {"amod", "nummod"} or \
                not any(c.dep_ == "det" for c in token.children):
            continue  # "the second transfer": the noun is there and the reader has it
        source = max((n for n in nouns if n.token.i < token.i), key=lambda n: n.token.i)
        clause = _clause(sent, token)
        mention = Mention(source.type, token, sent)
        mention.fill("type", source.type, because(token, "trigger.ellipsis", source.token))
        date = _first_date(context, clause)
        if date is not None:
            mention.fill("date", date, because(date, "date.ellipsis"))
        dated = range(date.start, date.end) if date is not None else range(0)
        for word in clause:
            if not word.like_num or word.idx in dated or word.i == token.i:
                continue
            figure = figure_at(sent.doc, word.i, context.language)
            if figure is not None and counts.is_count(figure) \
                    and approximation(sent.doc, figure.start, context.language) is None:
                words = sent.doc[figure.start:figure.end]
                mention.fill("count", figure.value, because(words, "count.ellipsis"))
                mention.count_span = text_span(words)
                break
        if mention.date is not None or mention.count is not None:
            found.append(mention)
    return found


def _clause(sent: Span, token: Token) -> list[Token]:
    words = []
    for word in sent.doc[token.i + 1:sent.end]:
        if word.text in CLAUSE_ENDS:
            break
        words.append(word)
    return words


def _first_date(context: DocContext, clause: list[Token]) -> TimexMatch | None:
    if not clause:
        return None
    start, end = clause[0].idx, clause[-1].idx + len(clause[-1].text)
    return next((m for m in context.doc._.nl_timexes or [] if start <= m.start < end), None)


__all__ = ["elliptical_mentions"]
