"""Events: triggers found per sentence, their slots read off the parse, and the
mentions of one real event within the document coalesced into one ``model.Event``.

A report names the same event several times ("Mexico on Thursday sent 29 …", "the
handover was not an extradition", "The 29 were gathered …"), and recalls earlier ones
in passing ("Last February, Mexico sent 29 …"). Each trigger yields a mention; mentions
that agree on type, date, count and direction become one event; background events keep
their own dates.
"""
from __future__ import annotations

from bisect import bisect_right
from functools import lru_cache

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from newsledger.kb import KnowledgeBase
from newsledger.model import DateValue
from newsledger.model import Span as TextSpan
from newsledger.ontology import event_type
from newsledger.pipeline.evidence import because
from newsledger.pipeline.frames import FrameAssembler
from newsledger.pipeline.homeland import implied_senders
from newsledger.pipeline.mentions import Mention, sentence_span
from newsledger.pipeline.reader import MentionReader
from newsledger.pipeline.roles import DocContext
from newsledger.pipeline.sufficiency import Sufficiency
from newsledger.timex import TimexMatch


class EventExtractor:
    def __init__(self, language: str):
        self.language = language

    def __call__(self, doc: Doc) -> Doc:
        language = doc._.nl_language or self.language
        context = DocContext.of(doc, language)
        reader = MentionReader(context, language)
        mentions: list[Mention] = []
        doc._.nl_totals = {}
        for sent, timexes in zip(context.sentences, timexes_by_sentence(doc, context.sentences)):
            mentions.extend(reader.read(sent, timexes, mentions))
        frames = FrameAssembler(context, language, reader.counts, reader.finder).assemble(mentions, coalesce)
        sufficient = Sufficiency(language)
        events = [e for e in frames if sufficient.holds(e)]
        words = context.text[context.dateline_start:context.dateline_end].rstrip()
        dateline = TextSpan(context.dateline_start, context.dateline_start + len(words), words)
        implied_senders(events, context)
        fill_directions(events, context.dateline_country, dateline)
        doc._.nl_events = [m.to_event(f"v{n}", doc, context) for n, m in enumerate(events, start=1)]
        doc._.nl_event_tokens = {f"v{n}": m.trigger.i for n, m in enumerate(events, start=1)}
        doc._.nl_event_members = {f"v{n}": [m.trigger.i, *(x.trigger.i for x in m.members)]
                                  for n, m in enumerate(events, start=1)}
        return doc


def timexes_by_sentence(doc: Doc, sentences: list[Span]) -> list[list[tuple[TimexMatch, Token]]]:
    """Per sentence, the date expressions that start in it, in the document's order, each
    with the root of its words. One pass over the matches: asking each sentence for its
    own went through every match of the document once per sentence."""
    starts = [sent.start_char for sent in sentences]
    found: list[list[tuple[TimexMatch, Token]]] = [[] for _ in sentences]
    for match in doc._.nl_timexes or []:
        number = bisect_right(starts, match.start) - 1  # the last sentence starting at or before it
        if number >= 0 and match.start < sentences[number].end_char:
            span = doc.char_span(match.start, match.end, alignment_mode="expand")
            if span is not None:
                found[number].append((match, span.root))
    return found


def _dates_compatible(a: DateValue | None, b: DateValue | None) -> bool:
    if a is None or b is None or not a.known or not b.known:
        return True
    if a.precision == "day" and b.precision == "day":
        return a.start == b.start
    return a.overlaps(b) and (a.contains(b) or b.contains(a))


def _compatible(event: Mention, mention: Mention) -> bool:
    if event.type != mention.type or event.negated != mention.negated \
            or event.hypothetical != mention.hypothetical:
        return False
    if not _dates_compatible(event.date_value, mention.date_value):
        return False
    if event.count is not None and mention.count is not None and event.count != mention.count:
        return False
    for a, b in ((event.origin, mention.origin), (event.destination, mention.destination)):
        if a and b and a != b:
            return False
    if event.location and mention.location and event.location[0] != mention.location[0] \
            and not _nested(event.location[0], mention.location[0]):
        return False
    if event_type(event.type).undated_merge == "shared_participant" and event.persons and mention.persons \
            and not any(_same_person(a, b) for a, _ in event.persons for b, _ in mention.persons):
        return False  # the arrest of one man and the capture of another are two acts
    if event.date_value is None and mention.date_value is None and event.count is None \
            and mention.count is None and event_type(event.type).undated_merge == "shared_participant":
        # Undated, uncounted acts of violence or justice merge only through a shared person.
        return bool(event.participant_names() & mention.participant_names())
    return True


