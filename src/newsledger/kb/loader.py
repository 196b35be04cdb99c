"""Reading and checking the YAML data files of the knowledge base.

Every problem is reported as a ``KnowledgeBaseError`` naming the file, the line and the
entry (index and id), because the data is edited by hand and a bad entry must be easy to
find. Checks that span entries (duplicate ids, member_of/part_of targets, country codes,
shared aliases) run over all files together.
"""
from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

import yaml

from newsledger.errors import KnowledgeBaseError
from newsledger.kb.entry import CATEGORIES, DEMONYM_CATEGORIES, ID_PREFIXES, TYPES, KBEntry
from newsledger.kb.text import fold, is_case_sensitive, shape

FIELDS = ("id", "name", "type", "category", "country", "iso", "wikidata", "titles", "aliases",
          "demonyms", "member_of", "part_of")
_SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_ISO = re.compile(r"^[A-Z]{2}$")
_WIKIDATA = re.compile(r"^Q[1-9][0-9]*$")
_LANGUAGE = re.compile(r"^[a-z]{2}$")


class _Where:
    """Where an entry sits, for error messages: "file:line: entry 3 (person/x)"."""

    def __init__(self, path: str, index: int, line: int | None, entry_id: Any = None):
        self.path, self.index, self.line, self.entry_id = path, index, line, entry_id

    def fail(self, problem: str) -> KnowledgeBaseError:
        place = f"{self.path}:{self.line}" if self.line else self.path
        label = f"entry {self.index}" + (f" ({self.entry_id})" if isinstance(self.entry_id, str) else "")
        return KnowledgeBaseError(f"{place}: {label}: {problem}")


def read_file(path: Path) -> list[tuple[dict[str, Any], _Where]]:
    """The raw entries of one file with their locations; YAML and shape errors raise."""
    name = str(path)
    try:
        text = path.read_text(encoding="utf-8")
        data = yaml.safe_load(text)
        node = yaml.compose(text, Loader=yaml.SafeLoader)
    except OSError as error:
        raise KnowledgeBaseError(f"{name}: cannot read knowledge-base file ({error})") from error
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f":{mark.line + 1}" if mark is not None else ""
        raise KnowledgeBaseError(f"{name}{where}: invalid YAML ({error})") from error
    if data is None:
        return []
    if not isinstance(data, list):
        raise KnowledgeBaseError(f"{name}: expected a list of entries at the top level, "
                                 f"found {type(data).__name__}")
    lines = [item.start_mark.line + 1 for item in node.value] if node is not None else []
    out = []
    for index, raw in enumerate(data, start=1):
        where = _Where(name, index, lines[index - 1] if index <= len(lines) else None)
        if not isinstance(raw, dict):
            raise where.fail(f"expected a mapping, found {type(raw).__name__}")
        where.entry_id = raw.get("id")
        out.append((raw, where))
    return out


def _text(raw: Mapping[str, Any], key: str, where: _Where, required: bool = False) -> str | None:
    value = raw.get(key)
    if value is None:
        if required:
            raise where.fail(f"missing {key!r}")
        return None
    if not isinstance(value, str) or not value.strip():
        raise where.fail(f"{key!r} must be a non-empty string, found {value!r}"
                         + (" (quote it: YAML reads NO/ON/YES as booleans)" if isinstance(value, bool) else ""))
    if value != value.strip():
        raise where.fail(f"{key!r} has leading or trailing spaces: {value!r}")
    return value


def _by_language(raw: Mapping[str, Any], key: str, where: _Where) -> dict[str, tuple[str, ...]]:
    value = raw.get(key)
    if value is None:
        return {}
    if not isinstance(value, dict):
        raise where.fail(f"{key!r} must map language codes to lists, e.g. {{en: [...], es: [...]}}")
    out: dict[str, tuple[str, ...]] = {}
    for language, items in value.items():
        if not isinstance(language, str) or not _LANGUAGE.match(language):
            raise where.fail(f"{key!r} has a bad language code {language!r} (two lower-case letters)")
        if not isinstance(items, list):
            raise where.fail(f"{key}.{language} must be a list of strings")
        for item in items:
            if not isinstance(item, str) or not item.strip() or item != item.strip():
                raise where.fail(f"{key}.{language} holds an empty, padded or non-string value: {item!r}")
            if not fold(item):
                raise where.fail(f"{key}.{language} value {item!r} has no letters or digits")
        out[language] = tuple(dict.fromkeys(items))
    return out


