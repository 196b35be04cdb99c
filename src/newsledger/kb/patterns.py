"""spaCy EntityRuler patterns built from the knowledge base.

Why these shapes: acronyms ("US", "DEA", "EE.UU.") must match with their exact capitals,
or the pronoun "us" becomes a country; one-word names match as written, in capitals
(datelines: "HOUSTON —") and without accents (the English press often drops them);
names of several words ("Sinaloa cartel", "Secretaría de Seguridad y Protección
Ciudadana") match case-insensitively after their first word, whose capital keeps "the
Texas attorney general's office" from matching "Attorney General's Office".
"""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from functools import cache
from typing import Any

from newsledger.kb.entry import KBEntry
from newsledger.kb.loader import alias_key
from newsledger.kb.text import is_case_sensitive, strip_accents

PLACE_LABELS = {"country": "GPE", "state": "GPE", "city": "GPE", "county": "GPE",
                "region": "LOC", "airport": "FAC", "prison": "FAC", "building": "FAC"}
TYPE_LABELS = {"person": "PERSON", "organization": "ORG", "place": "GPE"}
# Token count from which a name is matched case-insensitively after its first word:
# AP style writes "Sinaloa cartel", the Spanish press "Fiscalía General de la república".
LONG_NAME_TOKENS = 2
# Interchangeable marks: a name written with straight quotes matches curly ones.
_QUOTES = (("'", "’", "‘"), ('"', "“", "”", "«", "»"))


def label_of(entry: KBEntry) -> str:
    """The spaCy label of an entry's names (demonyms are always NORP)."""
    if entry.type == "place":
        return PLACE_LABELS.get(entry.category or "", "GPE")
    return TYPE_LABELS[entry.type]


@cache
def _tokenizer(language: str) -> Any:
    import spacy

    try:
        return spacy.blank(language).tokenizer
    except Exception:  # noqa: BLE001 - any language spaCy lacks falls back to the neutral one
        return spacy.blank("xx").tokenizer


def _tokens(text: str, language: str) -> list[str]:
    return [t.text for t in _tokenizer(language)(text)]


def _surface_forms(text: str, capitalise: bool) -> list[str]:
    """Spellings of a name to match as exact strings: as written, capitals, no accents."""
    forms = [text]
    if not is_case_sensitive(text):
        forms.append(text.upper())
        if capitalise and text[:1].islower():
            forms.append(text[:1].upper() + text[1:])
    forms += [strip_accents(f) for f in forms]
    return list(dict.fromkeys(v for f in forms for v in _with_quotes(f)))


def _with_quotes(word: str) -> list[str]:
    """A token and its variants with the other apostrophe or quotation-mark styles."""
    out = [word]
    for group in _QUOTES:
        for mark in group:
            if mark in word:
                out += [word.replace(mark, other) for other in group if other != mark]
    return list(dict.fromkeys(out))


def _token_pattern(tokens: list[str]) -> list[dict[str, Any]]:
    first = tokens[0]
    heads = _surface_forms(first, capitalise=True)
    pattern: list[dict[str, Any]] = [{"TEXT": {"IN": heads}} if len(heads) > 1 else {"TEXT": first}]
    for token in tokens[1:]:
        lowers = list(dict.fromkeys(
            v for w in _with_quotes(token.lower()) for v in (w, strip_accents(w))))
        pattern.append({"LOWER": {"IN": lowers}} if len(lowers) > 1 else {"LOWER": lowers[0]})
    return pattern


def _patterns_for(text: str, label: str, kb_id: str, language: str, demonym: bool) -> list[dict[str, Any]]:
    if is_case_sensitive(text):
        return [{"label": label, "pattern": form, "id": kb_id} for form in _surface_forms(text, False)]
    tokens = _tokens(text, language)
    if len(tokens) >= LONG_NAME_TOKENS:
        return [{"label": label, "pattern": _token_pattern(tokens), "id": kb_id}]
    # Lower-case demonyms are not capitalised: "Alemán" is more often a surname.
    forms = _surface_forms(text, capitalise=not demonym)
    return [{"label": label, "pattern": form, "id": kb_id} for form in forms]


def _skip(text: str) -> bool:
    """Spellings the ruler should not carry: "the United States" (the article is not part
    of the entity span; "United States" is listed anyway)."""
    return text.split(" ", 1)[0] in ("the", "The")


Claims = dict[tuple[str, str], dict[str, tuple[int, list[str], bool]]]


def _claims(entries: Iterable[KBEntry], language: str) -> tuple[Claims, dict[str, KBEntry]]:
    """Spelling key -> entry id -> (rank, spellings, is_demonym); rank 0 is the canonical
    name or an alias or demonym of ``language``, rank 1 another language's. Spellings
    that share a key ("Enrique Kiki Camarena", 'Enrique "Kiki" Camarena') are all kept:
    they tokenise differently."""
    claims: Claims = defaultdict(dict)
    by_id: dict[str, KBEntry] = {}
    for entry in entries:
        by_id[entry.id] = entry
        spelled: list[tuple[int, str, bool]] = [(0, entry.name, False)]
        for code, aliases in entry.aliases.items():
            spelled += [(0 if code == language else 1, a, False) for a in aliases]
        for code, demonyms in entry.demonyms.items():
            spelled += [(0 if code == language else 1, d, True) for d in demonyms]
        for rank, text, demonym in spelled:
            if _skip(text):
                continue
            key = alias_key(text)
            previous = claims[key].get(entry.id)
            if previous is None or rank < previous[0]:
                claims[key][entry.id] = (rank, [text], demonym)
            elif rank == previous[0] and text not in previous[1]:
                previous[1].append(text)
    return claims, by_id


def _owner(owners: dict[str, tuple[int, list[str], bool]]) -> str | None:
    best = min(rank for rank, _, _ in owners.values())
    winners = [i for i, v in owners.items() if v[0] == best]
    return winners[0] if len(winners) == 1 else None


def build_patterns(entries: Iterable[KBEntry], language: str) -> list[dict[str, Any]]:
    """One or more patterns per name, alias and demonym, this language's spellings first.

    When two entries claim one spelling (only possible across types, e.g. "EU"), the
    entry whose ``language`` list or canonical name holds it wins; if that does not
    decide, the spelling is left out rather than guessed.
    """
    claims, by_id = _claims(entries, language)
    chosen: list[tuple[int, str, str, bool]] = []
    for owners in claims.values():
        entry_id = _owner(owners)
        if entry_id is not None:
            rank, texts, demonym = owners[entry_id]
            chosen += [(rank, entry_id, text, demonym) for text in texts]
    chosen.sort(key=lambda item: item[0])  # stable: this language's spellings first
    patterns: list[dict[str, Any]] = []
    seen: set[str] = set()
    for _, entry_id, text, demonym in chosen:
        label = "NORP" if demonym else label_of(by_id[entry_id])
        for pattern in _patterns_for(text, label, entry_id, language, demonym):
            signature = repr(pattern)
            if signature not in seen:
                seen.add(signature)
                patterns.append(pattern)
    return patterns


def ambiguous_spellings(entries: Iterable[KBEntry], language: str) -> list[str]:
    """Spellings left out of ``language``'s patterns because no entry clearly owns them."""
    claims, _ = _claims(entries, language)
    return sorted(next(iter(o.values()))[1][0] for o in claims.values() if _owner(o) is None)
