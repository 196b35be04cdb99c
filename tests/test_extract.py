"""extract_text end to end with the real spaCy models, on short reports written for
these tests: events with counts, directions and relative dates, a background event,
denied and planned transfers, quotes with their channel, claims, canonical entities,
exact offsets and the "Document extraction" contract of shared/spec/ledger-json.md.

Each article is extracted once per module; the models are loaded once per session
(``newsledger.pipeline.nlp_for`` caches them).
"""
from __future__ import annotations

import gc
import json
import re
from datetime import date
from typing import Any

import pytest
from spacy.tokens import Doc

from newsledger.extract import extract_text
from newsledger.ingest import normalise_text
from newsledger.model import Extraction

PUBLISHED = date(2026, 3, 12)  # a Thursday: "Tuesday" / "este martes" is 10 March
TUESDAY = {"value": "2026-03-10", "precision": "day", "start": "2026-03-10", "end": "2026-03-10"}
LAST_FEBRUARY = {"value": "2026-02", "precision": "month", "start": "2026-02-01", "end": "2026-02-28"}

ENGLISH = """\
MEXICO CITY — Mexico sent 37 alleged members of the Sinaloa Cartel to the United States on Tuesday, \
the third mass transfer of prisoners since President Claudia Sheinbaum took office.

The handover brings to 92 the number of prisoners Mexico has delivered to U.S. authorities, Security \
Minister Omar García Harfuch said. “Every one of them kept running criminal business from inside our \
prisons.” He wrote the message on X on Wednesday.

Last February, Mexico sent 29 prisoners to the United States, including the drug lord Rafael Caro Quintero.

Deputy Attorney General Laura Whitcombe said the men would appear before federal judges in Texas and \
New York. Whitcombe called the operation “a serious blow to the cartels.”

No further transfer is planned this month, Harfuch told reporters.
"""

SPANISH = """\
CIUDAD DE MÉXICO.— México envió este martes a treinta y siete integrantes del Cártel de Sinaloa a \
EE.UU., en el tercer traslado masivo de reos en lo que va del sexenio.

Con este envío suman noventa y dos los reos entregados a Estados Unidos, informó el secretario de \
Seguridad, Omar García Harfuch.

En febrero pasado, México envió a 29 presos a Estados Unidos, entre ellos el narcotraficante Rafael \
Caro Quintero.

«Ninguno de ellos seguirá operando desde nuestras cárceles». Así lo afirmó en conferencia de prensa.

El gobierno planea enviar a otros diez reos en las próximas semanas, según Harfuch.
"""

ARTICLES = {"en": ENGLISH, "es": SPANISH}


@pytest.fixture(scope="module")
def extractions() -> dict[str, Extraction]:
    return {language: extract_text(text, published=PUBLISHED, language=language)
            for language, text in ARTICLES.items()}


@pytest.fixture(scope="module", params=["en", "es"])
def language(request: pytest.FixtureRequest) -> str:
    return request.param


@pytest.fixture(scope="module")
def result(extractions: dict[str, Extraction], language: str) -> dict[str, Any]:
    return extractions[language].to_json()


def events_of(result: dict[str, Any], **fields: Any) -> list[dict[str, Any]]:
    return [e for e in result["events"] if all(e[k] == v for k, v in fields.items())]


