"""Coalescing event mentions into events, and filling a series' direction, on mentions
built by hand over a hand-parsed Doc."""
from collections.abc import Callable
from datetime import date

import pytest
from spacy.tokens import Doc

from newsledger import timex
from newsledger.model import DateValue
from newsledger.model import Span as TextSpan
from newsledger.pipeline.evidence import because
from newsledger.pipeline.events import (
    EventExtractor, _compatible, _dates_compatible, coalesce, fill_directions, timexes_by_sentence,
)
from newsledger.pipeline.mentions import Mention
from newsledger.pipeline.roles import DocContext
from newsledger.timex import TimexMatch

PUBLISHED = date(2026, 3, 12)  # a Thursday

# Three sentences whose verbs and nouns serve as triggers: 1 "sent", 6 "transfer",
# 10 "transfer", 14 "killed".
STORY = """
Mexico     Mexico     PROPN nsubj     1
sent       send       VERB  ROOT      1
26         26         NUM   nummod    3
prisoners  prisoner   NOUN  dobj      1
.          .          PUNCT punct     1
The        the        DET   det       6
transfer   transfer   NOUN  nsubj     7
ended      end        VERB  ROOT      7
.          .          PUNCT punct     7
Another    another    DET   det       10
transfer   transfer   NOUN  nsubjpass 12
is         be         AUX   auxpass   12
planned    plan       VERB  ROOT      12
.          .          PUNCT punct     12
killed     kill       VERB  ROOT      14
.          .          PUNCT punct     14
"""


@pytest.fixture()
def story(build: Callable[..., Doc], entities) -> Doc:
    doc = build(STORY)
    entities(doc, [])
    return doc


def when(day: date | None = None, month: tuple[int, int] | None = None) -> TimexMatch:
    value = DateValue.of_day(day) if day else DateValue.of_month(*month)
    return TimexMatch(0, 1, "x", value)


TUESDAY = when(date(2026, 3, 10))


def mention(doc: Doc, i: int = 1, type: str = "transfer", **slots) -> Mention:
    return Mention(type, doc[i], doc[i].sent, **slots)


def person(name: str) -> tuple[str, TextSpan]:
    return name, TextSpan(0, 1, "x")


# -- coalesce ---------------------------------------------------------------------------

def test_undated_uncounted_mention_joins_the_dated_event(story: Doc) -> None:
    dated = mention(story, 1, date=TUESDAY, count=26, origin="MX", destination="US")
    recalled = mention(story, 6)
    events = coalesce([dated, recalled])
    assert events == [dated]
    assert dated.members == [recalled]
    assert (dated.date_value, dated.count, dated.origin, dated.destination) == \
        (TUESDAY.date, 26, "MX", "US")


def test_dated_mention_completes_an_earlier_undated_one(story: Doc) -> None:
    headline = mention(story, 6)
    report = mention(story, 1, date=TUESDAY, count=26, destination="US")
    [event] = coalesce([headline, report])
    assert event is headline  # the first mention stays the anchor
    assert (event.date_value, event.count, event.destination) == (TUESDAY.date, 26, "US")


def test_finer_date_wins(story: Doc) -> None:
    month = mention(story, 6, date=when(month=(2026, 3)))
    day = mention(story, 1, date=TUESDAY)
    [event] = coalesce([month, day])
    assert event.date_value == TUESDAY.date


@pytest.mark.parametrize("other", [
    {"date": when(date(2026, 2, 20))},              # another day
    {"date": when(month=(2026, 2))},                # a background month: "last February"
    {"count": 29},                                  # another head count
    {"origin": "VE"},                               # another direction
    {"hypothetical": True},                         # only planned
    {"negated": True},                              # denied
    {"negated": True, "hypothetical": True},        # "no further transfer is planned"
], ids=["day", "month", "count", "origin", "hypothetical", "negated", "negated-hypothetical"])
def test_kept_apart(story: Doc, other: dict) -> None:
    reported = mention(story, 1, date=TUESDAY, count=26, origin="MX", destination="US")
    second = mention(story, 10, **other)
    assert coalesce([reported, second]) == [reported, second]
    assert reported.members == []


@pytest.mark.parametrize("flag", ["hypothetical", "negated"])
def test_factual_mention_never_joins_a_modal_event(story: Doc, flag: str) -> None:
    planned = mention(story, 10, **{flag: True})
    factual = mention(story, 6)
    assert coalesce([planned, factual]) == [planned, factual]


def test_modal_mentions_of_one_kind_merge(story: Doc) -> None:
    first = mention(story, 10, hypothetical=True)
    second = mention(story, 6, hypothetical=True)
    assert coalesce([first, second]) == [first]


