"""DocContext: entities, countries, subjects and descriptions read off a hand-parsed Doc."""
from collections.abc import Callable

import pytest
from spacy.tokens import Doc

from newsledger.pipeline.roles import DocContext, cue_set, modifies_another_person

MEXICO = {"name": "Mexico", "type": "place", "category": "country", "country": "MX", "kb_id": "place/mexico"}
UNITED_STATES = {"name": "United States", "type": "place", "category": "country", "country": "US",
                 "kb_id": "place/united-states"}
MEXICO_CITY = {"name": "Mexico City", "type": "place", "category": "city", "country": "MX",
               "kb_id": "place/mexico-city"}
SINALOA_CARTEL = {"name": "Sinaloa Cartel", "type": "organization", "category": "criminal_group",
                  "country": "MX"}

SENT = """
Mexico     Mexico     PROPN nsubj    1
sent       send       VERB  ROOT     1
26         26         NUM   nummod   3
prisoners  prisoner   NOUN  dobj     1
to         to         ADP   prep     1
the        the        DET   det      7
United     United     PROPN compound 7
States     States     PROPN pobj     4
from       from       ADP   prep     1
Venezuela  Venezuela  PROPN pobj     8
.          .          PUNCT punct    1
"""


def test_entities_and_tokens(build: Callable[..., Doc], entities) -> None:
    doc = build(SENT)
    mexico, united_states = entities(doc, [(0, 1, MEXICO), (5, 8, UNITED_STATES)])
    context = DocContext(doc, "en")
    assert context.entity_at(doc[0]) is mexico
    assert context.entity_at(doc[6]) is united_states
    assert context.entity_at(doc[3]) is None
    assert [(e.name, t.i) for e, t in context.entities_in(doc[:])] == [("Mexico", 0), ("United States", 5)]
    assert context.entities_in(doc[:], "person") == []
    assert context.person_tokens() == set()


def test_entity_at_is_the_lookup_outside_the_dateline(build: Callable[..., Doc], entities) -> None:
    """Entities placed by position once give what looking each token up gives: the
    entity of its id, and none inside the dateline ("MEXICO CITY —")."""
    doc = build("""
    MEXICO     Mexico     PROPN compound 1
    CITY       City       PROPN ROOT     1
    —          —          PUNCT punct    1
    Mexico     Mexico     PROPN nsubj    4
    sent       send       VERB  ROOT     4
    26         26         NUM   nummod   6
    prisoners  prisoner   NOUN  dobj     4
    to         to         ADP   prep     4
    the        the        DET   det      10
    United     United     PROPN compound 10
    States     States     PROPN pobj     7
    .          .          PUNCT punct    4
    """)
    entities(doc, [(0, 2, MEXICO_CITY), (3, 4, MEXICO), (9, 11, UNITED_STATES)])
    context = DocContext(doc, "en")
    assert context.dateline_end > 0
    by_id = {e.id: e for e in doc._.nl_entities}

    def looked_up(token):
        if context.dateline_start <= token.idx < context.dateline_end:
            return None
        entity_id = doc._.nl_token_entity.get(token.i)
        return by_id.get(entity_id) if entity_id else None

    assert [context.entity_at(t) for t in doc] == [looked_up(t) for t in doc]
    assert [context.entity_at_position(t.i) for t in doc] == [looked_up(t) for t in doc]
    assert [e.name for e, _ in context.entities_in(doc[:])] == ["Mexico", "United States"]


def test_destination_and_origin(build: Callable[..., Doc], entities) -> None:
    doc = build(SENT)
    entities(doc, [(0, 1, MEXICO), (5, 8, UNITED_STATES)])
    # "Venezuela" is no entity here: the knowledge base still knows the country name.
    assert DocContext(doc, "en").destination_and_origin(doc[1]) == ("US", "VE")


def test_a_city_is_not_a_destination_country(build: Callable[..., Doc], entities) -> None:
    doc = build("""
    They       they       PRON  nsubjpass 2
    were       be         AUX   auxpass   2
    taken      take       VERB  ROOT      2
    to         to         ADP   prep      2
    Mexico     Mexico     PROPN compound  5
    City       City       PROPN pobj      3
    .          .          PUNCT punct     2
    """)
    entities(doc, [(4, 6, MEXICO_CITY)])
    context = DocContext(doc, "en")
    assert context.named_country(doc[5]) is None
    assert context.destination_and_origin(doc[2]) == (None, None)


