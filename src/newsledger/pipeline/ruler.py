"""Known names first: the knowledge base tags its names before the model's recogniser.

spaCy's EntityRuler runs token patterns through the token Matcher, which with the
knowledge base's thousands of case-insensitive names cost three times the model itself.
Two PhraseMatchers do the same work in a fraction of the time: exact spellings (acronyms
must keep their capitals: "US" is not "us") and lower-cased multi-word names ("Sinaloa
cartel"), whose first word must still be written as the knowledge base gives it, so
that "the attorney general's office" of Texas is not Mexico's "Attorney General's Office".

The recogniser keeps the names it is given and labels the rest. Given a name whose label
it does not have (the Spanish model knows PER and LOC, not PERSON and GPE), spaCy adds
that label to it: four more actions to score at every word of every later document (18 ->
26 in Spanish), about a tenth more recogniser time, for actions it can never choose
unless forced. So the ruler hands the recogniser a label it has, and
``newsledger_kb_labels`` right after it puts the knowledge base's label back. The label
of a given name only says which forced action the recogniser takes there; its scores
read words, not labels, so what it finds elsewhere is the same.
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
LABELS_NAME = "newsledger_kb_labels"
# Where the ruler leaves the knowledge base's labels of the names it gave a stand-in label:
# (start, end, label) per name.
_TRUE_LABELS = ("newsledger", "kb_labels")


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
        recognised = set(nlp.get_pipe("ner").labels) if "ner" in nlp.pipe_names else None
        # The label the recogniser is handed for a label of the knowledge base it lacks.
        self.stand_in: dict[str, str] = {}
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
            if recognised and pattern["label"] not in recognised:
                self.stand_in[pattern["label"]] = min(recognised)
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
        kept = filter_spans(list(doc.ents) + spans)
        handed = [self._handed(span) for span in kept]
        given = [(span.start, span.end, span.label_) for span, as_handed in zip(kept, handed)
                 if as_handed is not span]
        if given:
            doc.user_data[_TRUE_LABELS] = given
        doc.set_ents(handed, default=SetEntsDefault.outside)
        return doc

    def _handed(self, span: Span) -> Span:
        """The span as the recogniser gets it: with a label it has."""
        stand_in = self.stand_in.get(span.label_) if self.stand_in else None
        if stand_in is None:
            return span
        return Span(span.doc, span.start, span.end, label=stand_in, span_id=span.id)

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


@Language.component(LABELS_NAME, assigns=["token.ent_type"])
def restore_kb_labels(doc: Doc) -> Doc:
    """The knowledge base's labels back on the names the ruler gave stand-in labels
    (the recogniser keeps a given name's words and boundaries as they were)."""
    for start, end, label in doc.user_data.pop(_TRUE_LABELS, ()):
        for token in doc[start:end]:
            token.ent_type_ = label
    return doc
