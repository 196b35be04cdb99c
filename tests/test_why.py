"""The per-value evidence: the rule catalog, ``Evidence`` in the model and its JSON."""
import re

import pytest

from newsledger import why
from newsledger.model import Event, Evidence, Span


def test_rule_ids_are_short_stable_names_with_a_description() -> None:
    for rule, description in why.RULES.items():
        assert re.fullmatch(r"[a-z]+(\.[a-z-]+)?", rule), rule
        assert description and not description.endswith(".")


def test_every_slot_has_a_reason_to_give_when_empty() -> None:
    assert set(why.EMPTY) == set(why.SLOTS)


def test_an_unknown_rule_id_fails_at_once() -> None:
    with pytest.raises(KeyError, match="newsledger.why.RULES"):
        why.because(Span(0, 3, "abc"), "destination.guess")


def test_evidence_is_a_span_with_rule_and_cue() -> None:
    found = why.because(Span(10, 30, "to the United States"), "destination.preposition", "to")
    assert isinstance(found, Span)
    assert found.to_json() == {"start": 10, "end": 30, "text": "to the United States",
                               "rule": "destination.preposition", "cue": "to"}
    assert Span.from_json(found.to_json()) == found  # round trip keeps the reason
    assert type(Span.from_json({"start": 1, "end": 2, "text": "x"})) is Span


def test_event_json_carries_why_per_slot_and_per_name() -> None:
    sent = Span(0, 22, "Ruritania sent 12 men.")
    event = Event("v1", "transfer", count=12, origin="RU", agents=["Ruritania"], provenance={
        "type": why.because(Span(10, 14, "sent"), "trigger", "send"),
        "count": why.because(Span(15, 17, "12"), "count.object", "send"),
        "origin": why.because(Span(0, 9, "Ruritania"), "origin.subject"),
        "agents:Ruritania": why.because(Span(0, 9, "Ruritania"), "agents.origin"),
        "empty:date": why.because(sent, "count.total"),
        "location": Span(0, 9, "Ruritania"),  # a bare span from older code: no rule
    })
    data = event.to_json()["why"]
    assert data["type"]["cue"] == "send" and data["count"]["rule"] == "count.object"
    assert data["agents"] == {"Ruritania": {"start": 0, "end": 9, "text": "Ruritania",
                                            "rule": "agents.origin", "cue": None}}
    assert data["empty"]["date"]["rule"] == "count.total"
    assert data["location"]["rule"] is None
    back = Event.from_json(event.to_record())
    assert back.provenance == event.provenance
    assert isinstance(back.provenance["count"], Evidence)