def test_spanish_destination(build: Callable[..., Doc], entities) -> None:
    doc = build("""
    México     México     PROPN nsubj  1
    envió      enviar     VERB  ROOT   1
    a          a          ADP   case   3
    reos       reo        NOUN  obj    1
    a          a          ADP   case   5
    EE.UU.     EE.UU.     PROPN obl    1
    """, lang="es")
    entities(doc, [(0, 1, MEXICO), (5, 6, UNITED_STATES)])
    assert DocContext(doc, "es").destination_and_origin(doc[1]) == ("US", None)


def test_country_by_demonym(build: Callable[..., Doc], entities) -> None:
    doc = build("the the DET det 2\nAmerican American ADJ amod 2\nauthorities authority NOUN ROOT 2")
    entities(doc, [])
    context = DocContext(doc, "en")
    assert context.country_in(doc[:]) == "US"
    assert context.country_of_token(doc[0]) is None


def test_criminal_group(build: Callable[..., Doc], entities) -> None:
    doc = build("""
    the        the        DET   det      3
    Sinaloa    Sinaloa    PROPN compound 2
    Cartel     Cartel     PROPN nmod     3
    and        and        CCONJ cc       3
    Los        Los        PROPN compound 5
    Bravos     Bravos     PROPN conj     3
    and        and        CCONJ cc       5
    the        the        DET   det      8
    Navy       Navy       PROPN conj     5
    """)
    cartel, unknown, navy = entities(doc, [
        (1, 3, SINALOA_CARTEL),
        (4, 6, {"name": "Cártel de Los Bravos", "type": "organization"}),  # no category: the name says it
        (8, 9, {"name": "Secretaría de Marina", "type": "organization", "category": "government_body"})])
    context = DocContext(doc, "en")
    assert context.is_criminal_group(cartel)
    assert context.is_criminal_group(unknown)
    assert not context.is_criminal_group(navy)


def test_subject_through_conjunction(build: Callable[..., Doc], entities) -> None:
    doc = build("""
    Gunmen     gunman     NOUN  nsubj  1
    abducted   abduct     VERB  ROOT   1
    ,          ,          PUNCT punct  1
    tortured   torture    VERB  conj   1
    and        and        CCONJ cc     3
    killed     kill       VERB  conj   3
    him        he         PRON  dobj   5
    """)
    entities(doc, [])
    context = DocContext(doc, "en")
    assert context.subject_of(doc[5]).text == "Gunmen"
    assert context.subject_of(doc[6]) is None


def test_antecedent_of_a_relative_pronoun(build: Callable[..., Doc], entities) -> None:
    doc = build("""
    Trump      Trump      PROPN nsubj  5
    ,          ,          PUNCT punct  0
    who        who        PRON  nsubj  3
    ordered    order      VERB  relcl  0
    it         it         PRON  dobj   3
    spoke      speak      VERB  ROOT   5
    """)
    entities(doc, [])
    context = DocContext(doc, "en")
    assert context.antecedent(doc[2]).text == "Trump"
    assert context.antecedent(doc[4]).text == "it"


TWO_PEOPLE = """
Sheinbaum  Sheinbaum  PROPN nsubj  1
thanked    thank      VERB  ROOT   1
Ronald     Ronald     PROPN compound 3
Johnson    Johnson    PROPN dobj   1
.          .          PUNCT punct  1
Reporters  reporter   NOUN  nsubj  6
asked      ask        VERB  ROOT   6
her        she        PRON  dobj   6
.          .          PUNCT punct  6
"""


def test_last_person_subject(build: Callable[..., Doc], entities) -> None:
    doc = build(TWO_PEOPLE)
    entities(doc, [(0, 1, {"name": "Claudia Sheinbaum", "type": "person", "category": "politician"}),
                   (2, 4, {"name": "Ronald Johnson", "type": "person", "category": "official"})])
    context = DocContext(doc, "en")
    # Ronald Johnson is named last, but as an object; the pronoun stands for the subject.
    assert context.last_person_subject(7).name == "Claudia Sheinbaum"


