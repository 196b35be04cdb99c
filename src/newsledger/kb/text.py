"""String normalisation shared by the knowledge base's index, lookup and patterns.

Names reach the knowledge base in every spelling the press uses: with and without
accents, in capitals in datelines, with curly or straight apostrophes, "Beltrán-Leyva"
and "Beltrán Leyva". Comparing normalised keys instead of listing every variant keeps
the data files short; acronyms are the exception, because "US" is not "us".
"""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

# Articles that may precede a name in running text without being part of it.
LEADING_ARTICLES = ("the", "el", "la", "los", "las")
_NOT_WORD = re.compile(r"[^\w\s]|_")


# The same names and words come back in every report: their normal forms are kept.
_CACHED = 100_000


class _Marks(dict):
    """A ``str.translate`` table that deletes combining marks: each code point is asked
    about once (``unicodedata.combining``), instead of a Python step per character."""

    def __missing__(self, code: int) -> int | None:
        kept = None if unicodedata.combining(chr(code)) else code
        self[code] = kept
        return kept


_MARKS = _Marks()


@lru_cache(maxsize=_CACHED)
def strip_accents(text: str) -> str:
    """``text`` without combining marks ("Culiacán" → "Culiacan"), case and punctuation kept."""
    if text.isascii():
        return text  # no ASCII character decomposes or is a combining mark
    return unicodedata.normalize("NFC", unicodedata.normalize("NFKD", text).translate(_MARKS))


@lru_cache(maxsize=_CACHED)
def shape(text: str) -> str:
    """Case-preserving key: accents stripped, punctuation → space, spaces collapsed.

    Used for acronyms, where case carries meaning but "EE.UU." and "EE. UU." do not differ.
    """
    return " ".join(_NOT_WORD.sub(" ", strip_accents(text)).split())


@lru_cache(maxsize=_CACHED)
def fold(text: str) -> str:
    """The lookup key of a name: NFKD, accents stripped, casefolded, punctuation → space.

    >>> fold("  Cártel  de Sinaloa ")
    'cartel de sinaloa'
    >>> fold("Beltrán-Leyva")
    'beltran leyva'
    """
    return shape(text).casefold()


def is_case_sensitive(alias: str) -> bool:
    """Whether an alias must match with its exact capitals.

    An alias with no lower-case letter is an acronym or code ("US", "EU", "DEA", "U.S.",
    "EE.UU.", "Z-40", "X"): matching it case-insensitively would turn the pronoun "us"
    into the United States, so it is compared by ``shape``. Every other alias is compared
    by ``fold``.
    """
    return any(c.isalpha() for c in alias) and not any(c.islower() for c in alias)


def without_article(folded: str) -> str | None:
    """A folded key minus one leading article ("the zetas" → "zetas"), or None if it has none."""
    head, _, rest = folded.partition(" ")
    if head in LEADING_ARTICLES and rest:
        return rest
    return None
