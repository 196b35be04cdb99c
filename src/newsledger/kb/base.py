"""The knowledge base: entries by id, name lookup, country codes and ruler patterns."""
from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

from rapidfuzz import fuzz, process

from newsledger.kb.entry import KBEntry
from newsledger.kb.loader import alias_key, load_entries
from newsledger.kb.text import fold, without_article

FUZZY_THRESHOLD = 90.0
# A fuzzy winner must beat every other entry by this much, or the answer is "ambiguous".
FUZZY_MARGIN = 3.0
# Shorter queries are too easy to confuse ("Mayo"/"Maya"); they must match exactly.
FUZZY_MIN_LENGTH = 6
# Given-name particles that a shortened person name may drop ("José de Jesús Méndez").
_PARTICLES = frozenset({"de", "del", "la", "las", "los", "y"})

Key = tuple[str, str]
# How many lookup answers a knowledge base keeps (a few MB); past that it starts afresh.
_ANSWERS_KEPT = 100_000


def data_dir() -> Path:
    """The directory of the shipped YAML files."""
    return Path(str(resources.files("newsledger.kb").joinpath("data")))


class KnowledgeBase:
    """Known actors and places, with lookups that never guess across types.

    Build it with ``KnowledgeBase.default()`` (the shipped data, loaded once) or
    ``KnowledgeBase.from_files(paths)`` (tests, extra data).
    """

    def __init__(self, entries: Sequence[KBEntry]):
        self.entries: tuple[KBEntry, ...] = tuple(entries)
        self._by_id = {e.id: e for e in self.entries}
        # key -> {entry id -> languages whose list holds it ("" for the canonical name)}
        self._names: dict[Key, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
        self._demonyms: dict[Key, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
        # Folded aliases minus their article ("el mencho" -> "mencho"), a weaker second tier.
        self._bare: dict[Key, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
        for entry in self.entries:
            self._index(self._names, entry.name, entry.id, "")
            for language, aliases in entry.aliases.items():
                for alias in aliases:
                    self._index(self._names, alias, entry.id, language)
            for language, demonyms in entry.demonyms.items():
                for demonym in demonyms:
                    self._index(self._demonyms, demonym, entry.id, language)
        for (kind, text), owners in list(self._names.items()):
            bare = without_article(text) if kind == "fold" else None
            if bare:
                for entry_id, languages in owners.items():
                    self._bare[("fold", bare)][entry_id] |= languages
        self._fuzzy_keys: dict[str, list[tuple[str, str]]] = defaultdict(list)  # type -> (key, id)
        for (kind, text), owners in self._names.items():
            if kind == "fold":
                for entry_id in owners:
                    self._fuzzy_keys[self._by_id[entry_id].type].append((text, entry_id))
        # Word lists of every person's full names (the canonical name and any alias at least
        # as long: "Claudia Sheinbaum Pardo"), which shortened names are matched against.
        self._person_words: list[tuple[str, list[str]]] = []
        for entry in self.entries:
            if entry.type == "person":
                size = len(_words(entry.name))
                self._person_words += [(entry.id, _words(n)) for n in entry.all_names()
                                       if len(_words(n)) >= size]
        # The same lists by first word: a shortened name starts with the full name's first
        # word, so an unknown name is compared with the few names that share it.
        self._person_words_by_first: dict[str, list[tuple[str, list[str]]]] = defaultdict(list)
        for entry_id, tokens in self._person_words:
            if tokens:
                self._person_words_by_first[tokens[0]].append((entry_id, tokens))
        self._patterns: dict[str, list[dict[str, Any]]] = {}
        self._isos = {e.iso: e for e in self.entries if e.iso}
        self._choices: dict[tuple[str, str | None], _Choices] = {}
        self._answers: dict[tuple[str, str | None, str | None, bool, str | None], KBEntry | None] = {}
        # Folded office titles of all people, longest first ("attorney general", "president").
        self._titles = sorted({fold(t) for e in self.entries if e.type == "person"
                               for ts in e.titles.values() for t in ts} - {""}, key=len, reverse=True)
        # The same titles by first word, in that order: a name can only start with a title
        # whose first word is its own first word.
        self._titles_by_first: dict[str, list[str]] = defaultdict(list)
        for title in self._titles:
            self._titles_by_first[title.split(" ", 1)[0]].append(title)

    @staticmethod
    def _index(table: dict[Key, dict[str, set[str]]], text: str, entry_id: str, language: str) -> None:
        table[alias_key(text)][entry_id].add(language)

    @classmethod
    def from_files(cls, paths: Iterable[str | Path]) -> "KnowledgeBase":
        """A knowledge base of the given YAML files (checked; errors raise KnowledgeBaseError)."""
        return cls(load_entries(Path(p) for p in paths))

    @classmethod
    def default(cls) -> "KnowledgeBase":
        """The shipped knowledge base (``kb/data/*.yaml``), loaded once per process."""
        return _default()

    def get(self, kb_id: str) -> KBEntry | None:
        return self._by_id.get(kb_id)

    def __len__(self) -> int:
        return len(self.entries)

    # ------------------------------------------------------------------ lookup
    def lookup(self, name: str, type: str | None = None, country: str | None = None,
               fuzzy: bool = True, language: str | None = None) -> KBEntry | None:
        """The entry ``name`` denotes, or None when unknown or ambiguous.

        Exact first: the folded name against every name and alias of every language
        (acronyms by exact shape), then again without a leading article. With ``fuzzy``,
        a person's shortened full name ("Omar Harfuch") and near spellings (rapidfuzz,
        score ≥ 90, clear of the runner-up) are tried within the requested type. A leading
        office title ("President Donald Trump"), a possessive and a bare ISO code ("MX")
        are understood. ``language`` ("en"/"es") only settles a spelling that two entries
        share across types ("EU": the United States in Spanish, the European Union in
        English). An answer is never chosen among entries of different types: ambiguous
        means None.
        """
        # The knowledge base never changes once built, and the same names are looked up
        # again in every report: each question is answered once.
        key = (name, type, country, fuzzy, language)
        if key not in self._answers:
            if len(self._answers) >= _ANSWERS_KEPT:
                self._answers.clear()
            self._answers[key] = self._lookup(name, type, country, fuzzy, language)
        return self._answers[key]

    def _lookup(self, name: str, type: str | None, country: str | None, fuzzy: bool,
                language: str | None) -> KBEntry | None:
        query = name.strip()
        if not query or not fold(query):
            return None
        keys = [alias_key(query)]
        if keys[0][0] == "shape":  # an all-capitals dateline ("MEXICO CITY") is a name too
            keys.append(("fold", fold(query)))
        folded = fold(query)
        if query in self._isos and type in (None, "place"):  # "MX", "VE"
            return self._isos[query]
        tiers: list[tuple[list[Key], str | None]] = [(keys, type)]
        bare = without_article(folded)
        if bare:
            parts = query.split(None, 1)  # "the U.S." -> "U.S.", which keeps its capitals
            rest = parts[1] if len(parts) == 2 else bare
            tiers.append(([alias_key(rest), ("fold", bare)], type))
        if folded.endswith(" s") and len(folded) > 3:  # possessive left on the span
            tiers.append(([("fold", folded[:-2])], type))
        untitled = self._without_title(folded)
        if untitled and type in (None, "person"):  # "President Donald Trump"
            tiers.append(([("fold", untitled)], "person"))
        for tier, tier_type in tiers:
            for table in (self._names, self._bare):
                found: dict[str, set[str]] = defaultdict(set)
                for key in tier:
                    for entry_id, languages in table.get(key, {}).items():
                        found[entry_id] |= languages
                entry = self._choose(found, tier_type, country, language)
                if entry is not None:
                    return entry
        if not fuzzy:
            return None
        if type in (None, "person"):
            entry = self._person_by_parts(folded, country)
            if entry is not None:
                return entry
        return self._fuzzy(folded, type, country)

    def _without_title(self, folded: str) -> str | None:
        """``folded`` minus a leading office title of some known person, if any."""
        for title in self._titles_by_first.get(folded.split(" ", 1)[0], ()):
            if folded.startswith(title + " ") and len(folded) > len(title) + 1:
                return folded[len(title) + 1:]
        return None

    def _allowed(self, entry: KBEntry, type: str | None, country: str | None) -> bool:
        if type is not None and entry.type != type:
            return False
        if country is not None and (entry.iso or entry.country) not in (None, country):
            return False
        return True

    def _choose(self, found: dict[str, set[str]], type: str | None, country: str | None,
                language: str | None) -> KBEntry | None:
        candidates = dict(found)
        if len(candidates) > 1 and language is not None:
            # What this language (or a canonical name) calls so wins over a spelling that
            # only another language uses: English "EU" is the European Union, whatever
            # the type asked for.
            own = {i: l for i, l in candidates.items() if l & {language, ""}}
            if own:
                candidates = own
        candidates = {i: l for i, l in candidates.items() if self._allowed(self._by_id[i], type, country)}
        if len(candidates) != 1:
            return None
        return self._by_id[next(iter(candidates))]

    def _person_by_parts(self, folded: str, country: str | None) -> KBEntry | None:
        """A person named by some of the words of a known full name, first name first and
        ending on one of its (Spanish: two) surnames.

        "Omar Harfuch" and "Miguel Treviño" are unique among known full names; "Ovidio
        Guzmán"'s father and brother share a surname but not a first name. "Miguel Ángel"
        (no surname) and one-word surnames are left to in-document short-form resolution.
        """
        words = _words(folded)
        if len(words) < 2:
            return None
        matches = {entry_id for entry_id, tokens in self._person_words_by_first.get(words[0], ())
                   if len(tokens) > len(words) and set(words) <= set(tokens)
                   and 0 < tokens.index(words[-1]) >= len(tokens) - 2
                   and self._allowed(self._by_id[entry_id], "person", country)}
        return self._by_id[matches.pop()] if len(matches) == 1 else None

    def _fuzzy_choices(self, entry_type: str, country: str | None) -> _Choices:
        """The (key, id) pairs of a type (and country) that fuzzy matching compares, their
        keys, and the keys' positions by length; made once per type and country."""
        choice = (entry_type, country)
        if choice not in self._choices:
            pairs = [(k, i) for k, i in self._fuzzy_keys.get(entry_type, [])
                     if self._allowed(self._by_id[i], entry_type, country)]
            keys = [k for k, _ in pairs]
            by_length = sorted(range(len(keys)), key=lambda index: len(keys[index]))
            self._choices[choice] = _Choices(pairs, keys, [len(keys[i]) for i in by_length], by_length)
        return self._choices[choice]

    def _fuzzy(self, folded: str, type: str | None, country: str | None) -> KBEntry | None:
        if len(folded) < FUZZY_MIN_LENGTH:
            return None
        types = [type] if type is not None else list(self._fuzzy_keys)
        best: dict[str, float] = {}
        for entry_type in types:
            choices = self._fuzzy_choices(entry_type, country)
            positions, keys = choices.near_keys(len(folded))
            results = process.extract(folded, keys, scorer=fuzz.token_sort_ratio,
                                      score_cutoff=FUZZY_THRESHOLD, limit=10)
            for _, score, index in results:
                entry_id = choices.pairs[positions[index]][1]
                best[entry_id] = max(best.get(entry_id, 0.0), score)
        if not best:
            return None
        ranked = sorted(best.items(), key=lambda item: item[1], reverse=True)
        winner, top = ranked[0]
        if len(ranked) > 1 and ranked[1][1] > top - FUZZY_MARGIN:
            return None  # two entries about as close: ambiguous
        if len({self._by_id[i].type for i in best}) > 1:
            return None  # never guess across types
        return self._by_id[winner]

    # ------------------------------------------------------------ countries
    def country_code(self, text: str, language: str | None = None, places: bool = False) -> str | None:
        """The ISO code a country name, code, demonym or government phrase stands for.

        "Mexico", "México", "Mexican", "mexicanos", "U.S.", "EE.UU.", "estadounidense",
        "American", "Mexican government" → "MX"/"US". A bare ISO code ("MX") answers
        itself. With ``places``, any known place gives its country ("Culiacán" → "MX").
        With ``language``, a spelling that the language gives to something else is not
        read as a country (English "EU" is the European Union, not Spanish "EU").
        """
        query = text.strip()
        if query in self._isos:
            return query
        entry = self.lookup(query, type="place", fuzzy=False, language=language)
        if entry is not None and entry.iso:
            return entry.iso
        if entry is not None and places:
            return self._country_of(entry)
        demonym = self.demonym(query, language)
        return demonym.iso if demonym is not None else None

    def part_of(self, inner: str, outer: str) -> bool:
        """Whether the place named ``inner`` lies inside the place named ``outer``, up the
        ``part_of`` chain ("Brooklyn" in "New York")."""
        entry, target = self.lookup(inner, type="place"), self.lookup(outer, type="place")
        return entry is not None and target is not None and self.inside(entry.id, target.id)

    def inside(self, inner_id: str, outer_id: str) -> bool:
        """``part_of`` for two entries already resolved (no look-up of their names)."""
        entry, target = self._by_id.get(inner_id), self._by_id.get(outer_id)
        if entry is None or target is None or entry.id == target.id:
            return False
        seen: set[str] = set()
        while entry is not None and entry.part_of and entry.id not in seen:
            seen.add(entry.id)
            if entry.part_of == target.id:
                return True
            entry = self._by_id.get(entry.part_of)
        return False

    def _country_of(self, entry: KBEntry) -> str | None:
        """A place's country: its own ``country``, else the first one up its part_of chain."""
        current: KBEntry | None = entry
        while current is not None:
            if current.iso or current.country:
                return current.iso or current.country
            current = self._by_id.get(current.part_of) if current.part_of else None
        return None

    def demonym(self, text: str, language: str | None = None) -> KBEntry | None:
        """The country or region a demonym belongs to ("mexicanas" → Mexico), or None."""
        for key in dict.fromkeys((alias_key(text.strip()), ("fold", fold(text)))):
            owners = self._demonyms.get(key)
            if owners:
                if language is not None:
                    owners = {i: l for i, l in owners.items() if language in l} or owners
                if len(owners) == 1:
                    return self._by_id[next(iter(owners))]
                return None
        return None

    # ------------------------------------------------------------- patterns
    def patterns(self, language: str) -> list[dict[str, Any]]:
        """spaCy EntityRuler patterns for every name, alias and demonym (see patterns.py)."""
        if language not in self._patterns:
            from newsledger.kb.patterns import build_patterns
            self._patterns[language] = build_patterns(self.entries, language)
        return [dict(p) for p in self._patterns[language]]


@dataclass(frozen=True)
class _Choices:
    """The keys fuzzy matching compares for one type and country.

    Most of a fuzzy look-up's time went into scoring keys of a very different length,
    which cannot reach the threshold: ``token_sort_ratio`` is the Indel similarity of the
    two strings with their words sorted, 100 * (1 - d / (m + n)), and the distance d is
    at least the difference in length |m - n|. So a score of at least T needs
    |m - n| <= (1 - T/100) * (m + n). Keys are folded (single spaces), so sorting their
    words keeps their length; one character of slack covers a query that is not.
    """

    pairs: list[tuple[str, str]]
    keys: list[str]
    lengths: list[int]  # the keys' lengths, ascending
    by_length: list[int]  # the keys' positions in that order
    # query length -> (positions near it, their keys), filled by near_keys
    _near: dict[int, tuple[list[int], list[str]]] = field(default_factory=dict, repr=False, compare=False)

    def near_in_length(self, length: int) -> list[int]:
        """The positions, in key order, of the keys whose length could reach the threshold
        against a query of ``length``: scoring them alone gives the same results, ties
        included (extract breaks them by position, and the order is kept)."""
        room = 1 - FUZZY_THRESHOLD / 100
        low = bisect_left(self.lengths, (length * (1 - room) - 1) / (1 + room))
        high = bisect_right(self.lengths, (length * (1 + room) + 1) / (1 - room))
        return sorted(self.by_length[low:high])

    def near_keys(self, length: int) -> tuple[list[int], list[str]]:
        """``near_in_length``'s positions and their keys, worked out once per query length:
        the lengths of names recur, and each look-up sorted and copied them anew."""
        near = self._near.get(length)
        if near is None:
            positions = self.near_in_length(length)
            near = self._near[length] = (positions, [self.keys[i] for i in positions])
        return near


def _words(name: str) -> list[str]:
    """The folded words of a person's name without particles ("de", "la"…)."""
    return [w for w in fold(name).split() if w not in _PARTICLES]


@cache
def _default() -> KnowledgeBase:
    return KnowledgeBase.from_files(sorted(data_dir().glob("*.yaml")))
