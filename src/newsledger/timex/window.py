"""Searching a pattern that opens with optional words only near a word every match holds.

"(?:<det> )?(?:<dir> )?<weekday>..." may begin at any word, so the regex engine tries
it at every position of the text; about half of find()'s time went there. Every match
contains each placeholder outside any group (the anchor is one of them, here the
weekday; grammar._window chooses) at most a bounded number of characters after its
start, not counting white space and hyphens (``\\s+`` and ``[\\s\\-]*`` let the length
grow, nothing else does). So the anchor's class is searched for alone, which is fast,
and the pattern is tried only at the word starts of that stretch before it.
:func:`anchored_matches` gives what ``finditer`` gives; tests/timex/test_window.py
checks it against finditer on every pattern.

Most places where an anchor's class matches are inside a word: "2024" holds a day
number ("24"), "semanal" a unit. When every way into the anchor passes a space (or
the pattern's own start), the anchor also starts a word, so a place that fails the
left edge is passed over before the window is looked at (``Window.edge``).
"""
from __future__ import annotations

import re
import re._constants as sre  # type: ignore[import-not-found]  # sre_parse, without its deprecation warning
import re._parser as sre_parse  # type: ignore[import-not-found]
from dataclasses import dataclass
from typing import Any, Iterator

PLACEHOLDER_OR_PAREN = re.compile(r"\(|\)|(?<!\?P)<(\w+)(?::\w+)?>")


@dataclass(frozen=True)
class Window:
    """How far before its anchor a match of one pattern can start."""

    anchor: re.Pattern[str]  # the anchor's class alone, for lowered text
    back: re.Pattern[str]  # run on the reversed text: up to ``reach`` characters and any spaces
    starts: re.Pattern[str]  # where a match may start: the left edge, then neither space nor hyphen
    edge: re.Pattern[str] | None = None  # the left edge every anchor begins at, when checked (see above)


def anchor_of(template: str) -> tuple[int, str] | None:
    """The offset and class of the template's first placeholder outside any group."""
    return next(iter(anchors_of(template)), None)


def anchors_of(template: str) -> list[tuple[int, str]]:
    """The offset and class of each placeholder outside any group, in the template's order:
    every match holds each of them, so any can serve as the anchor."""
    plain = re.sub(r"\\.", "xx", template)  # escaped parentheses are not groups; offsets kept
    depth, found = 0, []
    for token in PLACEHOLDER_OR_PAREN.finditer(plain):
        if token.group(0) == "(":
            depth += 1
        elif token.group(0) == ")":
            depth -= 1
        elif depth == 0:
            found.append((token.start(), token.group(1)))
    return found


# A named group of plain words, not optional: "(?P<unit>fin de semana)".
NAMED_WORDS = re.compile(r"\(\?P<\w+>([^\W\d_]+(?: [^\W\d_]+)*)\)(?![?*{+])")


def word_group_of(template: str) -> tuple[int, str] | None:
    """The offset and words of the template's first named group of plain words outside
    any group ("(?:<det> )?(?P<unit>fin de semana)"): every match holds those words, an
    anchor where no placeholder will do."""
    plain = re.sub(r"\\.", "xx", template)
    depth = 0
    for token in PLACEHOLDER_OR_PAREN.finditer(plain):
        if token.group(0) == "(":
            if depth == 0 and (named := NAMED_WORDS.match(plain, token.start())) is not None:
                return token.start(), named.group(1)
            depth += 1
        elif token.group(0) == ")":
            depth -= 1
    return None


def window(prefix: str, body: str, anchor: re.Pattern[str], edge: str, *, edged: bool = False) -> Window | None:
    """The window of a pattern whose regex ``body`` begins with ``edge`` (a lookbehind),
    the regex ``prefix`` and the anchor's group; None when the prefix's reach is unbounded or the
    body might start with a space or hyphen (or match nothing). ``edged``: check that each
    anchor starts at ``edge``, when ``prefix`` allows it (see spaced_before); None if not."""
    parsed = sre_parse.parse(prefix)
    reach = _reach(parsed)
    solid, empty = _starts_solid(sre_parse.parse(body))
    if reach is None or not solid or empty or (edged and not spaced_before(parsed)):
        return None
    return Window(anchor, re.compile(rf"[\s\-]*(?:[^\s\-][\s\-]*){{0,{reach}}}"), re.compile(edge + r"[^\s\-]"),
                  re.compile(edge) if edged else None)


