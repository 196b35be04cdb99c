"""The token attributes the rules scan, read once per Doc into plain Python lists.

Many rules look at every token of every sentence for a few cue words ("in total",
"among them", an ordinal, a figure, a speech verb), and spaCy makes a new ``Token``
object at each ``doc[i]`` or iteration step and looks each string up again. The index
holds, per token position, the lower-cased form, the lower-cased lemma, the coarse
tag, whether it looks like a number, is alphabetic or is in lower case, and its
morphological analysis (read with ``morph_values``), so that a scan tests plain strings and only
makes the ``Token`` objects of the positions that pass. ``TriggerFinder.repair`` is
the one place that re-tags a token, and it updates the index with it.
"""
from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Collection

from spacy.attrs import DEP, HEAD, IS_ALPHA, IS_LOWER, LEMMA, LIKE_NUM, LOWER, MORPH, ORTH, POS, SPACY
from spacy.parts_of_speech import NAMES as POS_NAMES
from spacy.tokens import Doc, Span, Token

_KEY = ("newsledger", "tokens")
# The tag sets the scans ask for, as constants: a search is kept per word-set object.
VERBS = frozenset({"VERB", "AUX"})
NOUNS = frozenset({"NOUN", "PROPN"})
NAMES = frozenset({"PROPN"})
# More word sets than the rules have means callers pass sets made on the fly.
_SEARCHES_KEPT = 256
# (morphological analysis key, field) -> its values: a key names one analysis string,
# whatever the Doc or the language, so the values hold for every Doc.
_MORPH_VALUES: dict[tuple[int, str], tuple[str, ...]] = {}
_MORPH_KEPT = 50_000
_WRAP = 2 ** 64  # Doc.to_array holds a head's (signed) offset as an unsigned integer


