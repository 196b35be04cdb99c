"""Canonical entities from ``doc.ents`` set by hand: knowledge-base names, short forms,
particles in long Spanish names, and the nickname and law-name filters."""
from collections.abc import Callable

import pytest
from spacy.tokens import Doc, Span

from newsledger.model import Entity
from newsledger.pipeline import extensions
from newsledger.pipeline.entities import (
    EntityResolver, _display_name, _Draft, _join_particles, _resolve_short_forms, _trim,
)
from tests.pipeline.conftest import vocab


def resolve(doc: Doc, language: str = "en") -> list[Entity]:
    extensions.register()
    EntityResolver(language)(doc)
    for entity in doc._.nl_entities:
        for mention in entity.mentions:
            assert doc.text[mention.start:mention.end] == mention.text
    return doc._.nl_entities


def names(entities: list[Entity]) -> list[tuple[str, list[str]]]:
    return [(e.name, [m.text for m in e.mentions]) for e in entities]


# -- knowledge base and titles -----------------------------------------------------------

MINISTER = """
Security   security   PROPN compound 1
Minister   minister   PROPN compound 4
Omar       Omar       PROPN compound 4
García     García     PROPN compound 4
Harfuch    Harfuch    PROPN nsubj    5
said       say        VERB  ROOT     5
.          .          PUNCT punct    5
"""


def test_known_person_with_title(build: Callable[..., Doc]) -> None:
    doc = build(MINISTER, ents=[(2, 5, "PERSON")])
    [harfuch] = resolve(doc)
    assert harfuch.name == "Omar García Harfuch" and harfuch.kb_id == "person/omar-garcia-harfuch"
    assert (harfuch.type, harfuch.country) == ("person", "MX")
    assert harfuch.titles[0] == "Security Minister"  # the text's title first, then the KB's
    assert doc._.nl_token_entity == {2: "e1", 3: "e1", 4: "e1"}


def test_ruler_id_wins_over_the_label(build: Callable[..., Doc]) -> None:
    doc = build("""
    el         el         DET   det    1
    Cártel     Cártel     PROPN ROOT   1
    de         de         ADP   case   3
    Sinaloa    Sinaloa    PROPN nmod   1
    """, lang="es", ents=[(1, 4, "ORG", "org/sinaloa-cartel")])
    [cartel] = resolve(doc, "es")
    assert (cartel.name, cartel.category, cartel.kb_id) == ("Sinaloa Cartel", "criminal_group", "org/sinaloa-cartel")
    assert names([cartel]) == [("Sinaloa Cartel", ["Cártel de Sinaloa"])]


def test_spanish_abbreviation_of_a_country(build: Callable[..., Doc]) -> None:
    doc = build("a a ADP case 1\nEE.UU. EE.UU. PROPN ROOT 1", lang="es", ents=[(1, 2, "LOC")])
    [country] = resolve(doc, "es")
    assert (country.name, country.category, country.country) == ("United States", "country", "US")


# -- short forms -------------------------------------------------------------------------

SHORT_FORM = """
Marta      Marta      PROPN compound 2
Ibarra     Ibarra     PROPN compound 2
Solís      Solís      PROPN nsubj    3
spoke      speak      VERB  ROOT     3
.          .          PUNCT punct    3
Ibarra     Ibarra     PROPN nsubj    6
left       leave      VERB  ROOT     6
.          .          PUNCT punct    6
"""


def test_short_form_joins_the_full_name(build: Callable[..., Doc]) -> None:
    doc = build(SHORT_FORM, ents=[(0, 3, "PERSON"), (5, 6, "PERSON")])
    assert names(resolve(doc)) == [("Marta Ibarra Solís", ["Marta Ibarra Solís", "Ibarra"])]
    assert doc._.nl_token_entity[5] == "e1"


def test_short_form_of_a_known_person(build: Callable[..., Doc]) -> None:
    doc = build(MINISTER + "Harfuch Harfuch PROPN nsubj 8\nleft leave VERB ROOT 8",
                ents=[(2, 5, "PERSON"), (7, 8, "PERSON")])
    assert names(resolve(doc)) == [("Omar García Harfuch", ["Omar García Harfuch", "Harfuch"])]


