"""Telling English from Spanish by function words, and both from languages we cannot read.

Function words are the most frequent words of any news text and differ almost entirely
between the two languages, so counting them is reliable on a paragraph and needs no
model. The word lists are data (``lang/<code>/stopwords.yaml``); words both lists share
are ignored, because they say nothing about which language a text is in.

Text in another language (French, German…) would otherwise be read as one of the two
and yield nothing, silently: ``lang/others.yaml`` holds function words of languages
newsledger cannot read, and ``unsupported_language`` names the one a text is in when
its words outnumber English's and Spanish's.
"""
from __future__ import annotations

import re
from functools import cache

from newsledger import lang
from newsledger.errors import KnowledgeBaseError

# An unsupported language needs at least this many of its function words to be named.
MIN_UNSUPPORTED_WORDS = 5
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


@cache
def _supported_words() -> dict[str, frozenset[str]]:
    """Every function word of each supported language, as listed."""
    return {code: frozenset(w.lower() for w in lang.load(code, "stopwords")["words"]) for code in lang.LANGUAGES}


@cache
def _other_profiles() -> dict[str, tuple[str, frozenset[str]]]:
    """Name and function words of each language of ``lang/others.yaml``."""
    path = "newsledger/lang/others.yaml"
    data = lang.load_shared("others")
    entries = data.get("languages") if isinstance(data, dict) else None
    if not isinstance(entries, dict):
        raise KnowledgeBaseError(f"{path}: expected 'languages:' mapping codes to a name and words")
    profiles: dict[str, tuple[str, frozenset[str]]] = {}
    for code, entry in entries.items():
        listed = entry.get("words") if isinstance(entry, dict) else None
        if not isinstance(listed, list) or not all(isinstance(w, str) for w in listed) \
                or not isinstance(entry.get("name"), str):
            raise KnowledgeBaseError(f"{path}: language {code!r} needs 'name:' and 'words:' (a list of strings)")
        profiles[code] = (entry["name"], frozenset(w.lower() for w in listed))
    return profiles


def unsupported_language(text: str) -> str | None:
    """The name of the language ``text`` is in ("French") when newsledger cannot read it.

    Each other language is weighed against each supported one on the words that tell
    the two apart (those only one of the pair lists: "le" is both French and Spanish and
    counts for neither). A language is named when it outweighs every supported one with
    at least ``MIN_UNSUPPORTED_WORDS`` words; ``None`` otherwise, or for too little text.
    """
    tokens = [match.group() for match in _WORD.finditer(text.lower())]
    supported = _supported_words()
    best: tuple[int, str] | None = None
    for name, words in _other_profiles().values():
        margins = []
        for own in supported.values():
            theirs = sum(1 for token in tokens if token in words and token not in own)
            ours = sum(1 for token in tokens if token in own and token not in words)
            margins.append((theirs, ours))
        weakest = min(theirs for theirs, _ in margins)
        if weakest >= MIN_UNSUPPORTED_WORDS and all(theirs > ours for theirs, ours in margins):
            if best is None or weakest > best[0]:
                best = (weakest, name)
    return best[1] if best else None
