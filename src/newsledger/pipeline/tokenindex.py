"""The token attributes the rules scan, read once per Doc into plain Python lists.

Many rules look at every token of every sentence for a few cue words ("in total",
"among them", an ordinal, a figure, a speech verb), and spaCy makes a new ``Token``
object at each ``doc[i]`` or iteration step and looks each string up again. The index
holds, per token position, the lower-cased form, the lower-cased lemma, the coarse
tag and whether it looks like a number, so that a scan tests plain strings and only
makes the ``Token`` objects of the positions that pass. ``TriggerFinder.repair`` is
the one place that re-tags a token, and it updates the index with it.
"""
from __future__ import annotations

from bisect import bisect_left
from collections.abc import Collection

from spacy.attrs import IS_ALPHA, LEMMA, LIKE_NUM, LOWER, POS
from spacy.parts_of_speech import NAMES as POS_NAMES
from spacy.tokens import Doc, Span, Token

_KEY = ("newsledger", "tokens")
# The tag sets the scans ask for, as constants: a search is kept per word-set object.
VERBS = frozenset({"VERB", "AUX"})
NOUNS = frozenset({"NOUN", "PROPN"})
NAMES = frozenset({"PROPN"})
# More word sets than the rules have means callers pass sets made on the fly.
_SEARCHES_KEPT = 256


class TokenIndex:
    """Columns of one Doc's token attributes, indexed by token position."""

    def __init__(self, doc: Doc):
        self.doc = doc
        # One array read instead of a Token object and five attribute look-ups per
        # position; each distinct string is decoded once.
        rows = doc.to_array([LOWER, LEMMA, POS, LIKE_NUM, IS_ALPHA]).tolist() if len(doc) else []
        strings = doc.vocab.strings
        lower: dict[int, str] = {}
        lemma: dict[int, str] = {}
        self.lower: list[str] = [lower.get(row[0]) or lower.setdefault(row[0], strings[row[0]]) for row in rows]
        # lower-cased, as the rules compare it
        self.lemma: list[str] = [lemma.get(row[1]) or lemma.setdefault(row[1], strings[row[1]].lower())
                                 for row in rows]
        self.pos: list[str] = [POS_NAMES.get(row[2], "") for row in rows]
        self.like_num: list[bool] = [bool(row[3]) for row in rows]
        self.alpha: list[bool] = [bool(row[4]) for row in rows]
        # (column, id of the word set) -> (the word set, sorted positions whose value is in it)
        self._found: dict[tuple[str, int], tuple[Collection[str] | None, list[int]]] = {}

    def retagged(self, token: Token) -> None:
        """Read again the tag and lemma of a token whose annotation was changed."""
        self.lemma[token.i] = token.lemma_.lower()
        self.pos[token.i] = token.pos_
        self._found = {key: kept for key, kept in self._found.items() if key[0] == "lower"}

    def positions(self, span: Span, column: str, words: Collection[str] | None = None) -> list[int]:
        """The positions in ``span`` whose ``column`` ("lower", "lemma", "word" for either,
        "pos", "number" for ``like_num``, "alpha" for ``is_alpha``) holds one of ``words``. Each column and word
        set is searched once per Doc; the cue sets are the same objects on every call."""
        key = (column, id(words))
        kept = self._found.get(key)
        if kept is None or kept[0] is not words:
            if len(self._found) >= _SEARCHES_KEPT:
                self._found.clear()
            kept = self._found[key] = (words, self._search(column, words))
        found = kept[1]
        return found[bisect_left(found, span.start):bisect_left(found, span.end)]

    def _search(self, column: str, words: Collection[str] | None) -> list[int]:
        if column in ("number", "alpha"):
            return [i for i, yes in enumerate(self.like_num if column == "number" else self.alpha) if yes]
        if column == "word":
            return [i for i, (lower, lemma) in enumerate(zip(self.lower, self.lemma))
                    if lower in words or lemma in words]
        values = {"lower": self.lower, "lemma": self.lemma, "pos": self.pos}[column]
        return [i for i, value in enumerate(values) if value in words]

    def with_lower(self, span: Span, words: Collection[str]) -> list[Token]:
        """The tokens of ``span`` whose lower-cased form is one of ``words``."""
        return [self.doc[i] for i in self.positions(span, "lower", words)]

    def with_word(self, span: Span, words: Collection[str]) -> list[Token]:
        """The tokens of ``span`` whose lower-cased form or lemma is one of ``words``."""
        return [self.doc[i] for i in self.positions(span, "word", words)]

    def with_pos(self, span: Span, tags: Collection[str]) -> list[Token]:
        """The tokens of ``span`` whose coarse tag is one of ``tags``."""
        return [self.doc[i] for i in self.positions(span, "pos", tags)]

    def numbers(self, span: Span) -> list[Token]:
        """The tokens of ``span`` that look like numbers (``like_num``)."""
        return [self.doc[i] for i in self.positions(span, "number")]


def token_index(doc: Doc) -> TokenIndex:
    """The Doc's index, read on first use and kept in its ``user_data``."""
    index = doc.user_data.get(_KEY)
    if index is None or index.doc is not doc:
        index = doc.user_data[_KEY] = TokenIndex(doc)
    return index


__all__ = ["TokenIndex", "token_index"]
