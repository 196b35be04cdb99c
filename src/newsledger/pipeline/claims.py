"""Claims: the figures a report states — head counts, running totals, ordinals and
percentages — each tied to the event it is about, so the ledger can check it."""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections import Counter

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from newsledger.model import Claim, DateValue, Event
from newsledger.pipeline.claimtypes import ClaimTyper
from newsledger.pipeline.countclaims import CountFigures
from newsledger.pipeline.doctext import doc_text
from newsledger.pipeline.figures import OrdinalMention, ordinal_mentions
from newsledger.ontology import types_where
from newsledger.pipeline.numbers import Figure, approximation, figure_at, ordinals, value_range
from newsledger.pipeline.roles import DocContext, cue_set
from newsledger.pipeline.syntax import SUBJECT_DEPS, in_subtree, path_length
from newsledger.pipeline.tokenindex import token_index


_GLUED_PERCENT = re.compile(r"^(\d+(?:[.,]\d+)?)%$")


class ClaimExtractor:
    def __init__(self, language: str):
        self.language = language

    def __call__(self, doc: Doc) -> Doc:
        language = doc._.nl_language or self.language
        context = DocContext.of(doc, language)
        index = token_index(doc)
        events: dict[str, Event] = {e.id: e for e in doc._.nl_events or []}
        event_members = doc._.nl_event_members or {}
        members: dict[int, str] = {i: event_id for event_id, tokens in event_members.items()
                                   for i in tokens}
        member_positions = sorted(members)  # each sentence takes its slice, not a scan of its tokens
        series = _dominant_series(list(events.values()))
        claims: list[Claim] = []
        counter = CountFigures(doc, language, context.sentences)
        counted = types_where(counts_people=True)
        for event in events.values():
            span = event.provenance.get("count")
            if event.negated or event.hypothetical:
                continue
            if event.count is not None and span is not None:
                claims.append(Claim("count", event.count, event.type, span.start, span.end,
                                    event.origin, event.destination, text=span.text, event=event.id))
            elif event.type not in counted:  # "designated eight criminal organizations"
                found = next(filter(None, (counter.of_groups(doc[i])
                                           for i in event_members.get(event.id, ()))), None)
                if found is not None:
                    claims.append(_figure_claim("count", found, event.type, doc, event=event.id))
        totals = doc._.nl_totals or {}
        typer = ClaimTyper(language, list(events.values()), event_members)
        sentences = context.sentences
        starts = [sent.start for sent in sentences]
        # Only a sentence with a running total, an ordinal word or a figure can hold a
        # claim: the others are not read at all (their speaker, found for every sentence,
        # cost more than the claims). Each kind of word is searched once in the Doc.
        whole = doc[:]
        ordinal_positions = index.positions(whole, "lower", ordinals(language))
        percent_words = cue_set(language, "percent_words") | {"%"}
        percent_positions = _percent_candidates(doc, percent_words)
        wanted = {bisect_right(starts, i) - 1 for i in (*ordinal_positions, *percent_positions)}
        wanted.update(number for number, start in enumerate(starts) if totals.get(start))  # (a list per sentence)
        years = _Years(doc)
        for number in sorted(wanted):
            sent = sentences[number]
            speaker = _speaker(sent, context)
            for figure in totals.get(sent.start, ()):
                event_type = typer.of_total(doc[figure.start], sent)
                origin, destination = series if event_type == "transfer" else (None, None)
                first, last = doc[figure.start], doc[figure.end - 1]
                claim = Claim("cumulative_total", figure.value, event_type, first.idx,
                              last.idx + len(last.text), origin, destination, speaker,
                              text=doc[figure.start:figure.end].text)
                kind = approximation(doc, figure.start, language)
                if kind is not None:
                    claim.low, claim.high = value_range(figure.value, kind)
                claims.append(claim)
            if _within(ordinal_positions, sent):
                in_sentence = {i: members[i] for i in _within(member_positions, sent)}
                for claim, mention in self._ordinals(sent, number, typer, in_sentence, events, speaker,
                                                     doc, years):
                    claims.append(claim)
                    figure = counter.of_ordinal(mention.token, mention.anchor) \
                        if claim.event_type in counted else None
                    if figure is not None:  # "un segundo grupo de 26": a recalled member's count
                        claims.append(_figure_claim("count", figure, claim.event_type, doc,
                                                    *(series if claim.event_type == "transfer" else (None, None))))
            claims.extend(_percentages(sent, _within(percent_positions, sent), percent_words, language, speaker))
        doc._.nl_claims = _distinct(claims)
        return doc

    def _ordinals(self, sent: Span, number: int, typer: ClaimTyper, in_sentence: dict[int, str],
                  events: dict[str, Event], speaker: str | None, doc: Doc,
                  years: _Years) -> list[tuple[Claim, OrdinalMention]]:
        found = []
        for mention in ordinal_mentions(sent, typer.language):
            event_type = typer.of_ordinal(mention.token, mention.anchor, sent, number)
            event_id = _event_of(mention.anchor, event_type, in_sentence, events, doc)
            if event_id is None:
                continue
            event = events[event_id]
            if event.hypothetical or event.negated:
                continue  # "expect a third transfer soon": nothing to check yet
            period = years.period(mention.anchor)
            token = mention.token
            found.append((Claim("ordinal", mention.value, event.type, token.idx, token.idx + len(token.text),
                                event.origin, event.destination, speaker, text=token.text,
                                event=event_id, period=period), mention))
        return found


