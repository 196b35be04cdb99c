"""Known names first: the knowledge base tags its names before the model's recogniser.

spaCy's EntityRuler runs token patterns through the token Matcher, which with the
knowledge base's thousands of case-insensitive names cost three times the model itself.
Two PhraseMatchers do the same work in a fraction of the time: exact spellings (acronyms
must keep their capitals: "US" is not "us") and lower-cased multi-word names ("Sinaloa
cartel"), whose first word must still be written as the knowledge base gives it, so
that "the attorney general's office" of Texas is not Mexico's "Attorney General's Office".
"""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from itertools import product
from typing import Any

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span
from spacy.tokens.doc import SetEntsDefault
from spacy.util import filter_spans

from newsledger.kb import KnowledgeBase

RULER_NAME = "newsledger_kb_ruler"


def _alternatives(token: dict[str, Any]) -> list[str]:
    """The spellings one token of a KB token pattern allows, lower-cased."""
    for attr in ("LOWER", "TEXT", "ORTH"):
        value = token.get(attr)
        if isinstance(value, str):
            return [value.lower()]
        if isinstance(value, dict) and "IN" in value:
            return list(dict.fromkeys(v.lower() for v in value["IN"]))
    return []


def _exact_spellings(token: dict[str, Any]) -> set[str] | None:
    """The case-sensitive spellings a pattern token demands, or None when case is free."""
    for attr in ("TEXT", "ORTH"):
        value = token.get(attr)
        if isinstance(value, str):
            return {value}
        if isinstance(value, dict) and "IN" in value:
            return set(value["IN"])
    return None


def phrases(pattern: list[dict[str, Any]]) -> Iterator[str]:
    """Every lower-cased phrase a token pattern matches (its alternatives multiplied)."""
    options = [_alternatives(token) for token in pattern]
    if any(not choice for choice in options):
        return
    for combination in product(*options):
        yield " ".join(combination)


class KnowledgeBaseRuler:
    def __init__(self, nlp: Language, language: str):
        self.exact = PhraseMatcher(nlp.vocab, attr="ORTH")
        self.folded = PhraseMatcher(nlp.vocab, attr="LOWER")
        exact: dict[str, list[str]] = defaultdict(list)
        folded: dict[str, list[str]] = defaultdict(list)
        self.keys: dict[int, tuple[str, str]] = {}
        # The spellings a folded name's first word must have ("condado" as written,
        # "Attorney" capitalised); None where the pattern lets any case through.
        self.first_words: dict[tuple[int, str], set[str] | None] = {}
        for pattern in KnowledgeBase.default().patterns(language):
            key = f"{pattern['label']}|{pattern['id']}"
            number = nlp.vocab.strings.add(key)
            self.keys[number] = (pattern["label"], pattern["id"])
            if isinstance(pattern["pattern"], str):
                exact[key].append(pattern["pattern"])
                continue
            first = pattern["pattern"][0]
            for phrase in phrases(pattern["pattern"]):
                folded[key].append(phrase)
                head = phrase.split(" ")[0]
                spellings = _exact_spellings(first)
                known = self.first_words.get((number, head), set())
                self.first_words[(number, head)] = None if spellings is None or known is None \
                    else known | spellings
        for matcher, table in ((self.exact, exact), (self.folded, folded)):
            for key, texts in table.items():
                matcher.add(key, list(nlp.tokenizer.pipe(dict.fromkeys(texts))))

    def __call__(self, doc: Doc) -> Doc:
        spans = [self._span(doc, key, start, end) for key, start, end in self.exact(doc)]
        spans += [self._span(doc, key, start, end) for key, start, end in self.folded(doc)
                  if self._first_word_fits(key, doc[start].text)]
        # What ``doc.ents = ...`` does, without its first step: the setter makes a copy
        # of every Span (same label, kb_id and id) before handing them to set_ents.
        doc.set_ents(filter_spans(list(doc.ents) + spans), default=SetEntsDefault.outside)
        return doc

    def _first_word_fits(self, key: int, text: str) -> bool:
        allowed = self.first_words.get((key, text.lower()), set())
        return allowed is None or text in allowed

    def _span(self, doc: Doc, key: int, start: int, end: int) -> Span:
        label, kb_id = self.keys[key]
        return Span(doc, start, end, label=label, span_id=kb_id)


@Language.factory(
    RULER_NAME,
    assigns=["doc.ents", "token.ent_type", "token.ent_id"],
    default_config={"language": "en"},
)
def make_kb_ruler(nlp: Language, name: str, language: str) -> KnowledgeBaseRuler:
    return KnowledgeBaseRuler(nlp, language)
