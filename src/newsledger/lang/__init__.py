"""Per-language knowledge, kept as YAML data beside this file (``lang/<code>/<name>.yaml``).

Code asks for a table by language and name; the words themselves never live in code,
so that adding a language or a synonym is a data change with an integrity test.
"""
from __future__ import annotations

from functools import cache
from importlib import resources
from typing import Any

import yaml

from newsledger.errors import KnowledgeBaseError

LANGUAGES = ("en", "es")


def path_of(language: str, name: str) -> str:
    return f"newsledger/lang/{language}/{name}.yaml"


@cache
def load(language: str, name: str) -> Any:
    """The parsed ``lang/<language>/<name>.yaml``; cached, so treat it as read-only."""
    if language not in LANGUAGES:
        raise KnowledgeBaseError(
            f"no language data for {language!r}: supported languages are {', '.join(LANGUAGES)}")
    resource = resources.files("newsledger.lang").joinpath(language, f"{name}.yaml")
    if not resource.is_file():
        raise KnowledgeBaseError(f"{path_of(language, name)}: missing language data file")
    try:
        return yaml.safe_load(resource.read_text(encoding="utf-8"))
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f":{mark.line + 1}" if mark is not None else ""
        raise KnowledgeBaseError(f"{path_of(language, name)}{where}: invalid YAML ({error})") from error