def names_of(result: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {e["name"]: e for e in result["entities"]}


# -- events ------------------------------------------------------------------------------

def test_transfer_with_count_direction_and_relative_date(result: dict[str, Any]) -> None:
    [event] = events_of(result, type="transfer", count=37)
    assert event["date"] == TUESDAY
    assert (event["origin"], event["destination"]) == ("MX", "US")
    assert event["agents"] == ["Mexico"]
    assert "Sinaloa Cartel" in event["organizations"]
    assert not event["negated"] and not event["hypothetical"]


def test_background_event_keeps_its_own_date(result: dict[str, Any]) -> None:
    [recalled] = events_of(result, type="transfer", count=29)
    assert recalled["date"] == LAST_FEBRUARY
    assert (recalled["origin"], recalled["destination"]) == ("MX", "US")
    assert "Rafael Caro Quintero" in recalled["persons"]
    assert not recalled["negated"] and not recalled["hypothetical"]
    [reported] = events_of(result, type="transfer", count=37)
    assert recalled["id"] != reported["id"]


def test_only_one_factual_event_per_transfer(result: dict[str, Any]) -> None:
    factual = events_of(result, type="transfer", negated=False, hypothetical=False)
    assert sorted(e["count"] for e in factual) == [29, 37]


def test_english_denied_plan(extractions: dict[str, Extraction]) -> None:
    # "No further transfer is planned": not planned, so denied, and not a fact either.
    [event] = [e for e in extractions["en"].events if e.negated]
    assert event.type == "transfer" and event.hypothetical
    assert event.count is None
    assert "No further transfer is planned" in event.evidence[0].text


def test_spanish_planned_transfer(extractions: dict[str, Extraction]) -> None:
    [event] = [e for e in extractions["es"].events if e.hypothetical]
    assert event.type == "transfer" and not event.negated
    assert "planea enviar" in event.evidence[0].text
    assert all(c.event != event.id for c in extractions["es"].claims)


def test_spanish_future_tense_is_hypothetical() -> None:
    extraction = extract_text("México enviará a otros diez reos a Estados Unidos la próxima semana.",
                              published=PUBLISHED, language="es")
    [event] = extraction.events
    assert event.type == "transfer" and event.hypothetical


def test_english_future_tense_is_hypothetical() -> None:
    extraction = extract_text("Mexico will send ten more prisoners to the United States next week.",
                              published=PUBLISHED, language="en")
    [event] = extraction.events
    assert event.type == "transfer" and event.hypothetical and not event.negated


# -- quotes ------------------------------------------------------------------------------

def test_english_quote_speaker_by_pronoun_and_channel(extractions: dict[str, Extraction]) -> None:
    quote = next(q for q in extractions["en"].quotes if q.text.startswith("Every one of them"))
    assert quote.text == "Every one of them kept running criminal business from inside our prisons."
    assert (quote.speaker, quote.channel) == ("Omar García Harfuch", "X")


def test_spanish_quote_speaker_without_subject_and_channel(extractions: dict[str, Extraction]) -> None:
    # "Así lo afirmó en conferencia de prensa": Spanish leaves the subject out.
    [quote] = extractions["es"].quotes
    assert quote.text == "Ninguno de ellos seguirá operando desde nuestras cárceles"
    assert (quote.speaker, quote.channel) == ("Omar García Harfuch", "press conference")


def test_quote_speaker_is_not_taken_from_the_next_paragraph(extractions: dict[str, Extraction]) -> None:
    quote = next(q for q in extractions["en"].quotes if q.text.startswith("a serious blow"))
    assert quote.speaker != "Omar García Harfuch"


# -- claims ------------------------------------------------------------------------------

def test_cumulative_total_claim(result: dict[str, Any], language: str) -> None:
    [total] = [c for c in result["claims"] if c["kind"] == "cumulative_total"]
    assert (total["value"], total["event_type"], total["origin"], total["destination"]) == (92, "transfer", "MX", "US")
    assert total["speaker"] == "Omar García Harfuch"
    assert total["text"] == {"en": "92", "es": "noventa y dos"}[language]


def test_ordinal_claim_points_at_the_reported_transfer(result: dict[str, Any], language: str) -> None:
    [ordinal] = [c for c in result["claims"] if c["kind"] == "ordinal"]
    [reported] = events_of(result, type="transfer", count=37)
    assert (ordinal["value"], ordinal["event_type"], ordinal["event"]) == (3, "transfer", reported["id"])
    assert ordinal["text"] == {"en": "third", "es": "tercer"}[language]


def test_count_claims(result: dict[str, Any], language: str) -> None:
    counts = sorted((c["value"], c["text"]) for c in result["claims"] if c["kind"] == "count")
    assert counts == [(29, "29"), (37, {"en": "37", "es": "treinta y siete"}[language])]


# -- entities ----------------------------------------------------------------------------

def test_spanish_names_are_canonical(extractions: dict[str, Extraction]) -> None:
    entities = names_of(extractions["es"].to_json())
    cartel, united_states = entities["Sinaloa Cartel"], entities["United States"]
    assert (cartel["type"], cartel["category"]) == ("organization", "criminal_group")
    assert [m["text"] for m in cartel["mentions"]] == ["Cártel de Sinaloa"]
    assert (united_states["category"], united_states["country"]) == ("country", "US")
    assert {m["text"] for m in united_states["mentions"]} == {"EE.UU.", "Estados Unidos"}
    assert entities["Mexico City"]["mentions"][0]["text"] == "CIUDAD DE MÉXICO"


def test_short_form_of_a_known_person(result: dict[str, Any]) -> None:
    harfuch = names_of(result)["Omar García Harfuch"]
    assert {m["text"] for m in harfuch["mentions"]} == {"Omar García Harfuch", "Harfuch"}
    assert harfuch["kb_id"] and harfuch["country"] == "MX"
    assert not [e for e in result["entities"] if e["name"] in {"Harfuch", "Omar García"}]


def test_short_form_of_an_unknown_person(extractions: dict[str, Extraction]) -> None:
    entities = names_of(extractions["en"].to_json())
    whitcombe = entities["Laura Whitcombe"]
    assert [m["text"] for m in whitcombe["mentions"]] == ["Laura Whitcombe", "Whitcombe"]
    assert whitcombe["kb_id"] is None and "Whitcombe" not in entities
    assert "Deputy Attorney General" in whitcombe["titles"]


def test_english_titles(extractions: dict[str, Extraction]) -> None:
    entities = names_of(extractions["en"].to_json())
    assert entities["Omar García Harfuch"]["titles"][0] == "Security Minister"
    assert entities["Claudia Sheinbaum"]["titles"][0] == "President"


# -- offsets and contract ----------------------------------------------------------------

def spans_of(data: dict[str, Any]) -> list[tuple[str, int, int, str]]:
    """(where, start, end, text) of every span an extraction cites."""
    found = []
    for entity in data["entities"]:
        found += [(f"entity {entity['name']}", m["start"], m["end"], m["text"]) for m in entity["mentions"]]
    for event in data["events"]:
        found += [(f"event {event['id']}", s["start"], s["end"], s["text"]) for s in event["evidence"]]
    found += [("quote", q["start"], q["end"], q["text"]) for q in data["quotes"]]
    found += [(f"claim {c['kind']}", c["start"], c["end"], c["text"]) for c in data["claims"]]
    return found


def test_every_span_points_into_the_text(extractions: dict[str, Extraction], language: str) -> None:
    text = normalise_text(ARTICLES[language])
    extraction = extractions[language]
    spans = spans_of(extraction.to_json())
    for event in extraction.events:
        spans += [(f"provenance {event.id} {key}", s.start, s.end, s.text) for key, s in event.provenance.items()]
    assert len(spans) > 20
    for where, start, end, span_text in spans:
        assert 0 <= start < end <= len(text), where
        assert text[start:end] == span_text, where


EVENT_TYPES = {"transfer", "arrest", "charge", "military_operation", "consultation", "agreement",
               "killing", "seizure", "designation"}
PRECISIONS = {"day", "week", "month", "quarter", "year", "decade", "unknown"}
COUNTRY = re.compile(r"^[A-Z]{2}$")


def check_span(span: dict[str, Any]) -> None:
    assert set(span) == {"start", "end", "text"}
    assert isinstance(span["start"], int) and isinstance(span["end"], int) and isinstance(span["text"], str)


def check_date(value: dict[str, Any]) -> None:
    assert set(value) == {"value", "precision", "start", "end"}
    assert value["precision"] in PRECISIONS
    if value["precision"] == "unknown":
        assert value == {"value": None, "precision": "unknown", "start": None, "end": None}
    else:
        first, last = date.fromisoformat(value["start"]), date.fromisoformat(value["end"])
        assert first <= last and isinstance(value["value"], str)


def check_contract(data: dict[str, Any], language: str) -> None:
    """The "Document extraction" object of shared/spec/ledger-json.md."""
    assert set(data) == {"document", "entities", "events", "quotes", "claims"}
    document = data["document"]
    assert set(document) >= {"id", "source", "title", "published", "language"}
    assert document["id"].startswith("sha256:") and document["language"] == language
    assert document["published"] == PUBLISHED.isoformat()

    names = set()
    for entity in data["entities"]:
        assert set(entity) >= {"id", "name", "type", "category", "country", "titles", "kb_id", "wikidata",
                               "mentions"}
        assert entity["type"] in {"person", "organization", "place"}
        assert isinstance(entity["titles"], list) and entity["mentions"]
        for mention in entity["mentions"]:
            check_span(mention)
        names.add(entity["name"])
    assert len({e["id"] for e in data["entities"]}) == len(data["entities"])

    for event in data["events"]:
        assert set(event) >= {"id", "type", "date", "count", "origin", "destination", "agents", "organizations",
                              "persons", "location", "negated", "hypothetical", "evidence"}
        assert event["type"] in EVENT_TYPES
        check_date(event["date"])
        assert event["count"] is None or isinstance(event["count"], int)
        for slot in ("origin", "destination"):
            assert event[slot] is None or COUNTRY.match(event[slot])
        for slot in ("agents", "organizations", "persons"):
            assert all(isinstance(name, str) for name in event[slot])
        # organizations and persons hold the names of entities of the same extraction
        assert set(event["organizations"]) | set(event["persons"]) <= names
        assert isinstance(event["negated"], bool) and isinstance(event["hypothetical"], bool)
        assert event["evidence"]
        for span in event["evidence"]:
            check_span(span)

    for quote in data["quotes"]:
        assert set(quote) == {"speaker", "text", "channel", "start", "end"}
        assert not re.match(r"^[\"“«]|[\"”»]$", quote["text"])  # the words only, without the marks

    for claim in data["claims"]:
        assert set(claim) >= {"kind", "value", "event_type", "origin", "destination", "speaker", "start", "end"}
        assert claim["kind"] in {"count", "cumulative_total", "ordinal", "percentage"}
        assert claim["event_type"] is None or claim["event_type"] in EVENT_TYPES
        assert isinstance(claim["value"], (int, float))


def test_output_follows_the_contract(result: dict[str, Any], language: str) -> None:
    check_contract(result, language)
    assert json.loads(json.dumps(result)) == result


def test_document_without_publication_date() -> None:
    # Nothing to resolve "Tuesday" against: the event stays undated, the contract holds.
    extraction = extract_text("Mexico sent 26 prisoners to the United States on Tuesday.", language="en")
    data = extraction.to_json()
    assert data["document"]["published"] is None
    [event] = data["events"]
    assert event["date"] == {"value": None, "precision": "unknown", "start": None, "end": None}
    assert (event["count"], event["origin"], event["destination"]) == (26, "MX", "US")


# -- every value says why ----------------------------------------------------------------

def test_every_value_says_why(result: dict[str, Any]) -> None:
    from newsledger.why import RULES

    for event in result["events"]:
        why = event["why"]
        assert why["type"]["rule"].startswith("trigger") or why["type"]["rule"].startswith("type.")
        filled = [slot for slot in ("date", "count", "origin", "destination", "location", "negated",
                                    "hypothetical") if event[slot] not in (None, False)]
        filled = [s for s in filled if s != "date" or event["date"]["value"] is not None]
        for slot in filled:
            assert why[slot]["rule"] in RULES and why[slot]["rule"] != "unannotated", (event, slot)
        for role in ("agents", "organizations", "persons"):
            assert set(why.get(role, {})) == set(event[role])
            assert all(r["rule"] in RULES and r["rule"] != "unannotated" for r in why.get(role, {}).values())


def test_the_reported_transfer_says_why(result: dict[str, Any], language: str) -> None:
    [event] = events_of(result, type="transfer", count=37)
    why = event["why"]
    assert why["type"]["cue"] == ("send" if language == "en" else "enviar")
    assert why["count"]["rule"] == "count.object"
    assert why["count"]["text"] == ("37" if language == "en" else "treinta y siete")
    assert why["destination"]["rule"] == "destination.preposition"
    assert why["destination"]["cue"] == ("to" if language == "en" else "a")
    assert why["origin"]["rule"] == "origin.subject"
    assert why["origin"]["text"] == ("Mexico" if language == "en" else "México")
    assert why["date"]["rule"] == "date.nearest"


def test_a_planned_transfer_says_which_word_plans_it(extractions: dict[str, Extraction]) -> None:
    [planned] = [e for e in extractions["es"].events if e.hypothetical]
    reason = planned.provenance["hypothetical"]
    assert reason.rule == "hypothetical.governor" and reason.cue == "planear"


def test_an_approximate_figure_is_the_reason_a_count_stays_empty() -> None:
    text = "Brazil flew nearly 40 fugitives to Peru on Monday, officials said."
    [event] = extract_text(text, published=PUBLISHED, language="en").events
    assert event.type == "transfer" and event.count is None
    reason = event.provenance["empty:count"]
    assert (reason.text, reason.rule) == ("40", "count.approximate")  # type: ignore[attr-defined]
    assert event.to_json()["why"]["empty"]["count"]["rule"] == "count.approximate"


def test_a_series_start_is_the_reason_a_date_stays_empty() -> None:
    text = "Brazil has sent 40 fugitives to Peru since February, officials said."
    [event] = extract_text(text, published=PUBLISHED, language="en").events
    assert not event.date.known
    reason = event.provenance["empty:date"]
    assert (reason.text, reason.rule) == ("February", "date.since")  # type: ignore[attr-defined]


def test_a_quoted_date_is_the_reason_a_date_stays_empty() -> None:
    text = "\"We sent 12 fugitives to Peru on Monday,\" the minister said."
    [event] = extract_text(text, published=PUBLISHED, language="en").events
    assert not event.date.known
    reason = event.provenance["empty:date"]
    assert (reason.text, reason.rule) == ("Monday", "date.quoted")  # type: ignore[attr-defined]


def test_the_person_set_aside_is_the_reason_persons_stay_empty() -> None:
    text = "Peru arrested nine smugglers on Monday with the help of Omar García Harfuch."
    [event] = extract_text(text, published=PUBLISHED, language="en").events
    assert event.type == "arrest" and event.persons == [] and event.agents == ["Peru"]
    reason = event.provenance["empty:persons"]
    assert (reason.text, reason.rule) == ("Omar García Harfuch", "persons.official")  # type: ignore[attr-defined]
    assert event.provenance["agents:Peru"].text == "Peru"


def test_the_actor_is_the_reason_persons_stay_empty() -> None:
    text = "Rafael Caro Quintero arrested nine smugglers in Lima on Monday."
    [event] = extract_text(text, published=PUBLISHED, language="en").events
    assert event.persons == [] and event.agents == ["Rafael Caro Quintero"]
    assert event.provenance["empty:persons"].rule == "persons.actor"  # type: ignore[attr-defined]


def test_a_read_document_leaves_no_reference_cycles(language: str) -> None:
    # A Doc whose annotations point back at it, or a reader that holds itself, lives on
    # until a full garbage collection; with hundreds of Docs a batch, those collections
    # cost a tenth of extraction time. Refcounting alone must free what a document made.
    extract_text(ARTICLES[language], published=PUBLISHED, language=language)
    gc.collect()
    gc.disable()
    gc.set_debug(gc.DEBUG_SAVEALL)
    try:
        extract_text(ARTICLES[language], published=PUBLISHED, language=language)
        gc.collect()
        left = sorted({type(o).__qualname__ for o in gc.garbage
                       if isinstance(o, Doc) or type(o).__module__.startswith("newsledger")})
    finally:
        gc.set_debug(0)
        gc.garbage.clear()
        gc.enable()
    assert left == []