def drafts_of(doc: Doc, *people: tuple[str, int, int]) -> dict[str, _Draft]:
    return {f"person:{name.lower()}": _Draft(name, "person", None, [doc[start:end]])
            for name, start, end in people}


def test_resolve_short_forms_merges_mentions(build: Callable[..., Doc]) -> None:
    doc = build(SHORT_FORM)
    drafts = drafts_of(doc, ("Marta Ibarra Solís", 0, 3), ("Ibarra", 5, 6))
    _resolve_short_forms(drafts)
    assert list(drafts) == ["person:marta ibarra solís"]
    assert [m.text for m in drafts["person:marta ibarra solís"].mentions] == ["Marta Ibarra Solís", "Ibarra"]


def test_ambiguous_short_form_stays_apart(build: Callable[..., Doc]) -> None:
    doc = build(SHORT_FORM)
    drafts = drafts_of(doc, ("Marta Ibarra Solís", 0, 3), ("Luis Ibarra", 1, 3), ("Ibarra", 5, 6))
    _resolve_short_forms(drafts)
    assert set(drafts) == {"person:marta ibarra solís", "person:luis ibarra", "person:ibarra"}


def test_short_form_needs_whole_words(build: Callable[..., Doc]) -> None:
    doc = build(SHORT_FORM)
    drafts = drafts_of(doc, ("Marta Ibarra Solís", 0, 3), ("Barra", 5, 6))
    _resolve_short_forms(drafts)
    assert len(drafts) == 2


def test_a_surname_tagged_as_an_organisation_is_the_person(build: Callable[..., Doc]) -> None:
    """The model often tags a lone surname as a group or place; any surname of the one
    person named in full claims it (Spanish names carry two)."""
    doc = build(SHORT_FORM)
    drafts = {"organization:ibarra": _Draft("Ibarra", "organization", None, [doc[5:6]]),
              **drafts_of(doc, ("Marta Ibarra Solís", 0, 3))}
    _resolve_short_forms(drafts)
    assert list(drafts) == ["person:marta ibarra solís"]


def test_a_surname_of_two_people_stays_an_organisation(build: Callable[..., Doc]) -> None:
    doc = build(SHORT_FORM)
    drafts = {"organization:ibarra": _Draft("Ibarra", "organization", None, [doc[5:6]]),
              **drafts_of(doc, ("Marta Ibarra Solís", 0, 3), ("Luis Ibarra Soto", 1, 3))}
    _resolve_short_forms(drafts)
    assert len(drafts) == 3


# -- particles ---------------------------------------------------------------------------

PARTICLE_NAME = """
María      María      PROPN nsubj  5
del        del        ADP   flat   0
Rosario    Rosario    PROPN flat   0
Navarro    Navarro    PROPN flat   0
Prieto     Prieto     PROPN flat   0
declaró    declarar   VERB  ROOT   5
.          .          PUNCT punct  5
"""


@pytest.mark.parametrize("label", [
    "PERSON",
    "PER",
])
def test_two_mentions_joined_by_a_particle(build: Callable[..., Doc], label: str) -> None:
    doc = build(PARTICLE_NAME, lang="es", ents=[(0, 2, label), (2, 5, label)])
    assert [(s.text, s.label_) for s in _join_particles(doc)] == [("María del Rosario Navarro Prieto", label)]
    assert names(resolve(doc, "es")) == [("María del Rosario Navarro Prieto", ["María del Rosario Navarro Prieto"])]


def test_mention_cut_at_a_particle_runs_on(build: Callable[..., Doc]) -> None:
    doc = build(PARTICLE_NAME, lang="es", ents=[(0, 2, "PER")])
    assert [(s.text, s.label_) for s in _join_particles(doc)] == [("María del Rosario Navarro Prieto", "PER")]


def test_mentions_without_a_particle_stay_apart(build: Callable[..., Doc]) -> None:
    doc = build("""
    Navarro    Navarro    PROPN nsubj  3
    y          y          CCONJ cc     2
    Prieto     Prieto     PROPN conj   0
    declararon declarar   VERB  ROOT   3
    """, lang="es", ents=[(0, 1, "PER"), (2, 3, "PER")])
    assert [s.text for s in _join_particles(doc)] == ["Navarro", "Prieto"]