def _same_person(a: str, b: str) -> bool:
    """"Guzmán López" may be "Ovidio Guzmán López" named short: one name's words all in the other's."""
    words_a, words_b = set(a.lower().split()), set(b.lower().split())
    return words_a <= words_b or words_b <= words_a


def _nested(a: str, b: str) -> bool:
    """"en Nueva York" and "en Brooklyn" may name the place of one act."""
    return _nested_in(KnowledgeBase.default(), a, b)


@lru_cache(maxsize=4096)
def _nested_in(kb: KnowledgeBase, a: str, b: str) -> bool:
    """``_nested`` kept per knowledge base: merging asks about the same two place names
    for every pair of mentions, and each asks the knowledge base to look both names up."""
    return kb.part_of(a, b) or kb.part_of(b, a)


def _affinity(event: Mention, mention: Mention) -> int:
    score = 0
    if event.count is not None and event.count == mention.count:
        score += 3
    if event.date_value is not None and mention.date_value is not None \
            and event.date_value.value == mention.date_value.value:
        score += 3
    score += 2 * len(event.participant_names() & mention.participant_names())
    return score


def coalesce(mentions: list[Mention]) -> list[Mention]:
    """Merge the mentions of one real event; the first mention stays the anchor."""
    events: list[Mention] = []
    for mention in mentions:
        candidates = [e for e in events if _compatible(e, mention)]
        if mention.date_value is not None and mention.date_value.known:
            # A dated mention joins an undated event only when nothing dated fits.
            dated = [e for e in candidates if e.date_value is not None and e.date_value.known]
            candidates = dated or candidates
        if not candidates:
            events.append(mention)
            continue
        best = max(candidates, key=lambda e: (_affinity(e, mention), -events.index(e)))
        best.absorb(mention)
    return events


def fill_directions(events: list[Mention], dateline_country: str | None = None,
                    dateline: TextSpan | None = None) -> None:
    """A transfer recalled without its direction belongs to the document's series; one
    sent from abroad to where the report is filed ("HOUSTON — … was extradited from
    Mexico") arrived there."""
    transfers = [e for e in events if e.type == "transfer"]
    pairs = [(e.origin, e.destination) for e in transfers if e.origin and e.destination]
    series = _series_destination(transfers)
    for event in transfers:
        if event.origin and event.destination:
            continue
        fitting = [p for p in pairs if (not event.origin or p[0] == event.origin)
                   and (not event.destination or p[1] == event.destination)]
        if not event.origin and not event.destination:
            # A transfer recalled with no side named goes the way most of the report's do,
            # not the way of one returned in the other direction.
            fitting = [p for p in fitting if p[1] == series]
        if fitting:
            origin, destination = max(set(fitting), key=lambda p: (fitting.count(p), -pairs.index(p)))
            source = next(e for e in transfers if (e.origin, e.destination) == (origin, destination))
            for slot, value in (("origin", origin), ("destination", destination)):
                if not getattr(event, slot):
                    said = source.reason(slot)
                    event.fill(slot, value, because(said or sentence_span(source.sentence), "route.series"))
        elif series and not event.origin and not event.destination:
            # No report of the series names both sides: the side most of them name.
            source = next(e for e in transfers if e.destination == series)
            said = source.reason("destination")
            event.fill("destination", series, because(said or sentence_span(source.sentence), "route.series"))
    for event in transfers:
        if event.origin and not event.destination and dateline_country \
                and dateline_country != event.origin and not event.hypothetical:
            event.fill("destination", dateline_country, because(dateline or TextSpan(0, 0, ""), "destination.dateline"))
    for event in transfers:
        if event.origin and event.origin == event.destination:
            event.origin = None  # a hand-over goes abroad: one side was misread
        if event.origin and not event.agents:
            event.default_agent = event.origin


def _series_destination(transfers: list[Mention]) -> str | None:
    """The destination most mentions of the report's transfers name; none on a tie."""
    votes: dict[str, int] = {}
    for event in transfers:
        if event.destination and not event.hypothetical:
            votes[event.destination] = votes.get(event.destination, 0) + 1 + len(event.members)
    ranked = sorted(votes.values(), reverse=True)
    if not ranked or len(ranked) > 1 and ranked[0] == ranked[1]:
        return None
    return max(votes, key=lambda code: votes[code])


@Language.factory(
    "newsledger_events",
    requires=["doc._.nl_entities", "doc._.nl_timexes", "token.dep", "token.lemma"],
    assigns=["doc._.nl_events", "doc._.nl_event_tokens", "doc._.nl_event_members", "doc._.nl_totals"],
    default_config={"language": "en"},
)
def make_event_extractor(nlp: Language, name: str, language: str) -> EventExtractor:
    return EventExtractor(language)

