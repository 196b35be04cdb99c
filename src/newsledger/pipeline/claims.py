"""Claims: the figures a report states — head counts, running totals, ordinals and
percentages — each tied to the event it is about, so the ledger can check it."""
from __future__ import annotations

import re
from bisect import bisect_left
from collections import Counter

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from newsledger.model import Claim, DateValue, Event
from newsledger.pipeline.claimtypes import ClaimTyper
from newsledger.pipeline.countclaims import CountFigures
from newsledger.pipeline.doctext import doc_text
from newsledger.pipeline.figures import OrdinalMention, ordinal_mentions
from newsledger.ontology import types_where
from newsledger.pipeline.numbers import Figure, approximation, figure_at, value_range
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
        events: dict[str, Event] = {e.id: e for e in doc._.nl_events or []}
        members: dict[int, str] = {i: event_id for event_id, tokens in (doc._.nl_event_members or {}).items()
                                   for i in tokens}
        member_positions = sorted(members)  # each sentence takes its slice, not a scan of its tokens
        series = _dominant_series(list(events.values()))
        claims: list[Claim] = []
        counter = CountFigures(doc, language)
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
                                           for i in (doc._.nl_event_members or {}).get(event.id, ()))), None)
                if found is not None:
                    claims.append(_figure_claim("count", found, event.type, doc, event=event.id))
        totals = doc._.nl_totals or {}
        typer = ClaimTyper(language, list(events.values()), doc._.nl_event_members or {})
        for number, sent in enumerate(context.sentences):
            speaker = _speaker(sent, context)
            in_sentence = {i: members[i] for i in member_positions[bisect_left(member_positions, sent.start):
                                                                   bisect_left(member_positions, sent.end)]}
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
            for claim, mention in self._ordinals(sent, number, typer, in_sentence, events, speaker, doc):
                claims.append(claim)
                figure = counter.of_ordinal(mention.token, mention.anchor) \
                    if claim.event_type in counted else None
                if figure is not None:  # "un segundo grupo de 26": a recalled member's count
                    claims.append(_figure_claim("count", figure, claim.event_type, doc,
                                                *(series if claim.event_type == "transfer" else (None, None))))
            claims.extend(_percentages(sent, language, speaker))
        doc._.nl_claims = _distinct(claims)
        return doc

    def _ordinals(self, sent: Span, number: int, typer: ClaimTyper, in_sentence: dict[int, str],
                  events: dict[str, Event], speaker: str | None,
                  doc: Doc) -> list[tuple[Claim, OrdinalMention]]:
        found = []
        for mention in ordinal_mentions(sent, typer.language):
            event_type = typer.of_ordinal(mention.token, mention.anchor, sent, number)
            event_id = _event_of(mention.anchor, event_type, in_sentence, events, doc)
            if event_id is None:
                continue
            event = events[event_id]
            if event.hypothetical or event.negated:
                continue  # "expect a third transfer soon": nothing to check yet
            period = _period(mention.anchor, doc)
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


def _period(anchor, doc: Doc) -> DateValue | None:
    """"the first of 2026", "its second transfer this year": a year the count runs in."""
    for match in doc._.nl_timexes or []:
        if match.date.precision != "year":
            continue  # before its span is made: most dates are days
        span = doc.char_span(match.start, match.end, alignment_mode="expand")
        if span is not None and in_subtree(span.root, anchor) and span.root.i != anchor.i:
            return match.date
    return None


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
    for token in context.speech_verbs_in(sent):
        for child in token.children:
            if child.dep_ in SUBJECT_DEPS:
                people = context.entities_in(list(child.subtree), "person")
                if people:
                    return people[0][0].name
    return None


def _percentages(sent: Span, language: str, speaker: str | None) -> list[Claim]:
    found: list[Claim] = []
    index = token_index(sent.doc)
    # Only a figure, or a token ending in "%", can be a percentage; a sentence without "%"
    # (found in the Doc's text, not a copy of the sentence's) takes its figures from the
    # index instead of a scan of its tokens.
    positions = index.positions(sent, "number")
    if doc_text(sent.doc).find("%", sent.start_char, sent.end_char) >= 0:
        positions = [i for i in range(sent.start, sent.end) if index.like_num[i] or index.lower[i].endswith("%")]
    if not positions:
        return found
    words = cue_set(language, "percent_words") | {"%"}
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
