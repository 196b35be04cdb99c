"""Integrity of the per-language extraction data: every table present and well-formed."""
import re

import pytest

from newsledger import lang
from newsledger.errors import KnowledgeBaseError
from newsledger.model import EVENT_TYPES
from newsledger.pipeline.triggers import rules

CUE_LISTS = ("people_nouns", "speech_verbs", "speech_nouns", "negation", "hypothetical", "modal_auxiliaries",
             "denial", "membership", "occurrence_nouns", "role_nouns", "person_pronouns",
             "title_words", "percent_words", "series_nouns", "nickname_cues", "announcing_verbs")


@pytest.mark.parametrize("language", lang.LANGUAGES)
def test_cues_are_lists_of_words(language: str) -> None:
    cues = lang.load(language, "cues")
    for name in CUE_LISTS:
        assert isinstance(cues[name], list) and cues[name], f"{language}/cues.yaml: {name}"
        assert all(isinstance(w, str) and w for w in cues[name]), f"{language}/cues.yaml: {name}"


@pytest.mark.parametrize("language", lang.LANGUAGES)
def test_patterns_compile(language: str) -> None:
    cues = lang.load(language, "cues")
    for entry in cues["channels"]:
        re.compile(entry["pattern"])
        assert entry["channel"]
    for pattern in cues["cumulative_patterns"]:
        assert "N" in pattern, pattern
        re.compile(pattern.replace("N", r"(\d+)"))


@pytest.mark.parametrize("language", lang.LANGUAGES)
def test_every_event_type_has_triggers(language: str) -> None:
    found = {rule.type for group in rules(language).values() for rule in group}
    assert found == set(EVENT_TYPES)


@pytest.mark.parametrize("language", lang.LANGUAGES)
def test_numbers(language: str) -> None:
    numbers = lang.load(language, "numbers")
    assert all(isinstance(v, int) for table in ("units", "tens", "scales", "ordinals")
               for v in numbers[table].values())
    assert sorted(set(numbers["ordinals"].values()))[:3] == [1, 2, 3]


def test_unknown_language_is_refused() -> None:
    with pytest.raises(KnowledgeBaseError, match="no language data for 'fr'"):
        lang.load("fr", "cues")


def test_missing_file_is_named() -> None:
    with pytest.raises(KnowledgeBaseError, match="newsledger/lang/en/nothing.yaml"):
        lang.load("en", "nothing")


SPANISH_WORD_ORDER_LISTS = ("destination_prepositions", "origin_prepositions",
                            "country_holders", "deictic_country_nouns", "demonstratives",
                            "partitive_words", "occurrence_verbs", "definite_determiners",
                            "classification_verbs")


@pytest.mark.parametrize("name", SPANISH_WORD_ORDER_LISTS)
def test_spanish_word_order_cues(name: str) -> None:
    words = lang.load("es", "cues")[name]
    assert isinstance(words, list) and words and all(isinstance(w, str) and w for w in words), name


@pytest.mark.parametrize("language", lang.LANGUAGES)
def test_modality_scope_cues_are_lists(language: str) -> None:
    cues = lang.load(language, "cues")
    for name in ("occurrence_verbs", "definite_determiners", "classification_verbs"):
        assert isinstance(cues[name], list), f"{language}/cues.yaml: {name}"


GRAMMAR_LISTS = ("light_verbs", "both_words", "period_prepositions", "indefinite_articles",
                 "negative_adverbs", "copulas")


@pytest.mark.parametrize("language", lang.LANGUAGES)
def test_grammar_lists_are_lower_case_words(language: str) -> None:
    data = lang.load(language, "grammar")
    for name in GRAMMAR_LISTS:
        words = data[name]
        assert isinstance(words, list) and words, f"{language}/grammar.yaml: {name}"
        assert all(isinstance(w, str) and w == w.lower() and w.strip() == w for w in words), name
        assert len(set(words)) == len(words), f"{language}/grammar.yaml: {name} repeats a word"


