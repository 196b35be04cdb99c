"""Why a value was chosen: the one place that names and describes the extraction rules.

Every value the pipeline sets on an event carries a ``model.Evidence``: the words that
state it, a rule id from ``RULES`` and the cue word the rule fired on. The ids are stable
short names (``slot.how``) that the JSON (``events[].why``), the store and
``newsledger explain`` share, so a reader can grep the one rule that chose a value; the
descriptions here are what ``explain`` prints. A new rule is one entry below; ``because``
refuses an id that is not listed, so a typo fails in the tests rather than in a report.
"""
from __future__ import annotations

from newsledger.model import Evidence, Span

RULES: dict[str, str] = {
    # -- the event type ------------------------------------------------------------------
    "trigger": "the trigger word is an event cue of lang/<code>/events.yaml",
    "trigger.participle": "the trigger is a participle of an event verb of lang/<code>/events.yaml",
    "trigger.enumerated": "a figure with its own date in a sentence about transfers (\"29 in February\")",
    "trigger.recalled": "a figure and a date in a passage about a series, with no event word (\"then came 26 more in August\")",
    "trigger.ellipsis": "an ordinal standing alone (\"in the second, …\") for the event noun an ordinal modified before",
    "trigger.other-group": "a head count marked as another group (\"otros 26\", \"another 26\") taking place: a further event of the kind last counted",
    "trigger.fragment": "a sentence without a main verb dating a head count of people (\"En febrero, con 29 reos\"): one more event of the counted series",
    "trigger.another-one": "\"otro\" or \"another\" standing alone for the event noun last used, under a planning or ruling-out verb",
    "type.capture-abroad": "armed forces of one state captured someone of another: a military operation",
    "type.people-seized": "people, not goods, were seized: an arrest",
    # -- date ----------------------------------------------------------------------------
    "date.nearest": "the date expression nearest to the trigger in the parse",
    "date.refined": "a finer date of the same clause inside the nearest one (\"a year ago, last February\")",
    "date.clause": "a date of the same clause, shared by an event of another type",
    "date.relative-clause": "the date of the event noun the trigger's relative clause hangs on",
    "date.enumerated": "the date that follows the figure in a list of earlier events",
    "date.quoted": "a date in quoted speech is the speaker's, not the report's: it dates no event",
    "date.since": "a date after \"since\"/\"desde\" starts a series: it dates no event",
    "date.recalled": "the date of the sentence that recalls an earlier event of the series by its figure",
    "date.ellipsis": "the date in the clause of an ordinal standing for an event (\"en el segundo, el 12 de agosto\")",
    # -- count ---------------------------------------------------------------------------
    "count.object": "a number governing the trigger's object or its people noun",
    "count.object-others": "\"him and 28 other …\": the number plus the person named with it",
    "count.enumerated": "a figure followed by its own date (\"29 in February\")",
    "count.approximate": "an approximate figure is a claim, not the event's head count",
    "count.total": "a running total of a series is not the count of one event",
    "count.word-order": "a figure followed, within a few words of the trigger's clause, by a noun for people (\"veintiséis (26) reos\")",
    "count.recalled": "the figure that recalls an earlier event of the series (\"otros 26 en agosto\")",
    "count.ellipsis": "the figure in the clause of an ordinal standing for an event (\"en el segundo, … fueron 26\")",
    "count.sum": "a figure that adds up the document's other counts of the type is their total, not an event's",
    "count.frame": "a number counting people in a sentence of the event's frame, close to its trigger in the parse",
    "date.restated": "the event is stated again within days with the same head count: its earliest date",
    # -- route ---------------------------------------------------------------------------
    "destination.preposition": "a country named as a prepositional object of the trigger",
    "origin.preposition": "a country named as a prepositional object of the trigger",
    "destination.light-verb": "a country named as a prepositional object of the verb that carries the event noun (\"se realizó el traslado a EE.UU.\")",
    "origin.light-verb": "a country named as a prepositional object of the verb that carries the event noun",
    "destination.word-order": "a country right after a preposition of direction in the trigger's clause, where the parse misplaced it",
    "origin.word-order": "a country right after a preposition of origin in the trigger's clause, where the parse misplaced it",
    "origin.announcer": "a transfer told without its sender by an official or body of another country than the destination: that country sent it",
    "destination.named-before": "\"a esa nación\": the country named last before the phrase",
    "origin.authorities": "the one state, other than the destination, whose officials or bodies state the transfer in its sentences",
    "origin.subject": "the country of the trigger's subject, the one that sends",
    "origin.noun-actor": "the country that modifies or carries out the event noun (\"Mexico's transfer\")",
    "destination.place-abroad": "a city or region of another country than the origin, named as where people were taken",
    "destination.receiver": "the country of the subject of a receiving verb",
    "origin.home-country": "the state the report speaks from (dateline, its places, bodies and people, well ahead of any other): the sender it leaves implied",
    "route.series": "the direction of the other transfers of the same document",
    "destination.dateline": "the country of the dateline: a transfer from abroad arrived where the report is filed",
    "route.list-clause": "the clause's subject and the country it hands to, in a list of earlier transfers",
    # -- participants --------------------------------------------------------------------
    "persons.scope": "a person named in the trigger's own words, not as its actor or an official",
    "persons.pronoun": "a pronoun object of the trigger, standing for the last person named as a subject",
    "persons.described": "a person in the phrase the trigger's relative clause describes",
    "persons.victim": "a person in the object of the killing (\"the killing of …\")",
    "persons.captured": "a person captured in the course of the operation",
    "persons.list": "a person named in a membership list of the document's transfer",
    "persons.list-block": "a person opening a line of a bulleted or numbered list under a line about the event",
    "persons.list-shape": "a name-shaped phrase (capitalised words up to a comma) opening a line of such a list",
    "persons.counted": "a person named inside the phrase that states the event's head count",
    "persons.recalled": "a person a membership phrase names right after the figure of a recalled event",
    "persons.included": "a person a membership verb names as the object of an elided event (\"the first included …\")",
    "persons.enumerated": "a person named with a figure of a list of earlier events",
    "persons.actor": "the person named is the one who acts (the subject), not one acted on",
    "persons.official": "the person named holds office: not one the act was done to",
    "persons.describes-another": "the person named only describes another one (\"a brother of …\")",
    "persons.speaker": "the person named reports the act",
    "organizations.scope": "a criminal group named in the trigger's own words",
    "organizations.described": "a criminal group in the phrase the trigger's relative clause describes",
    "organizations.list-block": "a criminal group named on a line of a list of the event's people or groups",
    "organizations.affiliation": "a criminal group a sentence ties the event's people to (\"tied to\", \"pertenecían a\")",
    "organizations.victim": "an organization in the object of the killing",
    "organizations.list": "a criminal group named in a membership list of the document's transfer",
    "agents.subject": "an entity in the subject of the active trigger verb",
    "agents.passive-by": "the body named by \"by\"/\"por\" after a passive trigger",
    "agents.passive-by-country": "the country whose members act in the \"by\"/\"por\" phrase",
    "agents.state-of-body": "the state a body or official acting in the clause acts for",
    "agents.subject-country": "the country of the trigger's subject",
    "agents.noun-actor": "the country that modifies or carries out the event noun",
    "agents.origin": "the sending country acts when no other actor is named",
    "agents.relative-clause": "the person a relative or appositive clause attributes the act to",
    "agents.participants": "a person of the clause taking part in the call or agreement",
    "agents.controller": "the subject of the verb a subjectless clause depends on (\"after speaking with X, Y said\": Y speaks)",
    "agents.pronoun": "a personal pronoun standing for the last person named as a subject",
    "agents.sentence-people": "a person of the sentence, for an agreement with fewer than two named in the clause",
    "agents.party-states": "a country of the clause, a party to an agreement with fewer than two people named",
    "agents.capture-abroad": "the state whose armed forces made the capture",
    # -- location ------------------------------------------------------------------------
    "location.preposition": "a place introduced by a locative preposition of the trigger or its clause",
    "location.place-preposition": "a place of the trigger's words introduced by a locative preposition",
    "location.finer": "a smaller place named just before the one chosen, which only says where it lies (\"Ahome, in northern Sinaloa\")",
    "location.patient": "a place hung on the person acted on (\"the killing of … in Guadalajara\")",
    "location.actor": "a place hung on the acting body (\"a jury in Brooklyn convicted …\")",
    "location.target": "the place an armed action is aimed at (\"a strike on Sonora\", \"to invade Cuba\")",
    "location.compound": "a place modifying the event noun (\"the Venezuela attack\")",
    "location.capture-abroad": "the country of the person or the object captured abroad",
    # -- modality ------------------------------------------------------------------------
    "negated.trigger": "a negation word attached to the trigger",
    "negated.determiner": "a negative determiner of the event noun",
    "negated.denial": "the trigger is governed by a denial verb",
    "negated.governor": "a negated plan or intention verb governs the trigger",
    "hypothetical.modal": "a modal auxiliary of the trigger or of the verb it is subject of",
    "hypothetical.future": "the trigger or its verb is in the future tense",
    "hypothetical.attribute": "an attribute of the event noun makes it possible only (\"un posible envío\", \"a possible strike\")",
    "hypothetical.judged": "the event noun is only judged (\"intervention was not necessary\")",
    "hypothetical.governor": "a plan, threat or demand verb governs the trigger",
    "hypothetical.governor-modal": "a verb governing the trigger has a modal auxiliary",
    "negated.carrier": "the verb that carries the event noun is negated (\"the strike won't happen\", \"did not carry out the transfer\")",
    "hypothetical.carrier": "the verb that carries the event noun has a modal (\"an attack would occur\")",
    "hypothetical.ruled-out": "what a speaker rules out was only ever possible",
    # -- fallbacks -----------------------------------------------------------------------
    "unannotated": "set by code that records no reason (a bug: every slot-setting site names its rule)",
}

