"""``newsledger.explain``: one line per slot, from the evidence each value carries, on
events built by hand (no model)."""
from datetime import date

from newsledger.explain import explain, explain_event
from newsledger.model import DateValue, DocumentInfo, Event, Extraction, Span
from newsledger.why import EMPTY, because

TEXT = "Ruritania flew 12 inmates to Freedonia on Friday, but none to Osterlich."


def at(words: str) -> Span:
    start = TEXT.index(words)
    return Span(start, start + len(words), words)


def transfer() -> Event:
    return Event(
        "v1", "transfer", DateValue.of_day(date(2026, 3, 6)), 12, "RU", "FR", agents=["Ruritania"],
        provenance={
            "type": because(at("flew"), "trigger", "fly"),
            "date": because(at("Friday"), "date.nearest"),
            "count": because(at("12"), "count.object", "fly"),
            "origin": because(at("Ruritania"), "origin.subject"),
            "destination": because(at("to Freedonia"), "destination.preposition", "to"),
            "agents:Ruritania": because(at("Ruritania"), "agents.origin"),
            "empty:persons": because(at("12 inmates"), "count.total"),
        })


def test_each_filled_slot_cites_its_words_rule_and_cue() -> None:
    lines = explain_event(transfer()).lines()
    assert lines[0] == "v1 transfer: “flew” (the trigger word is an event cue of lang/<code>/events.yaml, " \
                       "cue “fly”; rule trigger)"
    assert "  destination: FR, “to Freedonia” (a country named as a prepositional object of the trigger, " \
           "cue “to”; rule destination.preposition)" in lines
    assert "  date: 2026-03-06, “Friday” (the date expression nearest to the trigger in the parse; " \
           "rule date.nearest)" in lines
    assert any(line.startswith("  agents: Ruritania, “Ruritania” (") for line in lines)


def test_an_empty_slot_gives_the_recorded_reason_or_the_default() -> None:
    lines = explain_event(transfer()).lines()
    assert any(line.startswith("  persons: empty, “12 inmates” (") and "rule count.total" in line for line in lines)
    assert f"  organizations: empty, {EMPTY['organizations']}" in lines
    assert f"  negated: no, {EMPTY['negated']}" in lines


def test_only_the_slots_of_the_type_are_explained() -> None:
    call = Event("v2", "consultation", agents=["A", "B"])
    slots = [reason.slot for reason in explain_event(call).slots]
    assert slots == ["date", "location", "agents", "agents", "negated", "hypothetical"]
    assert explain_event(call).slots[2].line() == "agents: A, no evidence recorded"


def test_a_span_without_a_rule_is_shown_as_such() -> None:
    event = Event("v3", "arrest", location="Freedonia", provenance={"location": at("Freedonia")})
    [location] = [r for r in explain_event(event).slots if r.slot == "location"]
    assert location.line() == "location: Freedonia, “Freedonia” (read here, no rule recorded)"


def test_explain_covers_every_event() -> None:
    info = DocumentInfo("sha256:x", "t.txt", None, "en")
    extraction = Extraction(info, events=[transfer(), Event("v2", "killing")])
    assert [e.event.id for e in explain(extraction)] == ["v1", "v2"]


def test_the_evidence_a_type_needs_is_shown_as_met() -> None:
    killing = Event("v4", "killing", DateValue.of_year(1990), persons=["Ana Ruiz"])
    lines = explain_event(killing).lines()
    assert lines[1] == "  evidence: date, participants (a killing needs one of: count, date, location, participants)"
    # "verb" is read off the trigger, which an event does not keep: shown as an option, never met
    assert explain_event(transfer()).evidence == [
        "count, date, destination, origin (a transfer needs one of: count, date, destination, organizations, "
        "origin, persons, verb)"]
