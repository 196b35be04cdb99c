"""Names the knowledge base does not know: is a mention a name at all, and of what.

The model's recogniser alone calls "Semanas" (sentence-initial "Weeks later") a person,
a weekday in a dateline a place, a masthead in capitals an organisation, and gives one
name two types in one article ("Ahome" a place here, a person there). What decides here
is evidence, read from data (``lang/<code>/entities.yaml``, weekday and month names from
``timex.yaml``) and from the model's own word lists:

* page furniture, weekday and month names, and shapes such as aircraft registrations are
  never names;
* a lone word capitalised only by its position (first of a sentence or line, or a line in
  capitals) that the language's lexicon knows as a common word is no name;
* the type of an unknown name is voted: every mention's model label, the noun before it
  ("el municipio de …", "the collective …"), the shape of the name ("San …", "Radio …",
  "… County") and a known place after a comma ("Santa Teresa, Nuevo México"). One name,
  one type.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from functools import cache

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from newsledger import lang
from newsledger.kb import fold
from newsledger.pipeline.doctext import doc_text, span_text
from newsledger.pipeline.tokenindex import NAMES, token_index

# How much each kind of evidence weighs against one model label.
HEAD_WEIGHT = 2.0
SHAPE_WEIGHT = 1.5
PLACE_AFTER_WEIGHT = 2.0
# The longest run of capitalised words read as one unknown name by its shape alone.
MAX_SHAPED = 4
# spaCy labels (English and Spanish models) and the contract's entity types.
LABEL_TYPES = {"PERSON": "person", "PER": "person", "ORG": "organization",
               "GPE": "place", "LOC": "place", "FAC": "place"}
PLACE_LABELS = {label for label, kind in LABEL_TYPES.items() if kind == "place"}
# Function words between a head noun and the name it introduces ("el municipio de …").
_LINKS = lang.words("names", "filler")


def _folded(words: list[str] | None) -> frozenset[str]:
    return frozenset(fold(str(w)) for w in words or ())


@dataclass(frozen=True)
class NameData:
    non_names: frozenset[str]
    organization_heads: frozenset[str]
    place_heads: frozenset[str]
    thing_heads: frozenset[str]
    place_prefixes: frozenset[str]
    organization_prefixes: frozenset[str]
    organization_suffixes: frozenset[str]
    place_suffixes: frozenset[str]
    shapes: tuple[re.Pattern[str], ...]
    calendar: frozenset[str]
    continuations: frozenset[str]


@cache
def name_data(language: str) -> NameData:
    data = lang.load(language, "entities")
    timex = lang.load(language, "timex")
    calendar = {fold(str(w)) for table in ("weekdays", "months") for w in timex.get(table, {})}
    return NameData(
        non_names=_folded(data["non_names"]),
        organization_heads=_folded(data["organization_heads"]),
        place_heads=_folded(data["place_heads"]),
        thing_heads=_folded(data["thing_heads"]),
        place_prefixes=_folded(data["place_prefixes"]),
        organization_prefixes=_folded(data["organization_prefixes"]),
        organization_suffixes=_folded(data.get("organization_suffixes")),
        place_suffixes=_folded(data.get("place_suffixes")),
        shapes=tuple(re.compile(p) for p in data.get("non_name_shapes", ())),
        calendar=frozenset(calendar),
        continuations=_folded(data["continuation_words"]))


def common_words(nlp: Language) -> frozenset[str]:
    """The lemmas the model's rule lemmatizer lists as nouns, verbs, adjectives and adverbs:
    words of the language, as opposed to names."""
    if "lemmatizer" not in nlp.pipe_names:
        return frozenset()
    lookups = getattr(nlp.get_pipe("lemmatizer"), "lookups", None)
    if lookups is None or not lookups.has_table("lemma_index"):
        return frozenset()
    table = lookups.get_table("lemma_index")
    return frozenset(fold(str(w)) for key in table.keys() for w in table[key])


class NameEvidence:
    """Decides, for one language, whether an unknown mention is a name and votes its type."""

    def __init__(self, language: str, lexicon: frozenset[str]):
        self.data = name_data(language)
        self.lexicon = lexicon

    def is_non_name(self, span: Span) -> bool:
        """Page furniture, calendar words, registrations, and things named after a noun
        that says what they are ("el avión Hércules")."""
        data = self.data
        doc = span.doc
        # The words' texts and offsets off the token index: ``doc[start:end]`` makes a Span
        # and two Token objects for its offsets, ``span[0]`` a Token.
        texts, offsets = token_index(doc).texts()
        whole, start = doc_text(doc), span.start_char
        # "Lee también:", "Minuto a minuto": the phrase may run past the model's span.
        for end in range(span.end, min(span.end + 3, len(doc)) + 1):
            # the text of doc[span.start:end], from its first word's start to its last's end
            if fold(whole[start:offsets[end - 1] + len(texts[end - 1])]) in data.non_names:
                return True
        first = texts[span.start]
        if len(span) > 1 and fold(first) in data.non_names:
            return True  # "Foto Alfredo Domínguez", "Redacción Monterrey": a credit or a byline
        text = span_text(span)
        if fold(text) in data.calendar:
            return True
        if len(span) <= 2 and fold(first) in data.calendar:
            return True  # "Viernes 23" in a dateline
        if any(p.match(text) for p in data.shapes):
            return True
        head = self._head_before(span)
        return head is not None and fold(head.text) in data.thing_heads

    def is_common_word(self, span: Span) -> bool:
        """A lone word capitalised by its position only, which the lexicon knows."""
        if len(span) != 1 or not self.lexicon:
            return False
        token = span[0]
        if not (token.is_sent_start or _line_start(token) or token.text.isupper()):
            return False
        word = fold(token.text)
        return any(form in self.lexicon for form in _singulars(word))

    def votes(self, span: Span) -> Counter[str]:
        """Evidence for each type from one mention: its label, the noun before it, its
        shape and a known place after a comma."""
        votes: Counter[str] = Counter()
        votes[LABEL_TYPES.get(span.label_, "other")] += 1.0
        data = self.data
        head = self._head_before(span)
        if head is not None:
            word = fold(head.text)
            if word in data.organization_heads:
                votes["organization"] += HEAD_WEIGHT
            elif word in data.place_heads:
                votes["place"] += HEAD_WEIGHT
        words = fold(span_text(span)).split()
        if len(words) > 1:
            if words[0] in data.place_prefixes or words[-1] in data.place_suffixes:
                votes["place"] += SHAPE_WEIGHT
            if words[0] in data.organization_prefixes or words[-1] in data.organization_suffixes:
                votes["organization"] += SHAPE_WEIGHT
        if _known_place_after(span):
            votes["place"] += PLACE_AFTER_WEIGHT
        return votes

    def shaped_names(self, doc: Doc, taken: set[int], titles: frozenset[str]) -> list[Span]:
        """Names the model missed, found by their shape: two to four capitalised proper
        nouns in a row, none a word of the lexicon or an office ("Juan Escalante" after
        a known organisation the model read past), labelled as people (the vote decides),
        or a single one after a noun that says what it is ("the town of Ahome")."""
        found: list[Span] = []
        words = self._name_words(doc, taken, titles)
        n = len(doc)
        i = 0  # the first position a new run may start at
        for start in sorted(words):
            if start < i:
                continue
            i, j = start, start
            while j < n and j - i < MAX_SHAPED and j in words:
                j += 1
            # Inside running text only: a line or sentence opening with capitals is a
            # heading or a list item, which other readers handle.
            inside = i > 0 and not doc[i].is_sent_start and not doc[i - 1].is_punct
            if inside and not (j < n and doc[j].pos_ == "PROPN" and doc[j].text[:1].isupper()):
                span = Span(doc, i, j, label="PERSON" if doc.lang_ == "en" else "PER")
                if j - i == 1:
                    # "the municipality of Ahome": one word is a name when a noun before it
                    # says it is a place or a group.
                    head = self._head_before(span)
                    kind = fold(head.text) if head is not None else ""
                    label = "GPE" if kind in self.data.place_heads else "ORG" \
                        if kind in self.data.organization_heads else None
                    span = Span(doc, i, j, label=label if doc.lang_ == "en" or label is None
                                else {"GPE": "LOC", "ORG": "ORG"}[label]) if label else None
                if span is not None and not self.is_non_name(span):
                    found.append(span)
            i = j
        return found

    def _name_words(self, doc: Doc, taken: set[int], titles: frozenset[str]) -> set[int]:
        """The positions, outside ``taken``, of the words a shaped name is made of. Only the
        alphabetic proper nouns (read from the token index) become ``Token`` objects:
        spaCy makes a new one per ``doc[i]``, and most words are neither."""
        index = token_index(doc)
        texts = index.texts()[0]
        # The spelling ``_name_word`` asks for, tested first on the texts: a word in
        # capitals or not capitalised makes no Token either.
        return {i for i in index.positions(doc[:], "pos", NAMES)
                if index.alpha[i] and i not in taken and texts[i][:1].isupper() and not texts[i].isupper()
                and self._name_word(doc[i], titles)}

    def _name_word(self, token: Token, titles: frozenset[str]) -> bool:
        text = token.text
        if token.pos_ != "PROPN" or not token.is_alpha or not text[:1].isupper() or text.isupper():
            return False
        word = fold(text)
        return word not in titles and fold(token.lemma_) not in self.lexicon \
            and not any(form in self.lexicon for form in _singulars(word))

    @staticmethod
    def _head_before(span: Span) -> Token | None:
        """The content word before a name, skipping "de"/"of" and articles (two at most)."""
        doc, i = span.doc, span.start - 1
        lower = token_index(doc).lower  # the skipped words need no Token object
        skipped = 0
        while i >= 0 and lower[i] in _LINKS and skipped < 2:
            i, skipped = i - 1, skipped + 1
        if i < 0:
            return None
        token = doc[i]  # one Token, not one per attribute read
        if token.is_punct or token.text[:1].isupper() and not token.is_sent_start:
            return None
        return token


def _line_start(token: Token) -> bool:
    return token.i == 0 or "\n" in token.doc[token.i - 1].whitespace_ or "\n" in token.doc[token.i - 1].text


def _singulars(word: str) -> tuple[str, ...]:
    """The word and the singulars it may have ("semanas" → "semana", "cárceles" → "cárcel")."""
    forms = [word]
    if word.endswith("es"):
        forms.append(word[:-2])
    if word.endswith("s"):
        forms.append(word[:-1])
    return tuple(forms)


def _known_place_after(span: Span) -> bool:
    """"Santa Teresa, Nuevo México": a known place right after a comma locates the name."""
    doc = span.doc
    if span.end + 1 >= len(doc) or token_index(doc).texts()[0][span.end] != ",":
        return False  # (the text off the token index: most names are followed by no comma)
    after = doc[span.end + 1]
    return bool(after.ent_id_) and after.ent_type_ in PLACE_LABELS


__all__ = ["NameEvidence", "common_words", "name_data"]
