"""The record of one knowledge-base actor, and the vocabulary its fields use."""
from __future__ import annotations

from dataclasses import dataclass, field

TYPES = ("person", "organization", "place")
# kb ids are "<prefix>/<slug>"; the prefix says the type at a glance in member_of/part_of.
ID_PREFIXES = {"person": "person", "organization": "org", "place": "place"}
CATEGORIES: dict[str, tuple[str, ...]] = {
    "person": ("official", "criminal", "politician", "journalist", "other"),
    "organization": ("criminal_group", "government_body", "media", "company", "court",
                     "international"),
    "place": ("country", "state", "city", "county", "region", "airport", "prison", "building"),
}
# Place categories whose entries may carry demonyms ("Mexican", "Latin American").
DEMONYM_CATEGORIES = ("country", "region")


@dataclass(frozen=True)
class KBEntry:
    """One actor or place as the knowledge base knows it.

    ``titles``, ``aliases`` and ``demonyms`` are keyed by language code ("en", "es"); the
    canonical ``name`` follows the naming convention of docs/architecture.md and is what
    extraction outputs. Demonyms are kept apart from aliases because "Mexican" names the
    people or things of a country, not the country itself.
    """

    id: str
    name: str
    type: str
    category: str | None = None
    country: str | None = None
    iso: str | None = None
    wikidata: str | None = None
    titles: dict[str, tuple[str, ...]] = field(default_factory=dict)
    aliases: dict[str, tuple[str, ...]] = field(default_factory=dict)
    demonyms: dict[str, tuple[str, ...]] = field(default_factory=dict)
    member_of: str | None = None
    part_of: str | None = None

    def all_names(self, language: str | None = None) -> tuple[str, ...]:
        """The canonical name then the aliases (of one language, or of all), without repeats.

        Demonyms are not names of the entry and are left out; see ``demonyms``.
        """
        names = [self.name]
        languages = [language] if language is not None else list(self.aliases)
        for code in languages:
            names.extend(self.aliases.get(code, ()))
        return tuple(dict.fromkeys(names))

    def all_demonyms(self, language: str | None = None) -> tuple[str, ...]:
        """The demonyms of one language, or of all, without repeats."""
        languages = [language] if language is not None else list(self.demonyms)
        return tuple(dict.fromkeys(d for code in languages for d in self.demonyms.get(code, ())))

    def __hash__(self) -> int:  # dict fields are unhashable; ids are unique in a KB
        return hash(self.id)