def test_known_names_are_not_joined(build: Callable[..., Doc]) -> None:
    doc = build("""
    Cártel     Cártel     PROPN nsubj  0
    del        del        ADP   case   2
    Golfo      Golfo      PROPN nmod   0
    """, lang="es", ents=[(0, 3, "ORG", "org/gulf-cartel")])
    assert [s.text for s in _join_particles(doc)] == ["Cártel del Golfo"]


# -- what is not an entity ---------------------------------------------------------------

NICKNAME = """
Julio      Julio      PROPN compound 2
Ramos      Ramos      PROPN compound 2
Prieto     Prieto     PROPN nsubj    9
,          ,          PUNCT punct    2
alias      alias      NOUN  appos    2
«          «          PUNCT punct    7
El         El         DET   det      7
Tábano     Tábano     PROPN appos    4
»          »          PUNCT punct    7
cayó       caer       VERB  ROOT     9
"""


def test_quoted_nickname_is_not_a_second_person(build: Callable[..., Doc]) -> None:
    doc = build(NICKNAME, lang="es", ents=[(0, 3, "PER"), (6, 8, "PER")])
    assert doc.text == "Julio Ramos Prieto, alias «El Tábano» cayó"
    assert names(resolve(doc, "es")) == [("Julio Ramos Prieto", ["Julio Ramos Prieto"])]


def test_unquoted_unknown_name_is_kept(build: Callable[..., Doc]) -> None:
    doc = build("Tábano Tábano PROPN nsubj 1\ncayó caer VERB ROOT 1", lang="es", ents=[(0, 1, "PER")])
    assert names(resolve(doc, "es")) == [("Tábano", ["Tábano"])]


@pytest.mark.parametrize("language, table, ents", [
    ("es", "la el DET det 1\nLey Ley PROPN ROOT 1\nde de ADP case 3\nSeguridad Seguridad PROPN nmod 1\n"
           "Nacional Nacional PROPN amod 3", [(1, 5, "MISC")]),
    ("es", "la el DET det 1\nLey Ley PROPN ROOT 1\nde de ADP case 3\nSeguridad Seguridad PROPN nmod 1\n"
           "Nacional Nacional PROPN amod 3", [(1, 5, "ORG")]),
    ("en", "the the DET det 3\nNational National PROPN compound 3\nSecurity Security PROPN compound 3\n"
           "Law law NOUN ROOT 3", [(1, 4, "ORG")]),
    ("es", "Según según ADP case 1\nHarfuch Harfuch PROPN ROOT 1", [(0, 1, "PER")]),
], ids=["ley-misc", "ley-org", "law", "según"])
def test_laws_and_adverbs_are_not_entities(build: Callable[..., Doc], language: str, table: str, ents) -> None:
    doc = build(table, lang=language, ents=ents)
    assert resolve(doc, language) == []


def test_law_with_a_proper_noun_head_is_not_an_entity(build: Callable[..., Doc]) -> None:
    doc = build("the the DET det 3\nNational National PROPN compound 3\nSecurity Security PROPN compound 3\n"
                "Law Law PROPN ROOT 3", ents=[(1, 4, "ORG")])
    assert resolve(doc) == []


def test_a_piece_of_a_known_name_is_not_an_entity(build: Callable[..., Doc]) -> None:
    # "Protección Ciudadana", cut out of "Secretaría de Seguridad y Protección Ciudadana"
    doc = build("Protección Protección PROPN ROOT 0\nCiudadana Ciudadana PROPN amod 0", lang="es",
                ents=[(0, 2, "ORG")])
    assert resolve(doc, "es") == []


# -- trimming and display ----------------------------------------------------------------

def test_trim_article_and_possessive(build: Callable[..., Doc]) -> None:
    doc = build("""
    the        the        DET   det      2
    Gulf       Gulf       PROPN compound 2
    Cartel     Cartel     PROPN poss     4
    's         's         PART  case     2
    boss       boss       NOUN  ROOT     4
    """, ents=[(0, 4, "ORG")])
    span = _trim(doc.ents[0])
    assert (span.text, span.label_) == ("Gulf Cartel", "ORG")


@pytest.mark.parametrize("text, name", [
    ("the Gulf Cartel's", "Gulf Cartel"),
    ("Los Zetas", "Zetas"),
    ("LOS BRAVOS DEL NORTE", "Los Bravos Del Norte"),
    ("CJNG", "CJNG"),
    ("  Marta Ibarra’ ", "Marta Ibarra"),
])
def test_display_name(text: str, name: str) -> None:
    assert _display_name(text) == name


