"""Count claims that no event's head count carries.

A count claim normally cites an event's head count. Two kinds of figure state how many
took part in one act without becoming a head count:

* a figure tied to an ordinal of the series ("a second group of 26", "en el segundo, el
  12 de agosto, fueron 26"): the report counts a recalled member of the series in
  passing, often without a verb the event rules read;
* the number of groups an act without a head count names ("designated eight criminal
  organizations", "una de las ocho organizaciones que … designó"): the types that do not
  count people have no count slot, but the figure is a claim a reader can check.
"""
from __future__ import annotations

from bisect import bisect_left, bisect_right

from spacy.tokens import Doc, Span, Token

from newsledger.kb import fold
from newsledger.pipeline.nametypes import name_data
from newsledger.pipeline.numbers import Figure, figure_at
from newsledger.pipeline.roles import cue_set
from newsledger.pipeline.tokenindex import NOUNS, morph_values, token_index

_MODIFIERS = {"nummod", "nmod", "appos", "amod", "det"}


class CountFigures:
    """Finds the figures of one document that count members of an act.

    The rules read positions off the Doc's token index (heads, labels, figures, tags):
    spaCy makes a new ``Token`` object at each ``doc[i]``, ``.head`` or step of a walk,
    and an act's sentence holds dozens of nouns to test. A Token is made only where a
    reading needs one (a lemma to fold, a tag, an edge of the parse)."""

    def __init__(self, doc: Doc, language: str, sentences: list[Span] | None = None):
        self.doc = doc
        self.language = language
        self.groups = name_data(language).organization_heads
        self.percent = cue_set(language, "percent_words") | {"%"}
        self._groups: dict[int, bool] = {}  # position -> whether it is a group noun
        self._nouns: list[int] | None = None  # the positions of the nouns
        self._ranges: dict[tuple[int, int], list[int]] = {}  # (start, end) -> its group nouns
        # The Doc's sentences in order (``DocContext.sentences``): ``Token.sent`` walks the
        # Doc to find each one. Read from the Doc on first use when not given.
        self._sentences = sentences
        self._starts: list[int] | None = None
        self._dated: set[int] | None = None

    @property
    def dated(self) -> set[int]:
        """The positions of figures inside dates ("el 27 de febrero"): they count days,
        not people. Read on first use: most documents ask for no figure (a span per
        date made for nothing cost more than the rest of the component)."""
        if self._dated is None:
            self._dated = set()
            for match in self.doc._.nl_timexes or []:
                span = self.doc.char_span(match.start, match.end, alignment_mode="expand")
                if span is not None:
                    self._dated.update(range(span.start, span.end))
        return self._dated

    def of_ordinal(self, ordinal: Token, anchor: Token) -> Figure | None:
        """"un segundo grupo de 26" (a figure on the ranked noun), "en el segundo …
        fueron 26" (the ranked clause's predicate is the figure)."""
        index = token_index(self.doc)
        for child in index.children(anchor.i):
            if index.dep[child] in {"nummod", "nmod"} and index.like_num[child]:
                figure = self._figure_at(child)
                if figure is not None:
                    return figure
        head = index.head[anchor.i]
        if head != anchor.i and index.like_num[head] and index.dep[anchor.i] in {"obl", "nmod"}:
            return self._figure_at(head)
        return None

    def of_groups(self, trigger: Token) -> Figure | None:
        """The number of groups an act names: a figure before a group noun that is in
        the trigger's phrase or that the trigger's clause describes."""
        doc, index, at = self.doc, token_index(self.doc), trigger.i
        sent = self._sentence_of(at)
        # The trigger's subtree lies between its leftmost and rightmost descendants.
        left, right = trigger.left_edge.i, trigger.right_edge.i
        groups = self._groups_in(min(sent.start, left), max(sent.end, right + 1))
        nouns = self._groups_under(at, [i for i in groups if left <= i <= right])
        if index.dep[at] in {"acl", "relcl", "acl:relcl"} and self._is_group_at(index.head[at]):
            nouns.insert(0, index.head[at])
        # "…, one of eight groups added to the list": the act's object is one of the N.
        nouns += [i for i in groups if sent.start <= i < sent.end and self._one_of_at(i)]
        like_num, dep = index.like_num, index.dep
        for noun in nouns:
            for i in range(doc[noun].left_edge.i, noun):
                if like_num[i] and dep[i] in _MODIFIERS:
                    figure = self._figure_at(i)
                    if figure is not None and figure.value > 1:
                        return figure
        return None

    def _sentence_of(self, i: int) -> Span:
        """``doc[i].sent``, found by bisection in the sentences' starts."""
        if self._starts is None:
            if self._sentences is None:
                self._sentences = list(self.doc.sents)
            self._starts = [sent.start for sent in self._sentences]
        return self._sentences[bisect_right(self._starts, i) - 1]

    def _groups_in(self, start: int, end: int) -> list[int]:
        """The positions of the group nouns in tokens [start, end): only the nouns of the
        token index are tested, each once per Doc, and each range is read once (the acts
        of one sentence ask for the same one). The list kept is not to be changed."""
        found = self._ranges.get((start, end))
        if found is None:
            if self._nouns is None:  # searched once per Doc, then sliced by bisection
                self._nouns = token_index(self.doc).positions(self.doc[:], "pos", NOUNS)
            nouns, groups = self._nouns, self._groups
            found = self._ranges[start, end] = []
            for i in nouns[bisect_left(nouns, start):bisect_left(nouns, end)]:
                group = groups.get(i)
                if group is None:
                    group = groups[i] = self._is_group_at(i)
                if group:
                    found.append(i)
        return found

    def _groups_under(self, trigger: int, groups: list[int]) -> list[int]:
        """Which of the group nouns ``groups`` are in the trigger's subtree (the trigger
        itself not), in the subtree's order. Only a trigger with two or more of them walks
        its subtree."""
        index = token_index(self.doc)
        under = [i for i in groups if i != trigger and index.in_subtree(i, trigger)]
        if len(under) < 2:
            return under
        return [i for i in index.subtree(trigger) if i in under]

    def _one_of(self, noun: Token) -> bool:
        """The noun's phrase reads "one of" / "una de" the noun: its grandparent is a one."""
        return self._one_of_at(noun.i)

    def _one_of_at(self, noun: int) -> bool:
        """``_one_of`` of the token at ``noun``, its heads and labels read off the index."""
        index = token_index(self.doc)
        head, dep = index.head, index.dep
        link = head[noun]
        owner = head[link] if dep[link] in {"prep", "case"} else link
        if dep[link] == "case" or dep[noun] == "nmod":
            owner = head[noun]
        figure = figure_at(self.doc, owner, self.language) if owner != noun else None
        return figure is not None and figure.value == 1

    def _is_group(self, token: Token) -> bool:
        return token.pos_ in {"NOUN", "PROPN"} and fold(token.lemma_) in self.groups \
            and morph_values(token, "Number") != ["Sing"] and token.tag_ != "NN"

    def _is_group_at(self, i: int) -> bool:
        """``_is_group(doc[i])``, the tag and number read off the index first: most nouns
        are singular, and only the others are made into a Token to fold their lemma."""
        index = token_index(self.doc)
        if index.pos[i] not in NOUNS or index.morph(i, "Number") == ["Sing"]:
            return False
        token = self.doc[i]
        return fold(token.lemma_) in self.groups and token.tag_ != "NN"

    def _figure(self, token: Token) -> Figure | None:
        return self._figure_at(token.i)

    def _figure_at(self, i: int) -> Figure | None:
        """The figure starting at ``i`` if it counts people: not a date, a percentage or a year."""
        if i in self.dated:
            return None
        figure = figure_at(self.doc, i, self.language)
        if figure is None or any(j in self.dated for j in range(figure.start, figure.end)):
            return None
        if figure.end < len(self.doc) and token_index(self.doc).lower[figure.end] in self.percent:
            return None
        text = self.doc[figure.start].text
        if text.isdigit() and len(text) == 4 and 1900 <= figure.value <= 2100:
            return None
        return figure


__all__ = ["CountFigures"]