def _event_of(anchor: Token, event_type: str | None, in_sentence: dict[int, str],
              events: dict[str, Event], doc: Doc) -> str | None:
    """The event an ordinal ranks: its own noun's, else the nearest of its type in the
    sentence, else the report's first factual event of that type."""
    if anchor.i in in_sentence:
        return in_sentence[anchor.i]
    near = sorted((path_length(doc[i], anchor), event_id) for i, event_id in in_sentence.items()
                  if events[event_id].type == event_type)
    if near:
        return near[0][1]
    return next((e.id for e in events.values() if e.type == event_type
                 and not e.negated and not e.hypothetical), None)


class _Years:
    """The Doc's dates of year precision, each as its span's root: made on the first
    ordinal that asks, once per Doc, not once per ordinal (most Docs have no ordinal
    claim to date)."""

    def __init__(self, doc: Doc):
        self.doc = doc
        self._roots: list[tuple[Token, DateValue]] | None = None

    def period(self, anchor: Token) -> DateValue | None:
        """"the first of 2026", "its second transfer this year": a year the count runs in."""
        if self._roots is None:
            self._roots = []
            for match in self.doc._.nl_timexes or []:
                if match.date.precision != "year":
                    continue  # before its span is made: most dates are days
                span = self.doc.char_span(match.start, match.end, alignment_mode="expand")
                if span is not None:
                    self._roots.append((span.root, match.date))
        for root, date in self._roots:
            if in_subtree(root, anchor) and root.i != anchor.i:
                return date
        return None


def _within(positions: list[int], sent: Span) -> list[int]:
    """The positions (sorted) that lie in the sentence."""
    return positions[bisect_left(positions, sent.start):bisect_left(positions, sent.end)]


def _figure_claim(kind: str, figure: Figure, event_type: str | None, doc: Doc, origin: str | None = None,
                  destination: str | None = None, event: str | None = None) -> Claim:
    first, last = doc[figure.start], doc[figure.end - 1]
    return Claim(kind, figure.value, event_type, first.idx, last.idx + len(last.text), origin, destination,
                 text=doc[figure.start:figure.end].text, event=event)


def _distinct(claims: list[Claim]) -> list[Claim]:
    """One claim per figure and reading: an ordinal's count may also be an event's."""
    seen: set[tuple] = set()
    out = []
    for claim in claims:
        key = (claim.kind, claim.value, claim.event_type, claim.start)
        if key not in seen:
            seen.add(key)
            out.append(claim)
    return out


def _dominant_series(events: list[Event]) -> tuple[str | None, str | None]:
    pairs = Counter((e.origin, e.destination) for e in events
                    if e.type == "transfer" and e.origin and e.destination)
    return pairs.most_common(1)[0][0] if pairs else (None, None)


def _speaker(sent: Span, context: DocContext) -> str | None:
    """The person who speaks in the sentence: the first person named in the subject of its
    first speech verb that has one. The children and the subject's words are read off the
    token index (no Token object per word)."""
    index = token_index(sent.doc)
    for verb in context.speech_verbs_in(sent):
        for child in index.children(verb.i):
            if index.dep[child] in SUBJECT_DEPS:
                for i in index.subtree(child):
                    entity = context.entity_at_position(i)
                    if entity is not None and entity.type == "person":
                        return entity.name
    return None


def _percent_candidates(doc: Doc, words: frozenset[str]) -> list[int]:
    """The positions that can start a percentage: a token ending in "%" ("25%", kept as one
    token by the Spanish tokenizer), or a figure followed by one of ``words`` ("per cent",
    "%"). ``_percentages`` reads them again within their sentence; the other figures are
    not read, and a sentence without one is not read at all."""
    index = token_index(doc)
    lower, size = index.lower, len(doc)
    found = [i for i in index.positions(doc[:], "number") if i + 1 < size and lower[i + 1] in words]
    if "%" in doc_text(doc):  # else no token ends in "%"
        # The distinct words ending in "%", then their positions: not a test per token.
        glued = {word for word in set(lower) if word.endswith("%")}
        if glued:
            found = sorted({*found, *(i for i, word in enumerate(lower) if word in glued)})
    return found


def _percentages(sent: Span, positions: list[int], words: frozenset[str], language: str,
                 speaker: str | None) -> list[Claim]:
    """The percentages of the sentence, from its ``positions`` that can start one
    (``_percent_candidates``); ``words`` are the words for "per cent" and "%"."""
    found: list[Claim] = []
    if not positions:
        return found
    index = token_index(sent.doc)
    for token in [sent.doc[i] for i in positions]:
        glued = _GLUED_PERCENT.match(token.text)
        if glued:  # "25%" kept as one token by the Spanish tokenizer
            value = float(glued.group(1).replace(",", "."))
            found.append(Claim("percentage", int(value) if value.is_integer() else value, None,
                               token.idx, token.idx + len(glued.group(1)), speaker=speaker,
                               text=glued.group(1)))
        elif index.like_num[token.i] and token.i + 1 < sent.end and index.lower[token.i + 1] in words:
            figure = figure_at(sent.doc, token.i, language)
            if figure is not None:
                found.append(Claim("percentage", figure.value, None, token.idx,
                                   token.idx + len(token.text), speaker=speaker, text=token.text))
    return found


@Language.factory(
    "newsledger_claims",
    requires=["doc._.nl_events", "doc._.nl_timexes", "doc._.nl_totals"],
    assigns=["doc._.nl_claims"],
    default_config={"language": "en"},
)
def make_claim_extractor(nlp: Language, name: str, language: str) -> ClaimExtractor:
    return ClaimExtractor(language)
