"""List blocks: an introducing line that ends in a colon ("Among those sent were the
following:", "Estos son algunos de los nombres:") and the bulleted or numbered lines
under it, each naming one person.

Reports give the people of an event this way, paragraphs away from the sentence that
states the act; the parser sees each line as a sentence of its own, with no verb that
would tie the name to the event. Reading the block as a whole restores the tie: each
line's leading name is a member of the event the introduction speaks of, and the
groups named on that line are the groups of the event's people.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from spacy.tokens import Span, Token

from newsledger.model import Entity
from newsledger.model import Span as TextSpan
from newsledger.pipeline.roles import DocContext, cue_set, modifies_another_person
from newsledger.pipeline.triggers import TriggerFinder

# A line that opens with a bullet or an item number ("•", "—", "-", "3.", "4)").
# Typography, not words of a language.
_ITEM = re.compile(r"^[ \t]*(?:[•·▪◦*\-–—]|\d{1,2}[.)])[ \t]+")
# A name counts as the line's own when it starts within this many tokens of the bullet.
LEADING_TOKENS = 4


@dataclass
class ListItem:
    start: int            # character offset of the text after the bullet
    end: int
    person: tuple[Entity, Token] | None = None      # the name the line opens with
    leading_group: bool = False                     # the line opens with a group's name
    groups: list[tuple[Entity, Token]] = field(default_factory=list)


@dataclass
class ListBlock:
    intro_start: int      # character range of the introducing line
    intro_end: int
    items: list[ListItem]

    @property
    def people(self) -> list[tuple[Entity, Token]]:
        return [item.person for item in self.items if item.person is not None]

    @property
    def of_groups(self) -> bool:
        """"Which groups are on the list? 1. The Sinaloa Cartel, …": the members are groups."""
        return sum(item.leading_group for item in self.items) * 2 > len(self.items)

    @property
    def groups(self) -> list[tuple[Entity, Token]]:
        return [g for item in self.items for g in item.groups]


def _lines(text: str) -> list[tuple[int, int]]:
    """Character ranges of the non-blank lines."""
    found, position = [], 0
    for line in text.split("\n"):
        if line.strip():
            found.append((position, position + len(line.rstrip())))
        position += len(line) + 1
    return found


def list_blocks(context: DocContext) -> list[ListBlock]:
    """Every block of at least two items whose lines mostly open with a name. The
    introduction ends in a colon, or is a question ("Which groups are on the list?")."""
    text = context.text
    lines = _lines(text)
    blocks: list[ListBlock] = []
    n = 0
    while n < len(lines):
        start, end = lines[n]
        if not text[start:end].rstrip().endswith((":", "?")):
            n += 1
            continue
        items = []
        k = n + 1
        while k < len(lines) and (match := _ITEM.match(text[lines[k][0]:lines[k][1]])):
            items.append(_item(context, lines[k][0] + match.end(), lines[k][1]))
            k += 1
        named = [item for item in items if item.person is not None or item.leading_group]
        # Bulleted summaries ("• The transfer was authorised …") are not lists of people.
        if len(items) >= 2 and len(named) * 2 > len(items):
            blocks.append(ListBlock(start, end, items))
        n = max(k, n + 1)
    return blocks


def _item(context: DocContext, start: int, end: int) -> ListItem:
    item = ListItem(start, end)
    span = context.doc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return item
    if context.entity_at(span[0]) is None:
        item.person = _name_shaped(context, span)
    for position, token in enumerate(span):
        entity = context.entity_at(token)
        if entity is None:
            continue
        if entity.type == "person" and item.person is None and position < LEADING_TOKENS \
                and not context.is_official(entity) and not modifies_another_person(token, context):
            item.person = (entity, token)
        elif context.is_criminal_group(entity) and entity.id not in {e.id for e, _ in item.groups}:
            item.groups.append((entity, token))
            if position < LEADING_TOKENS and item.person is None and len(item.groups) == 1:
                item.leading_group = True
    return item


def _name_shaped(context: DocContext, span: Span) -> tuple[Entity, Token] | None:
    """"- Luis Alberto Peña Soto, a commander of …": the model often misses a name at the
    start of a bulleted line; a line that opens with two to five capitalised words (name
    particles allowed inside) closed by a comma names a person by its place in the list."""
    particles = cue_set(context.language, "name_particles")
    words: list[Token] = []
    for token in span:
        if token.text == ",":
            break
        if token.is_alpha and token.text[:1].isupper() and not token.is_upper \
                or words and token.lower_ in particles:
            words.append(token)
            continue
        return None
    if not 2 <= len(words) <= 5 or words[-1].lower_ in particles \
            or len(words) == len(span) or span[len(words)].text != ",":
        return None
    if any(context.country_of_token(t) or context.entity_at(t) or t.pos_ in {"DET", "PRON", "ADP"}
           for t in words):
        return None  # "The Sinaloa Cartel, …", "Mexico City, …": not a missed person
    name = " ".join(t.text for t in words)
    first, last = words[0], words[-1]
    mention = TextSpan(first.idx, last.idx + len(last.text), name)
    return Entity(f"list:{first.i}", name, "person", mentions=[mention]), first


def intro_types(context: DocContext, block: ListBlock, finder: TriggerFinder) -> set[str]:
    """The event types the introduction names, also in words the reader sets aside as
    descriptions ("las personas enviadas", "those transferred")."""
    span = context.doc.char_span(block.intro_start, block.intro_end, alignment_mode="expand")
    if span is None:
        return set()
    return {trigger.type for trigger in finder.find(span)}


def speaks_of_people(context: DocContext, block: ListBlock) -> bool:
    """An introduction about people or names: "Among those sent", "los nombres"."""
    span = context.doc.char_span(block.intro_start, block.intro_end, alignment_mode="expand")
    if span is None:
        return False
    words = context.people_nouns | cue_set(context.language, "list_nouns") \
        | cue_set(context.language, "membership")
    return any(t.lemma_.lower() in words or t.lower_ in words for t in span)


__all__ = ["ListBlock", "ListItem", "intro_types", "list_blocks", "speaks_of_people"]
