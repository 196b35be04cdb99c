"""The knowledge base of actors: people, organisations and places, as YAML data.

Like dateparser's language data, the knowledge lives in ``kb/data/*.yaml`` (one entry per
actor: canonical name, type, category, country, titles, aliases and demonyms by
language) and the code only loads, checks and indexes it. Extraction uses it three
ways: ``patterns(language)`` pre-tags known names for spaCy, ``lookup(name, type=)``
maps any spelling to the canonical entry, ``country_code(text)`` reads ISO codes for
event slots.

    >>> kb = KnowledgeBase.default()
    >>> kb.lookup("Cártel de Sinaloa").name
    'Sinaloa Cartel'
    >>> kb.country_code("EE.UU.")
    'US'
"""
from __future__ import annotations

from newsledger.kb.base import KnowledgeBase, data_dir
from newsledger.kb.entry import CATEGORIES, TYPES, KBEntry
from newsledger.kb.text import fold

__all__ = ["CATEGORIES", "TYPES", "KBEntry", "KnowledgeBase", "data_dir", "fold"]
