"""Where an event happened, on hand-parsed sentences: the clause's readings all pick one
of the sentence's places, so a sentence without places skips them and gives what the
whole walk gives."""
from collections.abc import Callable

from spacy.tokens import Doc

from newsledger.pipeline.locations import Locator
from newsledger.pipeline.roles import DocContext

# "Police arrested Lara in Tijuana. Police arrested Lara on Tuesday."
TABLE = """
Police     police     NOUN  nsubj  1
arrested   arrest     VERB  ROOT   1
Lara       Lara       PROPN dobj   1
in         in         ADP   prep   1
Tijuana    Tijuana    PROPN pobj   3
.          .          PUNCT punct  1
Police     police     NOUN  nsubj  7
arrested   arrest     VERB  ROOT   7
Lara       Lara       PROPN dobj   7
on         on         ADP   prep   7
Tuesday    Tuesday    PROPN pobj   9
.          .          PUNCT punct  7
"""
PLACES = [(4, 5, {"name": "Tijuana", "type": "place", "category": "city", "country": "MX"})]
PEOPLE = [(2, 3, {"name": "Lara", "type": "person"}), (8, 9, {"name": "Lara", "type": "person"})]


def test_a_place_on_the_verb_is_where(build: Callable[..., Doc], entities) -> None:
    doc = build(TABLE)
    entities(doc, PLACES + PEOPLE)
    locator = Locator(DocContext(doc, "en"), "en")
    name, evidence = locator.of(doc[1], [], targets=True)
    assert name == "Tijuana" and evidence.rule == "location.preposition"


def test_without_places_in_the_sentence_the_clause_names_none(build: Callable[..., Doc], entities) -> None:
    doc = build(TABLE)
    entities(doc, PLACES + PEOPLE)
    context = DocContext(doc, "en")
    locator = Locator(context, "en")
    second = list(doc.sents)[1]
    assert context.span_entities(second, "place") == []
    for token in second:  # what the skipped walk would have found
        assert locator._in_clause(token, [], targets=True) is None
    assert locator.of(doc[7], [], compounds=True, targets=True) is None
    # A place passed in from the clause is still read by its preposition.
    tijuana = context.span_entities(list(doc.sents)[0], "place")
    assert locator.of(doc[7], tijuana)[0] == "Tijuana"
