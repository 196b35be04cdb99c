"""Finding the sentence around a span of stored text, for ``newsledger show``, the read API and the web pages.

A reader checking a ledger value wants the whole sentence it was read from, not a
fragment. The stored text is all that is needed: sentence boundaries are found with a
punctuation rule rather than by re-running spaCy, so ``show`` is instant. The rule errs
towards longer excerpts (an abbreviation taken for a sentence end would cut the
evidence short, a missed boundary only adds context).
"""
from __future__ import annotations

import re

# A sentence ends at . ! ? (optionally followed by closing quotes or brackets) and
# whitespace, or at a line break. The period of a single letter ("U.S.", initials) or
# of a short capitalised word ("Mr.", "Sr.") is taken for an abbreviation, and so is a
# period followed by a lowercase word or a number ("Feb. 27", "approx. two").
_END = re.compile(r"[.!?…][\"'”’»)\]]*\s+|\n+")
_ABBREVIATION = re.compile(r"(?:\b\w|\b[A-Z][a-z]{1,2})\.$")


def _is_boundary(text: str, match: re.Match[str]) -> bool:
    if match.group().startswith("\n"):
        return True
    if text[match.start()] != ".":
        return True
    stop = match.start() + 1
    following = text[match.end():match.end() + 1]
    if following.islower() or following.isdigit():
        return False
    return not _ABBREVIATION.search(text[max(0, stop - 6):stop])


def sentence_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """``(first, last)`` offsets of the sentence(s) covering ``text[start:end]``."""
    start, end = max(0, start), min(len(text), max(start, end))
    first, last = 0, len(text)
    for match in _END.finditer(text):
        if not _is_boundary(text, match):
            continue
        stop = match.start() + len(match.group().rstrip())  # after the closing punctuation
        if match.end() <= start:
            first = match.end()
        elif stop >= end:
            last = stop
            break
    return first, last


def sentence_around(text: str, start: int, end: int) -> str:
    """The sentence of ``text`` around the span, whitespace-collapsed for display."""
    first, last = sentence_bounds(text, start, end)
    return " ".join(text[first:last].split())
