"""Matching the timex patterns in lower-cased text, found again in the text itself.

Case-insensitive matching makes Python's regex engine try every alternative of the long
word tries at each word start; on lower-cased text (:func:`lowered_view`) a case-sensitive
regex (:func:`case_sensitive`) skips most of them at the first letter. :class:`Compiled`
(a pattern) and :class:`Probe` (a placeholder class) match there when they can, and
:func:`edge_matches` searches for a regex before checking its left edge. Split from
timex/grammar.py, which builds these from the language file and re-exports them.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterator

from newsledger.timex.window import Window, anchored_matches

LEFT_EDGE = r"(?<![\w$€£#@/])"
# Characters outside the alphabet in which case-insensitive matching is plain lower-casing:
# Latin, general punctuation and currency signs, less the dotless i and long s (which
# IGNORECASE takes for "i" and "s" although they lower-case to themselves).
# tests/timex/test_grammar.py checks every code point against this.
# One character class, not "[^...]|[ıſ]": a class alone is searched for by a fast loop.
UNLOWERABLE = re.compile("[^\x00-\u0130\u0132-\u017e\u0180-\u024f\u2000-\u206f\u20a0-\u20cf]")
EDGE = re.compile(LEFT_EDGE)


@dataclass(frozen=True)
class Compiled:
    """One pattern ready to match: its rule, regex and which class each group reads."""

    rule: str
    regex: re.Pattern[str]
    in_text: bool
    classes: dict[str, str]
    required: tuple[str, ...]  # placeholder classes every match contains
    lowered: re.Pattern[str] | None = None  # ``regex`` for lowered_view() text, case-sensitive
    words_first: bool = False  # ``lowered`` lacks the left edge, see edge_matches()
    words: tuple[str, ...] = ()  # words of the template every match contains, see required_words()
    window: Window | None = None  # for ``lowered``: where its anchor is, see timex/window.py and grammar._window

    def may_match(self, present: set[str], lowered: str | None) -> bool:
        """False when a class (see Grammar.present) or a word every match holds is not in the text.

        A word is looked for in the lowered text as a plain substring, far cheaper than
        the pattern's scan; "atrás" or "día" rule out a pattern in most texts.
        """
        if not present.issuperset(self.required):
            return False
        return lowered is None or self.lowered is None or all(word in lowered for word in self.words)

    def finditer(self, text: str, lowered: str | None) -> Iterator[re.Match[str]]:
        """``self.regex.finditer(text)``, found in ``lowered_view(text)`` when there is one.

        Case-insensitive matching makes Python's regex engine try every alternative of
        the long word tries at each word start; on lower-cased text a case-sensitive
        regex skips most of them at the first letter, which made scanning about 1.5
        times as fast. Each match is read again from ``text`` so that its groups keep
        the text's own capitals.
        """
        if lowered is None or self.lowered is None:
            yield from self.regex.finditer(text)
            return
        if self.words_first:
            found_all = edge_matches(self.lowered, lowered)
        elif self.window is not None:
            found_all = anchored_matches(self.lowered, self.window, lowered)
        else:
            found_all = self.lowered.finditer(lowered)
        for found in found_all:
            if found.end() == found.start() and self.words_first:
                # After an empty match finditer's next step is its own: let it go on from here.
                yield from self.regex.finditer(text, found.start())
                return
            match = self.regex.match(text, found.start())
            assert match is not None and match.end() == found.end()
            yield match


def edge_matches(body: re.Pattern[str], lowered: str) -> Iterator[re.Match[str]]:
    """What ``LEFT_EDGE + body`` finds in ``lowered``, in finditer's order, up to an empty match.

    A regex that starts with the left edge's lookbehind is tried at every position; one
    that starts with a word or a digit lets the engine skip to the places where it can
    begin. So ``body`` is searched for alone and each place it matches is then checked
    for the edge: a place that fails it holds no match, and the search goes on from the
    next character. ``body`` matches where the full regex does, with the same groups,
    because the lookbehind reads no text. Used for the class probes and for patterns
    that begin with a literal word ("lo que va", "the <adir> <weekday>", the ISO date).
    """
    position = 0
    # search() takes a start past the end for the end, where it would find the same empty match.
    while position <= len(lowered) and (found := body.search(lowered, position)) is not None:
        if not EDGE.match(lowered, found.start()):
            position = found.start() + 1
            continue
        yield found
        if found.end() == found.start():
            return
        position = found.end()


@dataclass(frozen=True)
class Probe:
    """Whether a placeholder class occurs in a text: one of its words at a left edge."""

    regex: re.Pattern[str]  # LEFT_EDGE and the class, IGNORECASE
    lowered: re.Pattern[str] | None  # the same for lowered_view() text, case-sensitive
    words_first: bool = False  # ``lowered`` is the class alone, see edge_matches()

    def occurs(self, text: str, lowered: str | None) -> bool:
        """``self.regex.search(text)``, on the lowered text when there is one.

        Most classes are absent from most texts, and proving that scans the whole text:
        searching for a class of words before its edge (edge_matches) made that about
        ten times as fast.
        """
        if lowered is None or self.lowered is None:
            return self.regex.search(text) is not None
        if not self.words_first:
            return self.lowered.search(lowered) is not None
        return next(edge_matches(self.lowered, lowered), None) is not None


def lowered_view(text: str) -> str | None:
    """``text.lower()`` if each character lower-cases to one inside the checked alphabet.

    Then a regex whose source is lower-case (see ``case_sensitive``) matches the lowered
    text exactly where, and as far as, it matches ``text`` with IGNORECASE: the engine
    compares lower-cased characters, the alphabet holds no two letters it takes for one
    another, and lower-casing keeps each character a word character, digit or space or
    not. Positions line up because no character lower-cases to two ("İ") and final sigma,
    the one context-dependent lower case, lies outside the alphabet. Otherwise None.
    """
    lowered = text.lower()
    if len(lowered) != len(text) or UNLOWERABLE.search(lowered):
        return None
    return lowered


ESCAPE_OR_CLASS = re.compile(r"\\.|\[\^?\]?(?:\\.|[^\]\\])*\]", re.DOTALL)
INLINE_FLAGS = re.compile(r"\(\?[aiLmsux-]")


def case_sensitive(regex: re.Pattern[str]) -> re.Pattern[str] | None:
    """``regex`` compiled without IGNORECASE, when its source allows lowered_view() matching.

    That needs every literal in lower case and inside the alphabet, no inline flags, no
    escape standing for a letter by its code ("\\x41") and no character range but digits
    ("[A-Z]" would need both cases). None when the source does not meet all of them.
    """
    source = regex.pattern
    bare = source.replace("(?P<", "(").replace("(?P=", "(")  # the one capital of the syntax
    if bare != bare.lower() or UNLOWERABLE.search(source) or INLINE_FLAGS.search(source):
        return None
    for token in ESCAPE_OR_CLASS.finditer(source):
        part = token.group()
        if part[0] == "\\":
            if part[1].isalnum() and part[1] not in "dswb":
                return None
        elif not _digit_ranges_only(part):
            return None
    return re.compile(source, regex.flags & ~re.IGNORECASE)


def _digit_ranges_only(char_class: str) -> bool:
    """Whether every range of a "[...]" class runs from digit to digit ("[1-9]", not "[a-z]")."""
    inner = char_class[1:-1]
    items = re.findall(r"\\.|.", inner[1:] if inner.startswith("^") else inner, re.DOTALL)
    for index in range(1, len(items) - 1):
        if items[index] == "-" and not (items[index - 1].isdigit() and items[index + 1].isdigit()):
            return False
    return True
