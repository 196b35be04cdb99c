"""Telling English from Spanish by function words.

Function words are the most frequent words of any news text and differ almost entirely
between the two languages, so counting them is reliable on a paragraph and needs no
model. The word lists are data (``lang/<code>/stopwords.yaml``); words both lists share
are ignored, because they say nothing about which language a text is in.
"""
from __future__ import annotations

import re
from functools import cache

from newsledger import lang
from newsledger.errors import KnowledgeBaseError

# When nothing decides (no words, or a tie), the first language is assumed.
DEFAULT_LANGUAGE = lang.LANGUAGES[0]
_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)


@cache
def _profiles() -> dict[str, frozenset[str]]:
    """Each language's distinctive stop words (those no other profile has)."""
    words: dict[str, set[str]] = {}
    for code in lang.LANGUAGES:
        data = lang.load(code, "stopwords")
        entries = data.get("words") if isinstance(data, dict) else None
        if not isinstance(entries, list) or not all(isinstance(w, str) for w in entries):
            raise KnowledgeBaseError(
                f"{lang.path_of(code, 'stopwords')}: expected 'words:' with a list of strings"
                " (quote words YAML reads as booleans, such as \"on\" and \"no\")")
        words[code] = {w.lower() for w in entries}
    return {
        code: frozenset(own - set().union(*(w for c, w in words.items() if c != code)))
        for code, own in words.items()
    }


def language_scores(text: str) -> dict[str, int]:
    """How many words of ``text`` each language's profile claims."""
    profiles = _profiles()
    scores = dict.fromkeys(profiles, 0)
    for match in _WORD.finditer(text.lower()):
        token = match.group()
        for code, words in profiles.items():
            if token in words:
                scores[code] += 1
    return scores


def detect_language(text: str) -> str:
    """``"en"`` or ``"es"``: the language whose function words ``text`` uses most.

    Returns the default language (English) when no function word is found, so that a
    caller always gets a language the pipeline supports.
    """
    scores = language_scores(text)
    best = max(scores.values())
    if best == 0:
        return DEFAULT_LANGUAGE
    return next(code for code in lang.LANGUAGES if scores[code] == best)
