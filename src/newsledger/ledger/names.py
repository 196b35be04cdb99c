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
from functools import lru_cache

from rapidfuzz import fuzz

from newsledger import lang
from newsledger.kb import KnowledgeBase
from newsledger.model import Entity

# Function words that carry no identity in names, and the generic heads groups are named
# with ("Cártel de Sinaloa"), in every language (``lang/names.yaml``).
_FILLER = lang.words("names", "filler")
_GROUP_HEADS = lang.words("names", "group_heads")
_FUZZY_MIN_RATIO = 92.0
_FUZZY_MIN_LENGTH = 6


def fold(text: str | None) -> str:
    """Case, accent and punctuation folding, the same rule the evaluation applies."""
    if not text:
        return ""
    return _fold(text)


@lru_cache(maxsize=262_144)
def _fold(text: str) -> str:
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c)).casefold()
    text = re.sub(r"[^\w%]+", " ", text).strip()
    return re.sub(r"^the ", "", text)


def tokens(text: str) -> frozenset[str]:
    """The identifying words of a name: folded, without function words."""
    return frozenset(word for word in fold(text).split() if word not in _FILLER)


def strip_titles(name: str, titles: list[str] | tuple[str, ...] = ()) -> str:
    """A person's name without a leading office ("el secretario de Seguridad Omar …").

    Leading lower-case words (articles, offices written in lower case) go, and so does any
    of the entity's listed titles found at the start.
    """
    folded_titles = sorted((fold(t) for t in titles if fold(t)), key=len, reverse=True)
    words = name.split()
    while len(words) > 1:
        head = fold(" ".join(words))
        title = next((t for t in folded_titles if head.startswith(t + " ")), None)
        if title is not None:
            words = words[len(title.split()):]
        elif words[0][:1].islower():
            words = words[1:]
        else:
            break
    return " ".join(words)


def _acronym(word: str) -> str | None:
    """The letters of an acronym-looking name ("CJNG", "C.J.N.G."), else None."""
    letters = word.replace(".", "")
    if 2 <= len(letters) <= 6 and letters.isalpha() and letters.isupper():
        return letters.casefold()
    return None


@dataclass(frozen=True, slots=True)
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
    uid: int = 0  # one number per distinct ``key``, for a cheap comparison cache
    category: str | None = None  # the entity's category (``country``, ``city``, ...) when known

    @classmethod
    def make(cls, text: str, entity: Entity | None = None, default_type: str | None = None) -> "Name":
        """The name ``text`` with what ``entity`` knows of it; one object per distinct input
        (names are immutable), since a name recurs in every report of its event and
        folding and title stripping cost more than looking it up."""
        known = (text, default_type) if entity is None else (
            text, default_type, entity.name, entity.type, entity.category, entity.country, entity.kb_id,
            tuple(entity.titles), tuple(mention.text for mention in entity.mentions))
        found = _MADE.get(known)
        if found is None:
            found = cls._make(text, entity, default_type)
            if len(_MADE) > 500_000:
                _MADE.clear()
            _MADE[known] = found
        return found

    @classmethod
    def _make(cls, text: str, entity: Entity | None, default_type: str | None) -> "Name":
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
        uid = _UIDS.setdefault(key, len(_UIDS) + 1)
        category = entity.category if entity else None
        return cls(core, type_, country, kb_id, frozenset(aliases), folded, tokens(core), key, uid, category)


_UIDS: dict[str, int] = {}
_MADE: dict[tuple[object, ...], Name] = {}
_CACHE: dict[int, bool] = {}


def places_agree(a: Name, b: Name) -> bool:
    """Whether two stated places can be the place of one event: the same place, a country
    and a place inside it ("Mexico" and "Los Mochis"), a place the knowledge base puts
    inside the other ("Culiacán" and "Sinaloa"), or a place it does not know beside a
    state or region, which may well hold it ("Ahome" and "Sinaloa": the reports cannot
    tell, so the other evidence decides)."""
    if related(a, b):
        return True
    for outer, inner in ((a, b), (b, a)):
        if outer.category == "country" and outer.country and inner.country == outer.country:
            return True
        if outer.category in AREAS and inner.kb_id is None:
            return True
    if a.kb_id is None or b.kb_id is None:
        return False
    kb = KnowledgeBase.default()
    return kb.inside(a.kb_id, b.kb_id) or kb.inside(b.kb_id, a.kb_id)


# Places that say in which larger area a smaller one lies.
AREAS = frozenset({"state", "region"})


def same_entity(a: Name, b: Name) -> bool:
    """Whether two names denote one actor, judged from the two names alone."""
    if a.uid == b.uid:
        return True
    if a.type and b.type and a.type != b.type:
        return False
    pair = (a.uid << 32) | b.uid if a.uid < b.uid else (b.uid << 32) | a.uid
    known = _CACHE.get(pair)
    if known is None:
        known = _decide(a, b)
        if len(_CACHE) > 1_000_000:
            _CACHE.clear()
        _CACHE[pair] = known
    return known


def could_match_apart(a: Name, b: Name) -> bool:
    """Whether two names that share no word may still denote one actor (a cheap pre-check).

    Only a knowledge-base id, an alias, an acronym or a misspelt single-word name can link
    names without a common word; ``_decide`` applies its word-based rules accordingly.
    """
    return (bool(a.kb_id and b.kb_id) or a.folded in b.aliases or b.folded in a.aliases
            or len(a.words) <= 1 or len(b.words) <= 1)


def related(a: Name, b: Name) -> bool:
    """``same_entity`` behind the cheap checks that settle most pairs in bulk comparison:
    one spelling, or no common word and no way to match without one."""
    if a.uid == b.uid:
        return True
    if a.words.isdisjoint(b.words) and not could_match_apart(a, b):
        return False
    return same_entity(a, b)


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
    if min(len(a.folded), len(b.folded)) >= _FUZZY_MIN_LENGTH and (
            not a.words.isdisjoint(b.words) or len(a.words) <= 1 or len(b.words) <= 1):
        # A misspelling: of one word of names that share another, or of a one-word name.
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

    Full names win over partial ones, accented over unaccented (the project's convention is
    the full name with accents), then the commonest spelling, then alphabetical. Offices in
    front of a name are removed before (``strip_titles``), so they cannot make it "fuller".
    """
    support: dict[str, int] = {}
    words: dict[str, frozenset[str]] = {}
    for name in names:
        support[name.text] = support.get(name.text, 0) + 1
        words[name.text] = name.words

    def rank(text: str) -> tuple[int, int, int, str]:
        accented = int(any(ord(c) > 127 for c in text))
        return (-len(words[text]), -accented, -support[text], text)

    return min(support, key=rank)


def group_names(names: list[Name]) -> list[list[Name]]:
    """Partition names into actors, deterministically and without chaining.

    A partial name ("Treviño Morales") that fits two different full names (the brothers
    Miguel Ángel and Omar Treviño Morales) must not join them into one person, so the
    fullest names anchor the groups and a shorter name joins only if it fits exactly one.
    """
    copies: dict[str, list[Name]] = {}  # one spelling with one document's knowledge is one actor
    for name in names:
        copies.setdefault(name.key, []).append(name)
    ordered = sorted((spelt[0] for spelt in copies.values()), key=lambda n: (-len(n.words), n.folded, n.key))
    groups: list[list[Name]] = []
    for name in ordered:
        fits = [g for g in groups if any(same_entity(name, member) for member in g)]
        if len(fits) == 1:
            fits[0].append(name)
        else:
            groups.append([name])
    return [[copy for name in group for copy in copies[name.key]] for group in groups]