def test_types_never_merge(story: Doc) -> None:
    transfer = mention(story, 1, date=TUESDAY)
    arrest = mention(story, 6, type="arrest", date=TUESDAY)
    assert coalesce([transfer, arrest]) == [transfer, arrest]


def test_dated_mention_prefers_the_dated_event(story: Doc) -> None:
    undated = mention(story, 1, count=26)
    dated = mention(story, 6, date=TUESDAY, count=29)
    again = mention(story, 10, date=TUESDAY)
    events = coalesce([undated, dated, again])
    assert events == [undated, dated]
    assert dated.members == [again]


def test_shared_person_decides_between_events(story: Doc) -> None:
    first = mention(story, 1, count=29)
    second = mention(story, 6, count=26, persons=[person("Julio Ramos Prieto")])
    named = mention(story, 10, persons=[person("Julio Ramos Prieto")])
    assert coalesce([first, second, named]) == [first, second]
    assert second.members == [named]


def test_undated_killings_merge_only_through_a_person(story: Doc) -> None:
    a = mention(story, 14, type="killing", persons=[person("Enrique Camarena")])
    b = mention(story, 14, type="killing", persons=[person("Juan Escalante")])
    c = mention(story, 14, type="killing", persons=[person("Enrique Camarena")])
    assert coalesce([a, b, c]) == [a, b]
    assert a.members == [c]


def test_dates_compatible() -> None:
    march, february = DateValue.of_month(2026, 3), DateValue.of_month(2026, 2)
    tuesday = DateValue.of_day(date(2026, 3, 10))
    assert _dates_compatible(tuesday, march) and _dates_compatible(march, tuesday)
    assert not _dates_compatible(tuesday, DateValue.of_day(date(2026, 3, 11)))
    assert not _dates_compatible(tuesday, february)
    assert not _dates_compatible(march, february)
    assert _dates_compatible(None, tuesday) and _dates_compatible(DateValue.unknown(), tuesday)
    assert _dates_compatible(DateValue.of_week(2026, 10), march)       # 2-8 March
    # A week and a month that only overlap (23 February - 1 March) name different periods.
    assert not _dates_compatible(DateValue.of_week(2026, 9), march)


def test_compatible_location_of_arrests(story: Doc) -> None:
    here = mention(story, 1, type="arrest", date=TUESDAY, location=("Culiacán", TextSpan(0, 1, "x")))
    there = mention(story, 6, type="arrest", date=TUESDAY, location=("Tijuana", TextSpan(0, 1, "x")))
    same = mention(story, 10, type="arrest", date=TUESDAY, location=("Culiacán", TextSpan(0, 1, "x")))
    assert not _compatible(here, there)
    assert _compatible(here, same)


# -- fill_directions --------------------------------------------------------------------

def test_fill_directions_from_the_series(story: Doc) -> None:
    known = mention(story, 1, origin="MX", destination="US", agents=[person("Mexico")])
    bare = mention(story, 6)
    half = mention(story, 10, origin="MX")
    fill_directions([known, bare, half])
    assert (bare.origin, bare.destination, bare.default_agent) == ("MX", "US", "MX")
    assert (half.origin, half.destination) == ("MX", "US")
    assert known.default_agent is None  # it names its own agent


def test_fill_directions_majority_then_first(story: Doc) -> None:
    pairs = [("VE", "US"), ("MX", "US"), ("MX", "US")]
    events = [mention(story, 1, origin=o, destination=d) for o, d in pairs]
    bare = mention(story, 6)
    fill_directions([*events, bare])
    assert (bare.origin, bare.destination) == ("MX", "US")
    tie = [mention(story, 1, origin=o, destination=d) for o, d in pairs[:2]]
    bare = mention(story, 6)
    fill_directions([*tie, bare])
    assert (bare.origin, bare.destination) == ("VE", "US")


def test_fill_directions_respects_what_is_stated(story: Doc) -> None:
    known = mention(story, 1, origin="MX", destination="US")
    elsewhere = mention(story, 6, destination="VE")
    fill_directions([known, elsewhere])
    assert (elsewhere.origin, elsewhere.destination, elsewhere.default_agent) == (None, "VE", None)


def test_fill_directions_only_for_transfers(story: Doc) -> None:
    known = mention(story, 1, origin="MX", destination="US")
    arrest = mention(story, 6, type="arrest")
    fill_directions([known, arrest])
    assert (arrest.origin, arrest.destination, arrest.default_agent) == (None, None, None)


# -- to_event ---------------------------------------------------------------------------

