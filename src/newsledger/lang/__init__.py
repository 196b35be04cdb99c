"""Per-language knowledge, kept as YAML data beside this file (``lang/<code>/<name>.yaml``).

Code asks for a table by language and name; the words themselves never live in code,
so that adding a language or a synonym is a data change with an integrity test.
"""
from __future__ import annotations

from functools import cache
from importlib import resources
from importlib.resources.abc import Traversable
from typing import Any

import yaml

from newsledger.errors import KnowledgeBaseError

LANGUAGES = ("en", "es")


def path_of(language: str, name: str) -> str:
    return f"newsledger/lang/{language}/{name}.yaml"


@cache
def load_shared(name: str) -> Any:
    """The parsed ``lang/<name>.yaml``: knowledge shared by every language, such as the
    words of personal names, which travel between languages with the people they name."""
    return _parse(resources.files("newsledger.lang").joinpath(f"{name}.yaml"), f"newsledger/lang/{name}.yaml")


def words(name: str, key: str) -> frozenset[str]:
    """A lower-cased word list of ``lang/<name>.yaml``."""
    return frozenset(str(w).lower() for w in load_shared(name).get(key, ()))


@cache
def grammar(language: str, name: str) -> frozenset[str]:
    """A lower-cased word list of ``lang/<language>/grammar.yaml``: the function words and
    light verbs the extraction rules read the parse with."""
    return frozenset(str(w).lower() for w in load(language, "grammar").get(name, ()))


@cache
def grammar_any(name: str) -> frozenset[str]:
    """The word list ``name`` of every language at once, for rules that read a token
    without knowing its document's language (a preposition is one in either)."""
    return frozenset().union(*(grammar(language, name) for language in LANGUAGES))


@cache
def load(language: str, name: str) -> Any:
    """The parsed ``lang/<language>/<name>.yaml``; cached, so treat it as read-only."""
    if language not in LANGUAGES:
        raise KnowledgeBaseError(
            f"no language data for {language!r}: supported languages are {', '.join(LANGUAGES)}")
    return _parse(resources.files("newsledger.lang").joinpath(language, f"{name}.yaml"), path_of(language, name))


def _parse(resource: Traversable, path: str) -> Any:
    if not resource.is_file():
        raise KnowledgeBaseError(f"{path}: missing language data file")
    try:
        return yaml.safe_load(resource.read_text(encoding="utf-8"))
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f":{mark.line + 1}" if mark is not None else ""
        raise KnowledgeBaseError(f"{path}{where}: invalid YAML ({error})") from error
