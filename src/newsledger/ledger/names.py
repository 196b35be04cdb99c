"""Comparing names of people, groups and places across documents.

Each document's extraction already gives canonical names where the knowledge base knows
the actor, but reports of one event still spell people differently ("García Harfuch",
"Omar Garcia Harfuch", "el secretario de Seguridad Omar García Harfuch") and name groups by
acronym or in another language ("CJNG", "Jalisco New Generation Cartel"). Merging needs a
yes/no answer per pair of names that depends only on the two names and what their own
documents say about them (type, country, knowledge-base id, mention spellings), never on
which other documents happen to be loaded: that keeps merging order-independent.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from rapidfuzz import fuzz

from newsledger.model import Entity

# Function words that carry no identity in names, in the project's two languages.
_FILLER = frozenset({"the", "of", "de", "del", "la", "las", "los", "el", "y", "and", "e", "da", "do"})
# Generic heads that groups are named with in either language ("Cártel de Sinaloa").
_GROUP_HEADS = frozenset({"cartel", "cartels", "organization", "organizacion"})
_FUZZY_MIN_RATIO = 92.0
_FUZZY_MIN_LENGTH = 6


def fold(text: str | None) -> str:
    """Case, accent and punctuation folding, the same rule the evaluation applies."""
    if not text:
        return ""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c)).casefold()
    text = re.sub(r"[^\w%]+", " ", text).strip()
    return re.sub(r"^the ", "", text)


def tokens(text: str) -> frozenset[str]:
    """The identifying words of a name: folded, without function words."""
    return frozenset(word for word in fold(text).split() if word not in _FILLER)


def strip_titles(name: str, titles: list[str] | tuple[str, ...] = ()) -> str:
    """A person's name without a leading office ("el secretario de Seguridad Omar …").

    The office is removed when the extraction listed it as one of the entity's titles;
    otherwise leading lower-case words (articles, offices written in lower case) go.
    """
    result = name.strip()
    for title in sorted(titles, key=len, reverse=True):
        folded_title = fold(title)
        if folded_title and fold(result).startswith(folded_title):
            words = result.split()
            kept = len(folded_title.split())
            # Drop as many words as the title has (folding keeps word counts for names).
            result = " ".join(words[kept:]) if len(words) > kept else result
            break
    words = result.split()
    while len(words) > 1 and words[0][:1].islower():
        words = words[1:]
    return " ".join(words)


def _acronym(word: str) -> str | None:
    """The letters of an acronym-looking name ("CJNG", "C.J.N.G."), else None."""
    letters = word.replace(".", "")
    if 2 <= len(letters) <= 6 and letters.isalpha() and letters.isupper():
        return letters.casefold()
    return None


@dataclass(frozen=True)
class Name:
    """One participant name as one document states it, with that document's knowledge.

    ``key`` is a string summary of everything the comparison uses, so comparisons can be
    cached per pair of keys (strings cache their hash).
    """

    text: str
    type: str | None = None
    country: str | None = None
    kb_id: str | None = None
    aliases: frozenset[str] = field(default_factory=frozenset)
    folded: str = ""
    words: frozenset[str] = field(default_factory=frozenset)
    key: str = ""

    @classmethod
    def make(cls, text: str, entity: Entity | None = None, default_type: str | None = None) -> "Name":
        titles = tuple(entity.titles) if entity else ()
        type_ = entity.type if entity else default_type
        core = strip_titles(text, titles) if type_ == "person" else text
        aliases = {fold(core)}
        if entity is not None:
            aliases.add(fold(strip_titles(entity.name, titles)))
            for mention in entity.mentions:
                spelling = strip_titles(mention.text, titles) if type_ == "person" else mention.text
                if len(fold(spelling)) >= 2:
                    aliases.add(fold(spelling))
        aliases.discard("")
        folded = fold(core)
        country = entity.country if entity else None
        kb_id = entity.kb_id if entity else None
        key = "|".join([type_ or "", country or "", kb_id or "", folded, *sorted(aliases)])
        return cls(core, type_, country, kb_id, frozenset(aliases), folded, tokens(core), key)


_CACHE: dict[tuple[str, str], bool] = {}


def same_entity(a: Name, b: Name) -> bool:
    """Whether two names denote one actor, judged from the two names alone."""
    if a.key == b.key:
        return True
    pair = (a.key, b.key) if a.key < b.key else (b.key, a.key)
    known = _CACHE.get(pair)
    if known is None:
        known = _decide(a, b)
        if len(_CACHE) > 500_000:
            _CACHE.clear()
        _CACHE[pair] = known
    return known


def _decide(a: Name, b: Name) -> bool:
    if a.kb_id and b.kb_id:
        return a.kb_id == b.kb_id
    if a.type and b.type and a.type != b.type:
        return False
    if a.country and b.country and a.country != b.country and "person" not in (a.type, b.type):
        return False
    if a.folded == b.folded or a.folded in b.aliases or b.folded in a.aliases:
        return True
    if a.words and a.words == b.words:
        return True
    kind = a.type or b.type
    short, long_ = (a, b) if len(a.words) <= len(b.words) else (b, a)
    if kind == "person" and len(short.words) >= 2 and short.words <= long_.words:
        return True
    if kind in ("organization", None) and _acronym_of(a, b):
        return True
    if (kind == "organization" and short.words - _GROUP_HEADS
            and short.words - _GROUP_HEADS == long_.words - _GROUP_HEADS):
        return True
    if min(len(a.folded), len(b.folded)) >= _FUZZY_MIN_LENGTH:
        return fuzz.ratio(a.folded, b.folded) >= _FUZZY_MIN_RATIO
    return False


def _acronym_of(a: Name, b: Name) -> bool:
    """"CJNG" names "Cártel Jalisco Nueva Generación" and "Jalisco New Generation Cartel".

    The initials are compared as a multiset, because translations reorder the words of a
    group's name but keep one word per letter.
    """
    for short, long_ in ((a, b), (b, a)):
        letters = _acronym(short.text.strip())
        if letters and len(long_.words) == len(letters):
            initials = sorted(word[0] for word in long_.words)
            if initials == sorted(letters):
                return True
    return False


def choose_display(names: list[Name]) -> str:
    """The name a merged record shows for one actor stated in several spellings.

    Only spellings whose words recur in most of the group's spellings qualify, so that an
    office left in front of one mention ("Seguridad Omar García Harfuch") cannot win; among
    those, full names win over partial ones, accented over unaccented (the project's
    convention is the full name with accents), then the commonest spelling, then alphabetical.
    """
    support: dict[str, int] = {}
    words: dict[str, frozenset[str]] = {}
    for name in names:
        support[name.text] = support.get(name.text, 0) + 1
        words[name.text] = name.words
    total = len(names)

    def coverage(text: str) -> int:
        return sum(1 for name in names if words[text] <= name.words)

    qualified = [text for text in support if 2 * coverage(text) > total] or list(support)

    def rank(text: str) -> tuple[int, int, int, str]:
        accented = int(any(ord(c) > 127 for c in text))
        return (-len(words[text]), -accented, -support[text], text)

    return min(qualified, key=rank)


def group_names(names: list[Name]) -> list[list[Name]]:
    """Partition names into actors, deterministically and without chaining.

    A partial name ("Treviño Morales") that fits two different full names (the brothers
    Miguel Ángel and Omar Treviño Morales) must not join them into one person, so the
    fullest names anchor the groups and a shorter name joins only if it fits exactly one.
    """
    ordered = sorted(names, key=lambda n: (-len(n.words), n.folded, n.key))
    groups: list[list[Name]] = []
    for name in ordered:
        fits = [g for g in groups if any(same_entity(name, member) for member in g)]
        if len(fits) == 1:
            fits[0].append(name)
        else:
            groups.append([name])
    return groups