def test_to_event_cites_every_sentence(story: Doc) -> None:
    dated = mention(story, 1, date=TimexMatch(0, 6, "Mexico", TUESDAY.date), count=26,
                    count_span=TextSpan(12, 14, "26"), origin="MX", destination="US")
    [event] = coalesce([dated, mention(story, 6)])
    fill_directions([event])
    result = event.to_event("v1", story, DocContext(story, "en"))
    assert [s.text for s in result.evidence] == ["Mexico sent 26 prisoners.", "The transfer ended."]
    for span in result.evidence:
        assert story.text[span.start:span.end] == span.text
    assert result.agents == ["Mexico"]  # the sending state, from the direction
    assert result.date == TUESDAY.date and result.count == 26
    count = result.provenance["count"]
    assert (count.start, count.end, count.text) == (12, 14, "26")


# -- the component on a hand-parsed report ---------------------------------------------

REPORT = """
Mexico     Mexico     PROPN nsubj     1
sent       send       VERB  ROOT      1
26         26         NUM   nummod    3
prisoners  prisoner   NOUN  dobj      1
to         to         ADP   prep      1
the        the        DET   det       7
United     United     PROPN compound  7
States     States     PROPN pobj      4
on         on         ADP   prep      1
Tuesday    Tuesday    PROPN pobj      8
.          .          PUNCT punct     1
No         no         DET   det       12
transfer   transfer   NOUN  nsubjpass 14
is         be         AUX   auxpass   14
planned    plan       VERB  ROOT      14
.          .          PUNCT punct     14
"""


def test_event_component_on_a_hand_parsed_report(build: Callable[..., Doc], entities) -> None:
    doc = build(REPORT)
    entities(doc, [(0, 1, {"name": "Mexico", "type": "place", "category": "country", "country": "MX"}),
                   (5, 8, {"name": "United States", "type": "place", "category": "country", "country": "US"})])
    doc._.nl_language = "en"
    doc._.nl_published = PUBLISHED
    doc._.nl_timexes = timex.find(doc.text, PUBLISHED, "en")
    EventExtractor("en")(doc)
    reported, planned = doc._.nl_events
    assert (reported.type, reported.count, reported.origin, reported.destination) == ("transfer", 26, "MX", "US")
    assert reported.date.value == "2026-03-10"
    assert reported.agents == ["Mexico"]
    assert not reported.negated and not reported.hypothetical
    assert planned.type == "transfer" and planned.negated and planned.hypothetical
    assert doc._.nl_event_tokens == {"v1": 1, "v2": 12}


# -- why each value -----------------------------------------------------------------------

def test_a_reason_explains_only_the_value_it_was_recorded_for(story: Doc) -> None:
    sent = mention(story, 1)
    sent.fill("origin", "MX", because(story[0], "origin.subject"))
    assert sent.reason("origin").rule == "origin.subject"
    sent.origin = "US"  # changed by code that gave no reason: the old one no longer applies
    assert sent.reason("origin") is None
    event = sent.to_event("v1", story, DocContext(story, "en"))
    assert event.provenance["origin"].rule == "unannotated"


def test_coalescing_brings_the_reasons_of_the_values_taken(story: Doc) -> None:
    first, second = mention(story, 1), mention(story, 6)
    second.fill("count", 26, because(story[2], "count.object", "send"))
    second.note_empty("date", because(story[5:7], "count.total"))
    first.fill("type", "transfer", because(story[1], "trigger", "send"))
    [event] = coalesce([first, second])
    result = event.to_event("v1", story, DocContext(story, "en"))
    assert result.provenance["type"].cue == "send"
    assert result.provenance["count"].text == "26" and result.provenance["count"].rule == "count.object"
    assert result.provenance["empty:date"].text == "The transfer"


# -- date expressions per sentence ----------------------------------------------------------

def test_timexes_by_sentence_is_each_sentence_scanning_every_match(story: Doc) -> None:
    sentences = list(story.sents)
    text = story.text
    # At a sentence start, inside a word, on the space between two sentences, at the very end.
    starts = [0, 3, sentences[1].start_char - 1, sentences[1].start_char, sentences[2].start_char + 2,
              sentences[2].start_char + 2, len(text) - 1]
    story._.nl_timexes = [TimexMatch(s, min(s + 5, len(text)), text[s:s + 5], DateValue.unknown()) for s in starts]

    def scanned(sent):  # the straightforward way: every match, for every sentence
        found = []
        for match in story._.nl_timexes:
            if sent.start_char <= match.start < sent.end_char:
                span = story.char_span(match.start, match.end, alignment_mode="expand")
                if span is not None:
                    found.append((match, span.root))
        return found

    assert timexes_by_sentence(story, sentences) == [scanned(sent) for sent in sentences]
    assert [len(found) for found in timexes_by_sentence(story, sentences)] == [2, 1, 2, 1]
    story._.nl_timexes = None
    assert timexes_by_sentence(story, sentences) == [[], [], [], []]
