"""Claims: head counts, running totals, ordinals and percentages, read by the claims
component from a hand-parsed Doc whose events are set by hand."""
from collections.abc import Callable
from datetime import date

import pytest
from spacy.tokens import Doc

from newsledger import timex
from newsledger.model import Claim, DateValue, Event
from newsledger.model import Span as TextSpan
from newsledger.pipeline.claims import ClaimExtractor, _dominant_series
from newsledger.pipeline.figures import cumulative_figures

PUBLISHED = date(2026, 3, 12)
HARFUCH = {"name": "Omar García Harfuch", "type": "person", "category": "official", "country": "MX"}

REPORT = """
The        the        DET   det      1
transfer   transfer   NOUN  nsubj    2
brings     bring      VERB  ccomp    12
to         to         ADP   prep     2
92         92         NUM   pobj     3
the        the        DET   det      6
number     number     NOUN  dobj     2
of         of         ADP   prep     6
prisoners  prisoner   NOUN  pobj     7
sent       send       VERB  acl      8
,          ,          PUNCT punct    12
Harfuch    Harfuch    PROPN nsubj    12
said       say        VERB  ROOT     12
.          .          PUNCT punct    12
It         it         PRON  nsubj    15
was        be         AUX   ROOT     15
the        the        DET   det      18
third      third      ADJ   amod     18
transfer   transfer   NOUN  attr     15
of         of         ADP   prep     18
2026       2026       NUM   pobj     19
.          .          PUNCT punct    15
Arrests    arrest     NOUN  nsubj    23
rose       rise       VERB  ROOT     23
40         40         NUM   nummod   25
percent    percent    NOUN  dobj     23
.          .          PUNCT punct    23
"""


def run(doc: Doc, events: list[Event], members: dict[str, list[int]], language: str = "en") -> list[Claim]:
    doc._.nl_language = language
    doc._.nl_published = PUBLISHED
    doc._.nl_timexes = timex.find(doc.text, PUBLISHED, language)
    doc._.nl_events = events
    doc._.nl_event_members = members
    # The events component records each sentence's running totals for the claims.
    doc._.nl_totals = {sent.start: cumulative_figures(sent, language) for sent in doc.sents}
    ClaimExtractor(language)(doc)
    for claim in doc._.nl_claims:
        if claim.kind != "count":  # a count claim cites its event's provenance span, given by hand
            assert doc.text[claim.start:claim.end] == claim.text
    return doc._.nl_claims


@pytest.fixture()
def report(build: Callable[..., Doc], entities) -> Doc:
    doc = build(REPORT)
    entities(doc, [(11, 12, HARFUCH)])
    return doc


def transfer(id: str = "v1", **fields) -> Event:
    return Event(id=id, type="transfer", origin="MX", destination="US", **fields)


def test_claims_of_a_report(report: Doc) -> None:
    count_span = TextSpan(500, 502, "26")  # a count stated elsewhere in the article
    claims = run(report, [transfer(count=26, provenance={"count": count_span})], {"v1": [1, 18]})
    by_kind = {c.kind: c for c in claims}
    assert sorted(by_kind) == ["count", "cumulative_total", "ordinal", "percentage"]
    count = by_kind["count"]
    assert (count.value, count.event, count.start, count.end) == (26, "v1", 500, 502)

    total = by_kind["cumulative_total"]
    assert (total.value, total.event_type, total.origin, total.destination) == (92, "transfer", "MX", "US")
    assert total.speaker == "Omar García Harfuch"
    assert total.text == "92"

    ordinal = by_kind["ordinal"]
    assert (ordinal.value, ordinal.event, ordinal.event_type, ordinal.text) == (3, "v1", "transfer", "third")
    assert ordinal.period == DateValue.of_year(2026)  # "the third transfer of 2026"

    percentage = by_kind["percentage"]
    assert (percentage.value, percentage.event_type, percentage.text) == (40, None, "40")


def test_no_count_claim_for_a_denied_or_planned_event(report: Doc) -> None:
    span = TextSpan(0, 2, "26")
    events = [transfer("v1", count=26, negated=True, provenance={"count": span}),
              transfer("v2", count=10, hypothetical=True, provenance={"count": span})]
    assert [c for c in run(report, events, {}) if c.kind == "count"] == []


def test_total_without_events_is_typed_by_the_sentence(build: Callable[..., Doc], entities) -> None:
    doc = build("""
    Arrests    arrest     NOUN  nsubj    1
    reached    reach      VERB  ROOT     1
    a          a          DET   det      3
    total      total      NOUN  dobj     1
    of         of         ADP   prep     3
    310        310        NUM   pobj     4
    .          .          PUNCT punct    1
    """)
    entities(doc, [])
    [claim] = run(doc, [], {})
    assert (claim.kind, claim.value, claim.event_type, claim.origin, claim.speaker) == \
        ("cumulative_total", 310, "arrest", None, None)


def test_spanish_glued_percentage_and_total(build: Callable[..., Doc], entities) -> None:
    doc = build("""
    Los        el         DET   det    1
    envíos     envío      NOUN  nsubj  2
    subieron   subir      VERB  ROOT   2
    25%        25%        NUM   obj    2
    y          y          CCONJ cc     5
    suman      sumar      VERB  conj   2
    treinta    treinta    NUM   obj    5
    y          y          CCONJ cc     8
    siete      siete      NUM   conj   6
    .          .          PUNCT punct  2
    """, lang="es")
    entities(doc, [])
    claims = run(doc, [transfer(count=None)], {}, language="es")
    assert [(c.kind, c.value, c.text) for c in claims] == [
        ("cumulative_total", 37, "treinta y siete"), ("percentage", 25, "25")]
    assert (claims[0].origin, claims[0].destination) == ("MX", "US")


THIRD_TIME = "It it PRON nsubj 1\nwas be AUX ROOT 1\nthe the DET det 4\nthird third ADJ amod 4\ntime time NOUN attr 1"


def test_nth_time_counts_the_reports_own_event(build: Callable[..., Doc], entities) -> None:
    """"It was the third time": no event in the sentence, so the report's main event."""
    doc = build(THIRD_TIME)
    entities(doc, [])
    claims = run(doc, [transfer()], {})
    assert [(c.kind, c.value, c.event_type, c.event) for c in claims] == [("ordinal", 3, "transfer", "v1")]


def test_ordinal_without_any_event_is_dropped(build: Callable[..., Doc], entities) -> None:
    doc = build(THIRD_TIME)
    entities(doc, [])
    assert run(doc, [], {}) == []


def test_dominant_series() -> None:
    events = [transfer("v1"), Event("v2", "transfer", origin="VE", destination="US"), transfer("v3"),
              Event("v4", "arrest", origin="CO", destination="US")]
    assert _dominant_series(events) == ("MX", "US")
    assert _dominant_series([Event("v1", "transfer", origin="MX")]) == (None, None)