def build_entry(raw: Mapping[str, Any], where: _Where) -> KBEntry:
    """One checked ``KBEntry`` from a raw mapping (checks that need no other entry)."""
    unknown = sorted(set(raw) - set(FIELDS))
    if unknown:
        raise where.fail(f"unknown field(s) {', '.join(map(str, unknown))}; allowed: {', '.join(FIELDS)}")
    entry_id = _text(raw, "id", where, required=True)
    name = _text(raw, "name", where, required=True)
    entry_type = _text(raw, "type", where, required=True)
    assert entry_id and name and entry_type
    if entry_type not in TYPES:
        raise where.fail(f"bad type {entry_type!r}; expected one of {', '.join(TYPES)}")
    prefix, _, slug = entry_id.partition("/")
    if prefix != ID_PREFIXES[entry_type] or not _SLUG.match(slug):
        raise where.fail(f"bad id {entry_id!r}: a {entry_type} id is "
                         f"'{ID_PREFIXES[entry_type]}/<lower-case-slug>'")
    category = _text(raw, "category", where)
    if category is not None and category not in CATEGORIES[entry_type]:
        raise where.fail(f"bad category {category!r} for a {entry_type}; expected one of "
                         f"{', '.join(CATEGORIES[entry_type])}")
    country, iso = _text(raw, "country", where), _text(raw, "iso", where)
    for key, code in (("country", country), ("iso", iso)):
        if code is not None and not _ISO.match(code):
            raise where.fail(f"invalid ISO 3166-1 alpha-2 code in {key!r}: {code!r} (two upper-case letters)")
    if (category == "country") != (iso is not None):
        raise where.fail("a country needs 'iso', and only countries have one")
    wikidata = _text(raw, "wikidata", where)
    if wikidata is not None and not _WIKIDATA.match(wikidata):
        raise where.fail(f"bad wikidata id {wikidata!r} (expected Q followed by digits)")
    demonyms = _by_language(raw, "demonyms", where)
    if demonyms and category not in DEMONYM_CATEGORIES:
        raise where.fail(f"only places of category {' or '.join(DEMONYM_CATEGORIES)} have demonyms")
    member_of, part_of = _text(raw, "member_of", where), _text(raw, "part_of", where)
    if part_of is not None and entry_type != "place":
        raise where.fail("only places have 'part_of' (people and organisations use 'member_of')")
    if member_of is not None and entry_type == "place":
        raise where.fail("places use 'part_of', not 'member_of'")
    return KBEntry(id=entry_id, name=name, type=entry_type, category=category, country=country,
                   iso=iso, wikidata=wikidata, titles=_by_language(raw, "titles", where),
                   aliases=_by_language(raw, "aliases", where), demonyms=demonyms,
                   member_of=member_of, part_of=part_of)


def alias_key(text: str) -> tuple[str, str]:
    """The comparison key of a name or alias: exact shape for acronyms, else folded."""
    return ("shape", shape(text)) if is_case_sensitive(text) else ("fold", fold(text))


def load_entries(paths: Iterable[Path]) -> tuple[KBEntry, ...]:
    """All entries of ``paths``, checked one by one and then against each other.

    Rule for shared names: within one type a name, alias or demonym belongs to exactly one
    entry (compared after ``fold``, or by exact shape for acronyms); a second claimant is
    an error, so that a lookup restricted by type can never be ambiguous. Across types
    sharing is allowed ("EU" is the United States in Spanish and the European Union in
    English); lookup then needs the type or the language to decide.
    """
    entries: list[KBEntry] = []
    where_of: dict[str, _Where] = {}
    for path in paths:
        for raw, where in read_file(path):
            entry = build_entry(raw, where)
            if entry.id in where_of:
                first = where_of[entry.id]
                raise where.fail(f"duplicate id {entry.id!r} (first defined in {first.path}:{first.line})")
            where_of[entry.id] = where
            entries.append(entry)
    by_id = {e.id: e for e in entries}
    countries = {e.iso for e in entries if e.iso}
    isos: dict[str, str] = {}
    claimed: dict[tuple[str, str, str], str] = {}
    for entry in entries:
        where = where_of[entry.id]
        if entry.iso:
            if entry.iso in isos:
                raise where.fail(f"ISO code {entry.iso} already belongs to {isos[entry.iso]}")
            isos[entry.iso] = entry.id
        if entry.country and entry.country not in countries:
            raise where.fail(f"country {entry.country!r} is not the iso of any country entry")
        for key, want in (("member_of", "organization"), ("part_of", "place")):
            target = getattr(entry, key)
            if target is None:
                continue
            if target not in by_id:
                raise where.fail(f"unknown {key} target {target!r}")
            if by_id[target].type != want:
                raise where.fail(f"{key} target {target!r} is a {by_id[target].type}, not a {want}")
            if target == entry.id:
                raise where.fail(f"{key} points at the entry itself")
        names = entry.all_names() + entry.all_demonyms()
        for text in dict.fromkeys(names):
            key = (entry.type, *alias_key(text))
            owner = claimed.setdefault(key, entry.id)
            if owner != entry.id:
                raise where.fail(f"name or alias {text!r} is also a name of {owner} (same type "
                                 f"{entry.type}); within a type each spelling belongs to one entry")
    _check_part_of_cycles(entries, by_id, where_of)
    return tuple(entries)


def _check_part_of_cycles(entries: list[KBEntry], by_id: dict[str, KBEntry],
                          where_of: dict[str, _Where]) -> None:
    for entry in entries:
        seen = {entry.id}
        current = entry.part_of
        while current is not None:
            if current in seen:
                raise where_of[entry.id].fail(f"part_of chain loops back to {current!r}")
            seen.add(current)
            current = by_id[current].part_of