# What ``explain`` says of a slot left empty when no rule recorded why.
EMPTY: dict[str, str] = {
    "date": "no date expression of the trigger's clause, and none from another mention of the event",
    "count": "no number governed by the trigger or its frame",
    "origin": "no sending country named by a preposition, the subject or another mention",
    "destination": "no receiving country named by a preposition, the subject or another mention",
    "location": "no place introduced by a locative preposition of the trigger or its clause",
    "agents": "no actor named in the trigger's subject, \"by\" phrase or modifiers",
    "persons": "no person named in the trigger's own words or a list attached to it",
    "organizations": "no criminal group named in the trigger's own words or a list attached to it",
    "negated": "no negation or denial cue governs the trigger",
    "hypothetical": "no modal, future, plan or judgement cue governs the trigger",
}

SLOTS = ("date", "count", "origin", "destination", "location", "agents", "organizations", "persons",
         "negated", "hypothetical")


def because(span: Span, rule: str, cue: str | None = None) -> Evidence:
    """The evidence that ``rule`` chose a value stated by ``span`` (on ``cue``)."""
    if rule not in RULES:
        raise KeyError(f"unknown rule id {rule!r}: add it to newsledger.why.RULES")
    return Evidence(span.start, span.end, span.text, rule, cue)


def describe(rule: str) -> str:
    return RULES.get(rule, f"rule {rule}")


__all__ = ["EMPTY", "RULES", "SLOTS", "because", "describe"]