def test_last_person_falls_back_to_the_last_named(build: Callable[..., Doc], entities) -> None:
    doc = build(TWO_PEOPLE.replace("Sheinbaum  Sheinbaum  PROPN nsubj  1", "She she PRON nsubj 1"))
    assert doc.text.startswith("She thanked")
    entities(doc, [(2, 4, {"name": "Ronald Johnson", "type": "person", "category": "official"})])
    assert DocContext(doc, "en").last_person_subject(7).name == "Ronald Johnson"


BROTHER = """
Antonio    Antonio    PROPN compound 1
Oseguera   Oseguera   PROPN nsubjpass 9
,          ,          PUNCT punct    1
a          a          DET   det      4
brother    brother    NOUN  appos    1
of         of         ADP   prep     4
El         El         PROPN compound 7
Mencho     Mencho     PROPN pobj     5
was        be         AUX   auxpass  9
sent       send       VERB  ROOT     9
"""


def test_person_described_through_another(build: Callable[..., Doc], entities) -> None:
    doc = build(BROTHER)
    entities(doc, [(0, 2, {"name": "Antonio Oseguera", "type": "person"}),
                   (6, 8, {"name": "Nemesio Oseguera Cervantes", "type": "person"})])
    context = DocContext(doc, "en")
    assert modifies_another_person(doc[7], context)
    assert not modifies_another_person(doc[1], context)


def test_listed_people_are_not_descriptions(build: Callable[..., Doc], entities) -> None:
    doc = build("""
    Antonio    Antonio    PROPN compound 1
    Oseguera   Oseguera   PROPN nsubjpass 6
    and        and        CCONJ cc       1
    El         El         PROPN compound 4
    Mencho     Mencho     PROPN conj     1
    were       be         AUX   auxpass  6
    sent       send       VERB  ROOT     6
    """)
    entities(doc, [(0, 2, {"name": "Antonio Oseguera", "type": "person"}),
                   (3, 5, {"name": "Nemesio Oseguera Cervantes", "type": "person"})])
    context = DocContext(doc, "en")
    assert not modifies_another_person(doc[4], context)


def test_cue_set_is_lowercase() -> None:
    speech = cue_set("en", "speech_verbs")
    assert isinstance(speech, frozenset) and {"say", "tell"} <= speech
    assert "decir" in cue_set("es", "speech_verbs")
    assert all(w == w.lower() for w in cue_set("en", "title_words"))
    assert cue_set("en", "no_such_list") == frozenset()


# -- the route, with its evidence ---------------------------------------------------------

BRAZIL = {"name": "Brazil", "type": "place", "category": "country", "country": "BR"}
PERU = {"name": "Peru", "type": "place", "category": "country", "country": "PE"}

RETURNED = """
Brazil     Brazil     PROPN nsubj    1
returned   return     VERB  ROOT     1
nine       nine       NUM   nummod   3
fugitives  fugitive   NOUN  dobj     1
to         to         ADP   prep     1
Peru       Peru       PROPN pobj     4
.          .          PUNCT punct    1
"""


def test_route_of_cites_the_prepositional_phrase(build: Callable[..., Doc], entities) -> None:
    doc = build(RETURNED)
    entities(doc, [(0, 1, BRAZIL), (5, 6, PERU)])
    destination, origin = DocContext(doc, "en").route_of(doc[1])
    assert origin is None and destination is not None
    code, why = destination
    assert code == "PE"
    assert (why.text, why.rule, why.cue) == ("to Peru", "destination.preposition", "to")
    assert doc.text[why.start:why.end] == why.text


def test_spanish_route_of_cites_the_preposition(build: Callable[..., Doc], entities) -> None:
    doc = build("""
    Chile      Chile      PROPN nsubj  1
    devolvió   devolver   VERB  ROOT   1
    nueve      nueve      NUM   nummod 3
    prófugos   prófugo    NOUN  obj    1
    desde      desde      ADP   case   5
    Perú       Perú       PROPN obl    1
    """, lang="es")
    entities(doc, [(5, 6, PERU)])
    destination, origin = DocContext(doc, "es").route_of(doc[1])
    assert destination is None and origin is not None
    assert origin[0] == "PE"
    assert (origin[1].text, origin[1].rule, origin[1].cue) == ("desde Perú", "origin.preposition", "desde")


