"""One actor under several spellings; different actors kept apart."""
from __future__ import annotations

from newsledger.ledger.names import Name, choose_display, group_names, same_entity
from newsledger.model import Entity, Span


def person(text: str, titles: tuple[str, ...] = ()) -> Name:
    return Name.make(text, Entity("e1", text, "person", titles=list(titles)))


def group(text: str, *mentions: str) -> Name:
    return Name.make(text, Entity("e1", text, "organization", mentions=[Span(0, len(m), m) for m in mentions]))


def test_spellings_of_one_person() -> None:
    full = person("Omar García Harfuch")
    assert same_entity(full, person("García Harfuch"))
    assert same_entity(full, person("Omar Garcia Harfuch"))
    titled = person("el secretario de Seguridad Omar García Harfuch", ("secretario de Seguridad",))
    assert titled.text == "Omar García Harfuch" and same_entity(full, titled)


def test_groups_by_acronym_translation_and_word_order() -> None:
    cjng = group("CJNG")
    assert same_entity(cjng, group("Jalisco New Generation Cartel"))
    assert same_entity(cjng, group("Cártel Jalisco Nueva Generación"))
    assert same_entity(group("Cártel de Sinaloa"), group("Sinaloa Cartel"))
    assert same_entity(group("Cártel del Noreste"), group("Northeast Cartel", "Cártel del Noreste"))
    assert not same_entity(group("Sinaloa Cartel"), group("Gulf Cartel"))


def test_relatives_are_not_one_person_and_partial_names_do_not_chain() -> None:
    miguel, omar, partial = person("Miguel Ángel Treviño Morales"), person("Omar Treviño Morales"), person("Treviño Morales")
    assert not same_entity(miguel, omar)
    groups = group_names([miguel, omar, partial])
    assert sorted(len(g) for g in groups) == [1, 1, 1]


def test_display_name_is_the_full_accented_one() -> None:
    names = [person("García Harfuch"), person("Omar Garcia Harfuch"), person("Omar García Harfuch"),
             person("García Harfuch")]
    assert [len(g) for g in group_names(names)] == [4]
    assert choose_display(names) == "Omar García Harfuch"


def test_a_name_is_made_once_per_distinct_input() -> None:
    """Names are shared between reports (they are immutable); any other knowledge of the
    entity (a title, a mention, a country) makes another name."""
    harfuch = Entity("e1", "Omar García Harfuch", "person", None, "MX", ["Security Minister"],
                     mentions=[Span(0, 7, "Harfuch")])
    first = Name.make("Security Minister Omar García Harfuch", harfuch, "persons")
    again = Name.make("Security Minister Omar García Harfuch",
                      Entity("e9", "Omar García Harfuch", "person", None, "MX", ["Security Minister"],
                             mentions=[Span(40, 47, "Harfuch")]), "persons")
    assert again is first and first.text == "Omar García Harfuch" and "harfuch" in first.aliases
    other = Name.make("Security Minister Omar García Harfuch",
                      Entity("e1", "Omar García Harfuch", "person", None, "US", ["Security Minister"]), "persons")
    assert other is not first and other.country == "US" and "harfuch" not in other.aliases
    assert Name.make("Omar García Harfuch") is Name.make("Omar García Harfuch")


def test_places_agree_when_one_lies_inside_the_other() -> None:
    from newsledger.ledger.names import Name, places_agree

    city = Name.make("Culiacán", Entity("e1", "Culiacán", "place", "city", "MX", kb_id="place/culiacan"))
    state = Name.make("Sinaloa", Entity("e2", "Sinaloa", "place", "state", "MX", kb_id="place/sinaloa"))
    other_state = Name.make("Sonora", Entity("e3", "Sonora", "place", "state", "MX", kb_id="place/sonora"))
    unknown_town = Name.make("Choix", Entity("e4", "Choix", "place"))
    other_town = Name.make("Eldorado", Entity("e5", "Eldorado", "place"))
    assert places_agree(city, state) and places_agree(state, city)
    assert not places_agree(city, other_state)
    assert places_agree(unknown_town, state)  # a town the knowledge base does not know may lie in it
    assert not places_agree(unknown_town, other_town)
