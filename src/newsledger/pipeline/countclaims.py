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

from spacy.tokens import Doc, Token

from newsledger.kb import fold
from newsledger.pipeline.nametypes import name_data
from newsledger.pipeline.numbers import Figure, figure_at
from newsledger.pipeline.roles import cue_set
from newsledger.pipeline.tokenindex import NOUNS, morph_values, token_index

_MODIFIERS = {"nummod", "nmod", "appos", "amod", "det"}


class CountFigures:
    """Finds the figures of one document that count members of an act."""

    def __init__(self, doc: Doc, language: str):
        self.doc = doc
        self.language = language
        self.groups = name_data(language).organization_heads
        self.percent = cue_set(language, "percent_words") | {"%"}
        self._groups: dict[int, bool] = {}  # position -> whether it is a group noun
        # Figures inside dates ("el 27 de febrero") count days, not people.
        self.dated: set[int] = set()
        for match in doc._.nl_timexes or []:
            span = doc.char_span(match.start, match.end, alignment_mode="expand")
            if span is not None:
                self.dated.update(range(span.start, span.end))

    def of_ordinal(self, ordinal: Token, anchor: Token) -> Figure | None:
        """"un segundo grupo de 26" (a figure on the ranked noun), "en el segundo …
        fueron 26" (the ranked clause's predicate is the figure)."""
        for child in anchor.children:
            if child.dep_ in {"nummod", "nmod"} and child.like_num:
                figure = self._figure(child)
                if figure is not None:
                    return figure
        head = anchor.head
        if head.i != anchor.i and head.like_num and anchor.dep_ in {"obl", "nmod"}:
            return self._figure(head)
        return None

    def of_groups(self, trigger: Token) -> Figure | None:
        """The number of groups an act names: a figure before a group noun that is in
        the trigger's phrase or that the trigger's clause describes."""
        doc, sent = self.doc, trigger.sent
        # The trigger's subtree lies between its leftmost and rightmost descendants.
        left, right = trigger.left_edge.i, trigger.right_edge.i
        groups = self._groups_in(min(sent.start, left), max(sent.end, right + 1))
        nouns = self._groups_under(trigger, [i for i in groups if left <= i <= right])
        if trigger.dep_ in {"acl", "relcl", "acl:relcl"} and self._is_group(trigger.head):
            nouns.insert(0, trigger.head)
        # "…, one of eight groups added to the list": the act's object is one of the N.
        nouns += [doc[i] for i in groups if sent.start <= i < sent.end and self._one_of(doc[i])]
        like_num = token_index(doc).like_num
        for noun in nouns:
            for i in range(noun.left_edge.i, noun.i):
                if like_num[i] and doc[i].dep_ in _MODIFIERS:
                    figure = self._figure(doc[i])
                    if figure is not None and figure.value > 1:
                        return figure
        return None

    def _groups_in(self, start: int, end: int) -> list[int]:
        """The positions of the group nouns in tokens [start, end). spaCy makes a new Token
        object per position: only the nouns of the token index are read as tokens, each
        once per Doc (the acts of one sentence ask again)."""
        doc, found = self.doc, []
        for i in token_index(doc).positions(doc[start:end], "pos", NOUNS):
            group = self._groups.get(i)
            if group is None:
                group = self._groups[i] = self._is_group(doc[i])
            if group:
                found.append(i)
        return found

    @staticmethod
    def _groups_under(trigger: Token, groups: list[int]) -> list[Token]:
        """Which of the group nouns ``groups`` are in the trigger's subtree (the trigger
        itself not), in the subtree's order. Only a trigger with two or more of them walks
        its subtree."""
        doc = trigger.doc
        under = [i for i in groups if i != trigger.i and trigger.is_ancestor(doc[i])]
        if len(under) < 2:
            return [doc[i] for i in under]
        return [t for t in trigger.subtree if t.i in under]

    def _one_of(self, noun: Token) -> bool:
        """The noun's phrase reads "one of" / "una de" the noun: its grandparent is a one."""
        link = noun.head
        owner = link.head if link.dep_ in {"prep", "case"} else link
        if link.dep_ == "case" or noun.dep_ == "nmod":
            owner = noun.head
        figure = figure_at(self.doc, owner.i, self.language) if owner.i != noun.i else None
        return figure is not None and figure.value == 1

    def _is_group(self, token: Token) -> bool:
        return token.pos_ in {"NOUN", "PROPN"} and fold(token.lemma_) in self.groups \
            and morph_values(token, "Number") != ["Sing"] and token.tag_ != "NN"

    def _figure(self, token: Token) -> Figure | None:
        if token.i in self.dated:
            return None
        figure = figure_at(self.doc, token.i, self.language)
        if figure is None or any(i in self.dated for i in range(figure.start, figure.end)):
            return None
        after = self.doc[figure.end] if figure.end < len(self.doc) else None
        if after is not None and after.lower_ in self.percent:
            return None
        text = self.doc[figure.start].text
        if text.isdigit() and len(text) == 4 and 1900 <= figure.value <= 2100:
            return None
        return figure


__all__ = ["CountFigures"]