def anchored_matches(regex: re.Pattern[str], found: Window, lowered: str) -> Iterator[re.Match[str]]:
    """What ``regex.finditer(lowered)`` finds, trying ``regex`` only just before anchors.

    A match at p holds its anchor at some q' >= p with at most ``reach`` solid
    characters between; so if q is the first anchor at or after the search position,
    no match starts before the point ``reach`` solid characters before q (that point
    only moves right as q does), and one starting by q starts at a word start between.
    Matches are never empty (the pattern's first character is solid), so the search
    goes on from each match's end, as finditer's does.
    An anchor that fails ``found.edge`` is no anchor of any match: the next one is
    looked for after it, matches still from ``position``.
    """
    position, reversed_text, size = 0, lowered[::-1], len(lowered)
    seek, edge = 0, found.edge  # where the next anchor is looked for (never before position)
    while (anchor := found.anchor.search(lowered, max(position, seek))) is not None:
        q = anchor.start()
        if edge is not None and not edge.match(lowered, q):
            seek = q + 1
            continue
        back = found.back.match(reversed_text, size - q)  # never None: it may match nothing
        assert back is not None
        start = max(position, size - back.end())
        match = None
        for word in found.starts.finditer(lowered, start, q + 1):
            match = regex.match(lowered, word.start())
            if match is not None:
                break
        if match is None:
            position = q + 1  # nothing starts up to q; the next anchor is after it
            continue
        yield match
        position = match.end()


def spaced_before(pattern: Any) -> bool:
    """Whether every match of a parsed regex is empty or ends with white space.

    Then whatever follows it in a pattern starts after a space or where the pattern
    starts, at a left edge either way.
    """
    spaced, _ = _ends_spaced(pattern)
    return spaced


def _ends_spaced(pattern: Any) -> tuple[bool, bool]:
    """Whether every non-empty match of a parsed sequence ends with white space, and
    whether it can match nothing; read from its last item back."""
    for op, av in reversed(list(pattern)):
        if op in (sre.AT, sre.ASSERT, sre.ASSERT_NOT):
            continue  # reads no text
        if op is sre.LITERAL:
            spaced, empty = chr(av).isspace(), False
        elif op is sre.IN:
            spaced, empty = all(o is sre.CATEGORY and a is sre.CATEGORY_SPACE for o, a in av), False
        elif op is sre.SUBPATTERN:
            spaced, empty = _ends_spaced(av[3])
        elif op is sre.BRANCH:
            parts = [_ends_spaced(branch) for branch in av[1]]
            spaced, empty = all(p[0] for p in parts), any(p[1] for p in parts)
        elif op in (sre.MAX_REPEAT, sre.MIN_REPEAT):
            spaced, empty = _ends_spaced(av[2])
            empty = empty or av[0] == 0
        else:
            return False, False
        if not spaced:
            return False, False
        if not empty:
            return True, False
    return True, True


def _solid(code: int) -> bool:
    """Whether a character counts towards the reach: not white space, not a hyphen."""
    return not chr(code).isspace() and code != ord("-")


def _reach(pattern: Any) -> int | None:
    """The most solid characters a parsed regex can match; None if unbounded or unknown."""
    total = 0
    for op, av in pattern:
        if op in (sre.AT, sre.ASSERT, sre.ASSERT_NOT):
            width: int | None = 0
        elif op is sre.LITERAL:
            width = 1 if _solid(av) else 0
        elif op is sre.IN:
            width = 0 if _space_set(av) else 1
        elif op is sre.SUBPATTERN:
            width = _reach(av[3])
        elif op is sre.BRANCH:
            widths = [_reach(branch) for branch in av[1]]
            width = None if None in widths else max(w for w in widths if w is not None)
        elif op in (sre.MAX_REPEAT, sre.MIN_REPEAT):
            low, high, item = av
            inner = _reach(item)
            width = None if inner is None else 0 if inner == 0 else None if high == sre.MAXREPEAT else high * inner
        else:
            width = None
        if width is None:
            return None
        total += width
    return total


def _space_set(items: Any) -> bool:
    """Whether a character set matches only white space and hyphens ("\\s", "[\\s\\-]")."""
    for op, av in items:
        if op is sre.CATEGORY and av is sre.CATEGORY_SPACE:
            continue
        if op is sre.LITERAL and not _solid(av):
            continue
        return False
    return True


def _starts_solid(pattern: Any) -> tuple[bool, bool]:
    """Whether every match's first character is solid, and whether a match can be empty."""
    for op, av in pattern:
        if op in (sre.AT, sre.ASSERT, sre.ASSERT_NOT):
            continue
        if op is sre.LITERAL:
            return _solid(av), False
        if op is sre.IN:
            return _solid_set(av), False
        if op is sre.SUBPATTERN:
            solid, empty = _starts_solid(av[3])
        elif op is sre.BRANCH:
            parts = [_starts_solid(branch) for branch in av[1]]
            solid, empty = all(p[0] for p in parts), any(p[1] for p in parts)
        elif op in (sre.MAX_REPEAT, sre.MIN_REPEAT):
            solid, empty = _starts_solid(av[2])
            empty = empty or av[0] == 0
        else:
            return False, True
        if not solid:
            return False, True
        if not empty:
            return True, False
    return True, True


def _solid_set(items: Any) -> bool:
    """Whether a character set holds no space or hyphen (letters, digits, \\w, \\d)."""
    for op, av in items:
        if op is sre.LITERAL and _solid(av):
            continue
        if op is sre.RANGE and all(_solid(code) for code in range(av[0], av[1] + 1)):
            continue
        if op is sre.CATEGORY and av in (sre.CATEGORY_DIGIT, sre.CATEGORY_WORD):
            continue
        return False
    return True
