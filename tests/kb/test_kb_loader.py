"""The loader refuses malformed knowledge-base files with a message that locates the fault."""
from __future__ import annotations

from pathlib import Path

import pytest

from newsledger.errors import KnowledgeBaseError
from newsledger.kb import KnowledgeBase

COUNTRY = """
- id: place/mexico
  name: Mexico
  type: place
  category: country
  iso: MX
  aliases: {es: [México]}
  demonyms: {en: [Mexican]}
"""


def write(tmp_path: Path, text: str, name: str = "data.yaml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def load(tmp_path: Path, text: str) -> KnowledgeBase:
    return KnowledgeBase.from_files([write(tmp_path, COUNTRY + text)])


def error(tmp_path: Path, text: str) -> str:
    with pytest.raises(KnowledgeBaseError) as info:
        load(tmp_path, text)
    return str(info.value)


def test_a_valid_file_loads(tmp_path: Path) -> None:
    kb = load(tmp_path, """
- id: org/sinaloa-cartel
  name: Sinaloa Cartel
  type: organization
  category: criminal_group
  country: MX
  aliases: {es: [Cártel de Sinaloa]}
- id: person/someone
  name: Juan Pérez
  type: person
  member_of: org/sinaloa-cartel
""")
    assert len(kb) == 3
    assert kb.get("person/someone").member_of == "org/sinaloa-cartel"
    assert kb.get("org/sinaloa-cartel").aliases == {"es": ("Cártel de Sinaloa",)}


def test_missing_name_names_file_line_and_entry(tmp_path: Path) -> None:
    message = error(tmp_path, """
- id: person/nameless
  type: person
""")
    assert "data.yaml:10" in message and "entry 2 (person/nameless)" in message
    assert "missing 'name'" in message


def test_bad_type(tmp_path: Path) -> None:
    assert "bad type 'people'" in error(tmp_path, "- {id: person/x, name: X Y, type: people}\n")


def test_id_must_match_type(tmp_path: Path) -> None:
    assert "bad id 'person/x'" in error(tmp_path, "- {id: person/x, name: X Y, type: place}\n")


def test_bad_category(tmp_path: Path) -> None:
    message = error(tmp_path, "- {id: org/x, name: X, type: organization, category: cartel}\n")
    assert "bad category 'cartel'" in message


def test_duplicate_id(tmp_path: Path) -> None:
    message = error(tmp_path, "- {id: place/mexico, name: Mexico Again, type: place, category: city}\n")
    assert "duplicate id 'place/mexico'" in message and "data.yaml:2" in message


def test_duplicate_id_across_files(tmp_path: Path) -> None:
    first = write(tmp_path, COUNTRY, "a.yaml")
    second = write(tmp_path, "- {id: place/mexico, name: Mexico, type: place, category: city}\n", "b.yaml")
    with pytest.raises(KnowledgeBaseError, match=r"b\.yaml:1: entry 1 \(place/mexico\): duplicate id"):
        KnowledgeBase.from_files([first, second])


def test_unknown_member_of(tmp_path: Path) -> None:
    message = error(tmp_path, "- {id: person/x, name: X Y, type: person, member_of: org/nowhere}\n")
    assert "unknown member_of target 'org/nowhere'" in message


def test_member_of_must_be_an_organization(tmp_path: Path) -> None:
    message = error(tmp_path, "- {id: person/x, name: X Y, type: person, member_of: place/mexico}\n")
    assert "is a place, not a organization" in message


def test_part_of_must_be_a_place(tmp_path: Path) -> None:
    message = error(tmp_path, """
- {id: org/x, name: X, type: organization}
- {id: place/y, name: Y, type: place, category: city, part_of: org/x}
""")
    assert "part_of target 'org/x' is a organization, not a place" in message


def test_invalid_iso(tmp_path: Path) -> None:
    message = error(tmp_path, "- {id: place/x, name: X, type: place, category: country, iso: usa}\n")
    assert "invalid ISO 3166-1 alpha-2 code in 'iso': 'usa'" in message


def test_country_code_must_be_a_known_country(tmp_path: Path) -> None:
    message = error(tmp_path, "- {id: place/x, name: X, type: place, category: city, country: ZZ}\n")
    assert "country 'ZZ' is not the iso of any country entry" in message


def test_unquoted_no_is_explained(tmp_path: Path) -> None:
    message = error(tmp_path, "- {id: place/norway, name: Norway, type: place, category: country, iso: NO}\n")
    assert "quote it" in message


def test_a_country_needs_an_iso(tmp_path: Path) -> None:
    message = error(tmp_path, "- {id: place/x, name: X, type: place, category: country}\n")
    assert "a country needs 'iso'" in message


def test_alias_shared_within_a_type_is_refused(tmp_path: Path) -> None:
    message = error(tmp_path, """
- {id: place/new-mexico, name: New Mexico, type: place, category: state, aliases: {es: [MEXICO, mexico]}}
""")
    assert "'mexico' is also a name of place/mexico" in message


def test_alias_shared_across_types_is_allowed(tmp_path: Path) -> None:
    kb = load(tmp_path, "- {id: org/mexico-fc, name: Mexico, type: organization, category: company}\n")
    assert kb.lookup("Mexico") is None  # ambiguous without a type
    assert kb.lookup("Mexico", type="organization").id == "org/mexico-fc"


def test_acronyms_only_collide_with_the_same_capitals(tmp_path: Path) -> None:
    kb = load(tmp_path, """
- {id: place/us, name: United States, type: place, category: country, iso: US, aliases: {en: [US]}}
- {id: place/us-town, name: Us, type: place, category: city, country: US}
""")
    assert kb.lookup("US").id == "place/us"
    assert kb.lookup("us").id == "place/us-town"


def test_unknown_field(tmp_path: Path) -> None:
    assert "unknown field(s) alias" in error(tmp_path, "- {id: person/x, name: X Y, type: person, alias: [Z]}\n")


def test_aliases_must_be_lists_by_language(tmp_path: Path) -> None:
    assert "'aliases' must map language codes" in error(
        tmp_path, "- {id: person/x, name: X Y, type: person, aliases: [Z]}\n")
    assert "bad language code 'english'" in error(
        tmp_path, "- {id: person/x, name: X Y, type: person, aliases: {english: [Z]}}\n")


def test_demonyms_only_for_countries_and_regions(tmp_path: Path) -> None:
    message = error(tmp_path, "- {id: place/x, name: X, type: place, category: city, demonyms: {en: [Xian]}}\n")
    assert "have demonyms" in message


def test_invalid_yaml_names_the_line(tmp_path: Path) -> None:
    path = write(tmp_path, "- id: person/x\n  name: [unclosed\n")
    with pytest.raises(KnowledgeBaseError, match=r"data\.yaml:\d+: invalid YAML"):
        KnowledgeBase.from_files([path])


def test_top_level_must_be_a_list(tmp_path: Path) -> None:
    path = write(tmp_path, "id: person/x\n")
    with pytest.raises(KnowledgeBaseError, match="expected a list of entries"):
        KnowledgeBase.from_files([path])


def test_an_empty_file_is_no_entries(tmp_path: Path) -> None:
    assert len(KnowledgeBase.from_files([write(tmp_path, "")])) == 0


def test_titles_sharing_a_first_word_longest_first(tmp_path: Path) -> None:
    # Titles are kept by first word for speed: the longest one that opens the name still wins.
    kb = load(tmp_path, """
- id: person/ana-ruiz
  name: Ana Ruiz Soto
  type: person
  titles: {en: [Deputy, Deputy Minister of Water]}
- id: person/minister-water
  name: Water Board
  type: person
""")
    assert kb.lookup("Deputy Minister of Water Ana Ruiz Soto").id == "person/ana-ruiz"
    assert kb.lookup("Deputy Ana Ruiz Soto").id == "person/ana-ruiz"
    assert kb.lookup("Deputyship Ana Ruiz Soto", fuzzy=False) is None


def test_shortened_names_compare_with_names_of_the_same_first_word(tmp_path: Path) -> None:
    # Full names are kept by first word: "Ana Soto" is Ana Ruiz Soto, whatever other
    # people share her surname; two Anas ending on the same surname are ambiguous.
    kb = load(tmp_path, """
- id: person/ana-ruiz
  name: Ana Ruiz Soto
  type: person
- id: person/luis-soto
  name: Luis Perea Soto
  type: person
""")
    assert kb.lookup("Ana Soto").id == "person/ana-ruiz"
    assert kb.lookup("Luis Soto").id == "person/luis-soto"
    assert kb.lookup("Marta Soto") is None
    twins = load(tmp_path, """
- id: person/ana-ruiz
  name: Ana Ruiz Soto
  type: person
- id: person/ana-vega
  name: Ana Vega Soto
  type: person
""")
    assert twins.lookup("Ana Soto") is None


def test_fuzzy_scores_only_keys_near_in_length_with_the_same_results(tmp_path: Path) -> None:
    # Keys of a very different length cannot reach the threshold, so they are not scored;
    # the answer stays the one scoring every key gives.
    from rapidfuzz import fuzz, process

    kb = load(tmp_path, """
- id: place/villa-ahumada
  name: Villa Ahumada
  type: place
- id: place/villa-ahumadas-del-norte-grande
  name: Villa Ahumadas del Norte Grande
  type: place
- id: place/vila
  name: Vila
  type: place
""")
    assert kb.lookup("Villa Ahumda", type="place").id == "place/villa-ahumada"
    choices = kb._fuzzy_choices("place", None)
    for query in ("villa ahumda", "vila", "villa ahumadas del norte grnde", "mexico ciy", "v" * 40):
        near = choices.near_in_length(len(query))
        every = process.extract(query, choices.keys, scorer=fuzz.token_sort_ratio, score_cutoff=90.0, limit=10)
        some = process.extract(query, [choices.keys[i] for i in near], scorer=fuzz.token_sort_ratio,
                               score_cutoff=90.0, limit=10)
        assert [(k, s, near[i]) for k, s, i in some] == every, query
        assert near == sorted(near)
        # kept per length: the same positions and their keys, on every asking
        for _ in range(2):
            assert choices.near_keys(len(query)) == (near, [choices.keys[i] for i in near])