def _kin_before_by_tokens(token, context: DocContext) -> bool:
    """``_kin_before`` the straightforward way, a Token object per word of the window."""
    sent = context.sentence_of(token)
    window = context.doc[max(sent.start, token.i - 7):token.i]
    relations = cue_set(context.language, "relation_nouns")
    for position, word in enumerate(window):
        if word.lemma_.lower() in relations or word.lower_ in relations:
            rest = window[position + 1:]
            listed = any(a.text in {",", ";"} and b.lower_ in {"and", "y", "e"} for a, b in zip(rest, rest[1:]))
            linked = any(t.lower_ in {"of", "de", "del"} for t in window[max(0, position - 2):])
            if linked and not listed and not any(t.text == ";" for t in rest):
                return True
    return False


@pytest.mark.parametrize("language,text", [
    ("en", "Police arrested a brother-in-law of its boss, Nemesio Oseguera; the nephew of El Mencho, "
           "Juan Pérez, and a son of the leader; Ana López were also held."),
    ("es", "Detuvieron al cuñado de Nemesio Oseguera, al sobrino del líder; el hijo de El Mencho y "
           "la esposa de su jefe, Ana López, también fueron detenidos."),
])
def test_kin_before_reads_the_words_as_the_tokens_say(language: str, text: str) -> None:
    from newsledger.pipeline import nlp_for
    from newsledger.pipeline.roles import _kin_before

    doc = nlp_for(language)(text)
    context = DocContext.of(doc, language)
    answers = [_kin_before(t, context) for t in doc]
    assert answers == [_kin_before_by_tokens(t, context) for t in doc]
    assert any(answers)


def test_readings_by_position_are_those_of_the_tokens() -> None:
    """The dateline's tokens, a span's entities, the speakers and the subjects read by
    position are what asking spaCy's Tokens gives."""
    from newsledger.pipeline import nlp_for

    doc = nlp_for("es")("CIUDAD DE MÉXICO — El canciller Juan Ramón de la Fuente dijo que México envió a 26 reos "
                        "a Estados Unidos. La presidenta Claudia Sheinbaum afirmó: «Fue una decisión soberana», "
                        "y Marcelo Ebrard, secretario de Economía, viajó, negoció y firmó en Washington.")
    context = DocContext.of(doc, "es")
    assert list(context._dateline_positions) == [t.i for t in doc if context.in_dateline(t)] != []

    def entities_of(tokens, type=None):
        seen = {}
        for token in tokens:
            entity = context.entity_at(token)
            if entity and (type is None or entity.type == type) and entity.id not in seen:
                seen[entity.id] = (entity, token.i)
        return list(seen.values())

    spans = [doc[a:b] for a in range(len(doc)) for b in range(a, len(doc) + 1, 5)]
    for type in (None, "person", "place"):
        assert [[(e, t.i) for e, t in context.entities_in(s, type)] for s in spans] \
            == [entities_of(s, type) for s in spans]

    def speakers_of(sent):
        return {e.id for token in sent if context.is_speech_verb(token) and context.is_speech_act(token)
                for child in token.children if child.dep_ in {"nsubj", "csubj", "agent"}
                for e, _ in entities_of(child.subtree)}

    assert [context.speakers(s) for s in context.sentences] == [speakers_of(s) for s in context.sentences]
    assert any(context.speakers(s) for s in context.sentences)

    def subject_of(token):
        node = token
        for _ in range(3):
            subjects = [c for c in node.children if c.dep_ in {"nsubj", "csubj", "agent", "nsubjpass", "nsubj:pass"}]
            if subjects:
                return min(subjects, key=lambda c: abs(c.i - node.i)).i
            if node.dep_ in {"conj", "advcl", "xcomp"} and node.head.pos_ in {"VERB", "AUX"}:
                node = node.head
            else:
                break
        return None

    found = [getattr(context.subject_of(t), "i", None) for t in doc]
    assert found == [subject_of(t) for t in doc] and any(i is not None for i in found)
