"""Hand-built parsed Docs for the model-free pipeline tests.

A sentence is written as a table, one token a line:

    word  lemma  POS  dep  head  [tag]  [morph]

``head`` is the absolute index of the head token (the root points at itself), ``_``
leaves a tag or morph empty. Spaces follow every token except before punctuation.
Entities are ``(start, end, label)`` or ``(start, end, label, kb_id)`` token ranges.
"""
from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from functools import cache

import pytest
import spacy
from spacy.tokens import Doc, Span
from spacy.vocab import Vocab

from newsledger.model import Entity
from newsledger.model import Span as TextSpan
from newsledger.pipeline import extensions

NO_SPACE_BEFORE = {".", ",", ":", ";", "'s", "’s", "?", "!", "»", "”", ")"}
NO_SPACE_AFTER = {"«", "“", "("}

EntSpec = tuple  # (start, end, label) or (start, end, label, kb_id)


@cache
def vocab(lang: str) -> Vocab:
    """A blank pipeline's vocabulary (its lexical attributes, e.g. like_num), built once."""
    return spacy.blank(lang).vocab


def make_doc(table: str, lang: str = "en", ents: Iterable[EntSpec] = ()) -> Doc:
    rows = [line.split() for line in table.strip().splitlines() if line.strip()]
    words = [r[0] for r in rows]
    spaces = [i + 1 < len(words) and words[i + 1] not in NO_SPACE_BEFORE and words[i] not in NO_SPACE_AFTER
              for i in range(len(words))]
    for r in rows:
        assert len(r) >= 5, f"short row: {r}"
    doc = Doc(vocab(lang), words=words, spaces=spaces,
              lemmas=[r[1] for r in rows], pos=[r[2] for r in rows], deps=[r[3] for r in rows],
              heads=[int(r[4]) for r in rows],
              tags=[r[5] if len(r) > 5 and r[5] != "_" else "" for r in rows],
              morphs=[r[6] if len(r) > 6 and r[6] != "_" else "" for r in rows])
    spans = []
    for spec in ents:
        start, end, label, *kb = spec
        spans.append(Span(doc, start, end, label=label, span_id=kb[0] if kb else 0))
    if spans:
        doc.ents = spans
    return doc


def set_entities(doc: Doc, specs: Sequence[tuple[int, int, dict]]) -> list[Entity]:
    """Give ``doc`` canonical entities by hand: ``(start, end, Entity fields)`` per mention;
    mentions with the same name are one entity. Sets ``nl_entities``/``nl_token_entity``."""
    extensions.register()
    by_name: dict[str, Entity] = {}
    token_entity: dict[int, str] = {}
    for start, end, fields in specs:
        span = doc[start:end]
        entity = by_name.get(fields["name"])
        if entity is None:
            entity = by_name[fields["name"]] = Entity(id=f"e{len(by_name) + 1}", **fields)
        entity.mentions.append(TextSpan(span.start_char, span.end_char, span.text))
        for i in range(start, end):
            token_entity[i] = entity.id
    doc._.nl_entities = list(by_name.values())
    doc._.nl_token_entity = token_entity
    return doc._.nl_entities


@pytest.fixture()
def build() -> Callable[..., Doc]:
    return make_doc


@pytest.fixture()
def entities() -> Callable[..., list[Entity]]:
    return set_entities