def test_grammar_any_is_the_union_of_the_languages() -> None:
    assert lang.grammar_any("light_verbs") == lang.grammar("en", "light_verbs") | lang.grammar("es", "light_verbs")
    assert "hold" in lang.grammar("en", "light_verbs") and "sostener" not in lang.grammar("en", "light_verbs")


@pytest.mark.parametrize("key", ("particles", "leading_articles", "filler", "group_heads"))
def test_shared_name_words(key: str) -> None:
    words = lang.load_shared("names")[key]
    assert isinstance(words, list) and words and all(isinstance(w, str) and w == w.lower() for w in words)
    assert lang.words("names", key) == frozenset(words)


@pytest.mark.parametrize("language", lang.LANGUAGES)
def test_generic_channels_are_channels(language: str) -> None:
    from newsledger.pipeline.quotes import generic_channels
    channels = {e["channel"] for e in lang.load(language, "cues")["channels"]}
    assert generic_channels(language) and generic_channels(language) <= channels


# Cue lists the English sentence reader uses for clause-scoped negation and hypothesis,
# places, avoidance and companions (lang/en/cues.yaml).
ENGLISH_READING_CUES = ("happening_verbs", "performing_verbs", "ruling_out", "location_prepositions",
                        "target_prepositions", "avoidance_verbs", "companion_prepositions")


@pytest.mark.parametrize("name", ENGLISH_READING_CUES)
def test_english_reading_cues_are_words(name: str) -> None:
    words = lang.load("en", "cues")[name]
    assert isinstance(words, list) and words
    # a bare on/no/yes would load as a boolean
    assert all(isinstance(w, str) and w for w in words), name


@pytest.mark.parametrize("language", lang.LANGUAGES)
def test_location_prepositions_are_words(language: str) -> None:
    cues = lang.load(language, "cues")
    for name in ("location_prepositions", "target_prepositions"):
        assert cues[name] and all(isinstance(w, str) for w in cues[name]), f"{language}: {name}"


def test_by_state_names_an_event_type() -> None:
    for group in rules("en").values():
        for rule in group:
            assert rule.by_state is None or rule.by_state in EVENT_TYPES


NAME_LISTS = ("non_names", "organization_heads", "place_heads", "thing_heads", "place_prefixes", "continuation_words",
              "organization_prefixes", "organization_suffixes", "place_suffixes")


@pytest.mark.parametrize("language", lang.LANGUAGES)
def test_name_evidence_lists(language: str) -> None:
    data = lang.load(language, "entities")
    for name in NAME_LISTS:
        assert isinstance(data[name], list), f"{language}/entities.yaml: {name}"
        assert all(isinstance(w, str) and w == w.strip().lower() for w in data[name]), \
            f"{language}/entities.yaml: {name}"
    for pattern in data["non_name_shapes"]:
        re.compile(pattern)


def test_a_bare_yaml_boolean_in_a_trigger_word_list_fails(monkeypatch: pytest.MonkeyPatch) -> None:
    from newsledger.pipeline import triggers
    data = {"military_operation": [{"lemma": "intervention", "needs_particle": [True, "in"]}]}
    monkeypatch.setattr(triggers.lang, "load", lambda language, name: data)
    triggers.rules.cache_clear()
    try:
        with pytest.raises(KnowledgeBaseError, match="quote it"):
            triggers.rules("en")
    finally:
        monkeypatch.undo()
        triggers.rules.cache_clear()


@pytest.mark.parametrize("language", lang.LANGUAGES)
def test_negative_determiners_are_a_list(language: str) -> None:
    words = lang.load(language, "grammar")["negative_determiners"]
    assert isinstance(words, list) and all(isinstance(w, str) and w == w.lower() for w in words)


def test_other_languages_data_loads_and_names_each_language() -> None:
    from newsledger import lang as language_data
    from newsledger.lang.detect import _other_profiles

    profiles = _other_profiles()
    assert {"fr", "de"} <= set(profiles)
    assert not set(profiles) & set(language_data.LANGUAGES)
    for name, words in profiles.values():
        assert name and len(words) >= 30