class TokenIndex:
    """Columns of one Doc's token attributes, indexed by token position."""

    def __init__(self, doc: Doc):
        self.doc = doc
        # One array read instead of a Token object and six attribute look-ups per
        # position; each distinct string is decoded once, and each column is mapped
        # in one pass.
        columns = doc.to_array([LOWER, LEMMA, POS, LIKE_NUM, IS_ALPHA, IS_LOWER, MORPH, DEP, HEAD]).T.tolist() \
            if len(doc) else [[] for _ in range(9)]
        lower_ids, lemma_ids, pos_ids, like_num, alpha, is_lower, self._morph, dep_ids, heads = columns
        strings = doc.vocab.strings
        lower = {key: strings[key] for key in set(lower_ids)}
        lemma = {key: strings[key].lower() for key in set(lemma_ids)}
        pos = {key: POS_NAMES.get(key, "") for key in set(pos_ids)}
        self.lower: list[str] = list(map(lower.__getitem__, lower_ids))
        # lower-cased, as the rules compare it
        self.lemma: list[str] = list(map(lemma.__getitem__, lemma_ids))
        self.pos: list[str] = list(map(pos.__getitem__, pos_ids))
        self.like_num: list[bool] = list(map(bool, like_num))
        self.alpha: list[bool] = list(map(bool, alpha))
        self.is_lower: list[bool] = list(map(bool, is_lower))
        dep = {key: strings[key] for key in set(dep_ids)}
        self.dep: list[str] = list(map(dep.__getitem__, dep_ids))
        # The head's position (a root is its own head); the array holds the offset to it,
        # unsigned.
        self.head: list[int] = [i + (offset - _WRAP if offset >= _WRAP // 2 else offset)
                                for i, offset in enumerate(heads)]
        # Positions ordered by their head (children in order within each head), and
        # their heads: a token's children are one slice, found by bisection. (Two lists
        # per Doc, not one per token: lists are what the garbage collector walks.)
        self._by_head: list[int] | None = None
        self._heads_sorted: list[int] = []
        # (column, id of the word set) -> (the word set, sorted positions whose value is in it)
        self._found: dict[tuple[str, int], tuple[Collection[str] | None, list[int]]] = {}
        # Each token's text and character offset, read on first use (see ``texts``).
        self._texts: tuple[list[str], list[int]] | None = None

    def morph(self, i: int, field: str) -> list[str]:
        """``doc[i].morph.get(field)``: read once per distinct analysis and field, since
        ``Token.morph`` makes a new analysis object and ``get`` decodes its strings on
        every call. (The analysis of a position never changes once parsed.)"""
        key = (self._morph[i], field)
        values = _MORPH_VALUES.get(key)
        if values is None:
            if len(_MORPH_VALUES) >= _MORPH_KEPT:
                _MORPH_VALUES.clear()
            values = _MORPH_VALUES[key] = tuple(self.doc[i].morph.get(field))
        return list(values)

    def texts(self) -> tuple[list[str], list[int]]:
        """Each position's ``Token.text`` and ``Token.idx``, read on first use: a scan
        that tests the words' spelling or slices the text between them would otherwise
        make a Token object per position (and a Span makes two). A token's offset is the
        length of the text before it: each token's text and its one space or none."""
        if self._texts is None:
            doc = self.doc
            orths, spaces = doc.to_array([ORTH, SPACY]).T.tolist() if len(doc) else ([], [])
            strings = doc.vocab.strings
            texts = [strings[orth] for orth in orths]
            starts, at = [], 0
            for text, space in zip(texts, spaces):
                starts.append(at)
                at += len(text) + (1 if space else 0)
            self._texts = (texts, starts)
        return self._texts

    def children(self, i: int) -> list[int]:
        """The positions of ``doc[i].children``, in order: the tokens whose head it is.
        (spaCy walks a token's edges and makes a Token object per position to find them.)"""
        if self._by_head is None:
            head = self.head
            self._by_head = sorted(range(len(head)), key=head.__getitem__)  # stable: in order
            self._heads_sorted = [head[child] for child in self._by_head]
        heads = self._heads_sorted
        found = self._by_head[bisect_left(heads, i):bisect_right(heads, i)]
        if self.head[i] == i:  # a root is its own head, not its own child
            found.remove(i)
        return found

    def subtree(self, i: int) -> list[int]:
        """The positions of ``doc[i].subtree``, in its order (each left child's subtree,
        the token, each right child's subtree)."""
        found = []
        stack: list[tuple[int, bool]] = [(i, False)]
        while stack:
            node, reached = stack.pop()
            if reached:
                found.append(node)
                continue
            children = self.children(node)
            stack.extend((child, False) for child in reversed(children) if child > node)
            stack.append((node, True))
            stack.extend((child, False) for child in reversed(children) if child < node)
        return found

    def ancestors(self, i: int) -> list[int]:
        """The positions of ``doc[i].ancestors``, nearest first (at most one step per
        token, as spaCy walks them)."""
        head, found = self.head, []
        for _ in range(len(head)):
            if head[i] == i:
                break
            i = head[i]
            found.append(i)
        return found

    def in_subtree(self, i: int, root: int) -> bool:
        """Whether ``root`` is the token at ``i`` or one of its ancestors (``Token.ancestors``
        walked on the head column, at most one step per token as spaCy does)."""
        head = self.head
        for _ in range(len(head)):
            if i == root:
                return True
            if head[i] == i:
                return False
            i = head[i]
        return i == root

    def retagged(self, token: Token) -> None:
        """Read again the tag and lemma of a token whose annotation was changed; the
        searches kept are corrected at its position, not run again over the Doc."""
        i = token.i
        self.lemma[i] = token.lemma_.lower()
        self.pos[i] = token.pos_
        for (column, _), (words, found) in self._found.items():
            if column not in ("lemma", "word", "pos"):
                continue  # the form, figures and letters do not change
            at = bisect_left(found, i)
            present = at < len(found) and found[at] == i
            holds = self._holds(column, words, i)
            if holds and not present:
                found.insert(at, i)
            elif present and not holds:
                del found[at]

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

    def _holds(self, column: str, words: Collection[str] | None, i: int) -> bool:
        """Whether ``_search(column, words)`` holds the position ``i``."""
        if column == "word":
            return self.lower[i] in words or self.lemma[i] in words
        values = {"lower": self.lower, "lemma": self.lemma, "pos": self.pos}[column]
        return values[i] in words

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


def morph_values(token: Token, field: str) -> list[str]:
    """``token.morph.get(field)``, read off the Doc's token index."""
    return token_index(token.doc).morph(token.i, field)


# The last index handed out: a component reads one Doc at a time and asks for its index
# tens of thousands of times per hundred articles, and the ``user_data`` look-up (a
# tuple key hashed anew each time) cost more than the work of many callers. It holds
# the last Doc alive until the next one asks.
_last: TokenIndex | None = None


def token_index(doc: Doc) -> TokenIndex:
    """The Doc's index, read on first use and kept in its ``user_data``."""
    global _last
    if _last is not None and _last.doc is doc:
        return _last
    index = doc.user_data.get(_KEY)
    if index is None or index.doc is not doc:
        index = doc.user_data[_KEY] = TokenIndex(doc)
    _last = index
    return index


__all__ = ["TokenIndex", "morph_values", "token_index"]
