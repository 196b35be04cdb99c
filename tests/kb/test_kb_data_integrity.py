"""Integrity of the shipped knowledge-base data (kb/data/*.yaml).

The loader already refuses malformed data; these tests restate the invariants
independently over the shipped files, and check the coverage the extraction relies on.
"""
from __future__ import annotations

import re
from collections import defaultdict

import pytest
import yaml

from newsledger.kb import CATEGORIES, TYPES, KnowledgeBase, data_dir, fold
from newsledger.kb.entry import ID_PREFIXES
from newsledger.kb.patterns import ambiguous_spellings
from newsledger.kb.text import is_case_sensitive, shape

KB = KnowledgeBase.default()
ISO = re.compile(r"^[A-Z]{2}$")

MEXICAN_STATES = 31  # plus Mexico City, a city entry
US_STATES = 50
AMERICAS = {"AG", "AR", "BS", "BB", "BZ", "BO", "BR", "CA", "CL", "CO", "CR", "CU", "DM", "DO",
            "EC", "SV", "GD", "GT", "GY", "HT", "HN", "JM", "MX", "NI", "PA", "PY", "PE", "KN",
            "LC", "VC", "SR", "TT", "US", "UY", "VE"}
GENERIC = {"president", "presidente", "presidenta", "the government", "government", "gobierno",
           "cartel", "el gobierno", "ministry", "secretaria", "department", "police",
           "army", "senate", "congress", "supreme court", "court", "the president", "state"}


def test_every_data_file_is_a_list_of_entries() -> None:
    files = sorted(data_dir().glob("*.yaml"))
    assert len(files) >= 8
    for path in files:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        assert isinstance(data, list) and data, path.name
        assert all(isinstance(item, dict) for item in data), path.name


def test_ids_are_unique_and_well_formed() -> None:
    ids = [e.id for e in KB.entries]
    assert len(ids) == len(set(ids))
    for entry in KB.entries:
        prefix, _, slug = entry.id.partition("/")
        assert prefix == ID_PREFIXES[entry.type], entry.id
        assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", slug), entry.id


def test_types_categories_and_codes_are_valid() -> None:
    countries = {e.iso for e in KB.entries if e.iso}
    for entry in KB.entries:
        assert entry.type in TYPES, entry.id
        assert entry.category in CATEGORIES[entry.type], entry.id
        if entry.category == "country":
            assert entry.iso and ISO.match(entry.iso), entry.id
        else:
            assert entry.iso is None, entry.id
        if entry.country is not None:
            assert ISO.match(entry.country) and entry.country in countries, entry.id
        if entry.wikidata is not None:
            assert re.fullmatch(r"Q[1-9][0-9]*", entry.wikidata), entry.id


def test_references_resolve_to_the_right_type() -> None:
    for entry in KB.entries:
        if entry.member_of:
            target = KB.get(entry.member_of)
            assert target is not None and target.type == "organization", entry.id
        if entry.part_of:
            target = KB.get(entry.part_of)
            assert target is not None and target.type == "place", entry.id


def test_no_spelling_is_shared_within_a_type() -> None:
    owners: dict[tuple[str, str], set[str]] = defaultdict(set)
    for entry in KB.entries:
        for text in entry.all_names() + entry.all_demonyms():
            key = shape(text) if is_case_sensitive(text) else fold(text)
            owners[(entry.type, key)].add(entry.id)
    shared = {key: ids for key, ids in owners.items() if len(ids) > 1}
    assert shared == {}


@pytest.mark.parametrize("language", ["en", "es"])
def test_every_pattern_spelling_has_one_owner(language: str) -> None:
    assert ambiguous_spellings(KB.entries, language) == []


def test_no_generic_word_is_an_alias() -> None:
    for entry in KB.entries:
        for alias in entry.all_names():
            assert fold(alias) not in GENERIC, (entry.id, alias)


def test_names_and_aliases_are_clean_strings() -> None:
    for entry in KB.entries:
        for text in entry.all_names() + entry.all_demonyms():
            assert text == text.strip() and "  " not in text, (entry.id, text)
            assert fold(text), (entry.id, text)


def test_coverage_of_states_and_countries() -> None:
    states = defaultdict(int)
    for entry in KB.entries:
        if entry.category == "state":
            states[entry.country] += 1
    assert states["MX"] == MEXICAN_STATES
    assert states["US"] == US_STATES
    assert AMERICAS <= {e.iso for e in KB.entries if e.iso}
    assert KB.lookup("Mexico City", type="place").category == "city"  # the 32nd federal entity