# -- a person's first word labelled apart -------------------------------------------------

GOVERNOR = """
Governor   governor   PROPN compound 3
Esteban    Esteban    PROPN compound 3
Quiroga    Quiroga    PROPN compound 3
Maldonado  Maldonado  PROPN nsubj    4
spoke      speak      VERB  ROOT     4
.          .          PUNCT punct    4
"""


def test_a_cut_off_first_name_joins_the_person(build: Callable[..., Doc]) -> None:
    doc = build(GOVERNOR, ents=[(1, 2, "ORG"), (2, 4, "PERSON")])
    assert names(resolve(doc)) == [("Esteban Quiroga Maldonado", ["Esteban Quiroga Maldonado"])]


def test_an_acronym_before_a_name_stays_a_group(build: Callable[..., Doc]) -> None:
    doc = build("""
    DEA        DEA        PROPN compound 2
    agent      agent      NOUN  compound 2
    Ana        Ana        PROPN compound 3
    Ruiz       Ruiz       PROPN nsubj    4
    spoke      speak      VERB  ROOT     4
    """, ents=[(0, 1, "ORG"), (2, 4, "PERSON")])
    assert [e.type for e in resolve(doc)] == ["organization", "person"]
    doc = build("""
    FBI        FBI        PROPN compound 1
    Ana        Ana        PROPN compound 2
    Ruiz       Ruiz       PROPN nsubj    3
    spoke      speak      VERB  ROOT     3
    """, ents=[(0, 1, "ORG"), (1, 3, "PERSON")])
    assert [e.name for e in resolve(doc)][-1] == "Ana Ruiz"


def test_a_title_word_before_a_name_is_not_its_first_name(build: Callable[..., Doc]) -> None:
    doc = build("""
    Secretary  secretary  PROPN compound 4
    of         of         ADP   prep     0
    State      State      PROPN pobj     1
    Ruiz       Ruiz       PROPN compound 4
    Tapia      Tapia      PROPN nsubj    5
    spoke      speak      VERB  ROOT     5
    """, ents=[(2, 3, "ORG"), (3, 5, "PERSON")])
    assert "Ruiz Tapia" in [e.name for e in resolve(doc)]


@pytest.mark.parametrize("language,text", [
    ("en", "Officials of the Biden administration met in El Paso on Monday."),
    ("es", "Funcionarios del Gobierno de Sheinbaum viajaron a Washington el lunes."),
])
def test_a_government_named_for_a_person_names_that_person(language: str, text: str) -> None:
    from newsledger.extract import extract_text

    result = extract_text(text, language=language)
    people = {e.name: e for e in result.entities if e.type == "person"}
    person = people["Joe Biden" if language == "en" else "Claudia Sheinbaum"]
    assert [m.text for m in person.mentions] == ["Biden" if language == "en" else "Sheinbaum"]
    assert any(e.type != "person" and any(person.mentions[0].start >= m.start and person.mentions[0].end <= m.end
                                          for m in e.mentions) for e in result.entities)


def test_no_person_is_found_inside_a_name_on_a_place_word() -> None:
    from newsledger.extract import extract_text

    result = extract_text("The Sinaloa Cartel and the Juárez Cartel fought in Ciudad Juárez.", language="en")
    assert not [e for e in result.entities if e.type == "person"]


@pytest.mark.parametrize("words, kept", [
    (["the", "Gulf", "Cartel", "'s"], "Gulf Cartel"),
    (["the", "Gulf", "Cartel", "'S"], "Gulf Cartel 'S"),  # the possessive is matched as written
    (["Aeronaves", "del"], "Aeronaves"),
    (["Juan", "Ruiz", ",", "."], "Juan Ruiz"),
])
def test_trim_reads_the_token_index_as_the_tokens(words: list[str], kept: str) -> None:
    """``_trim`` reads the lower-cased forms from the token index: the same cut as the tokens'."""
    doc = Doc(vocab("en"), words=words)
    doc.ents = [Span(doc, 0, len(words), label="ORG")]
    span = _trim(doc.ents[0])
    assert (span.text, span.label_) == (kept, "ORG")
