"""Canonical entities: the knowledge base wins over the model, short forms resolve.

The bare model tags "Tamaulipas" as a person, "Trump" as an organisation and cuts
"Omar García Harfuch" to "Omar García". The knowledge-base ruler (``ruler.py``) runs
before the model's recogniser, so known names are fixed first and the model only fills
in the names we do not know. This component then turns the ``doc.ents`` spans into one
canonical ``model.Entity`` per real entity, with every mention.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from functools import cache, lru_cache

from spacy.language import Language
from spacy.tokens import Doc, Span

from newsledger import lang
from newsledger.kb import KBEntry, KnowledgeBase, fold
from newsledger.model import Entity
from newsledger.model import Span as TextSpan
from newsledger.pipeline.doctext import doc_text, span_text
from newsledger.pipeline.nametypes import LABEL_TYPES, NameEvidence, common_words
from newsledger.pipeline.tokenindex import token_index

_LEADING = re.compile(r"^(?:the|The|THE|el|El|la|La|los|Los|las|Las)\s+(?=\S)")
_TRAILING = re.compile(r"(?:['’]s|['’])$")


@dataclass
class _Draft:
    """An entity being assembled from its mentions."""

    name: str
    type: str
    entry: KBEntry | None
    mentions: list[Span] = field(default_factory=list)
    titles: list[str] = field(default_factory=list)
    votes: Counter[str] = field(default_factory=Counter)
    # Mentions inside another entity's name ("Trump" in "the Trump administration"): the
    # person is named, but the words act as the larger name, so roles keep reading that.
    inner: list[Span] = field(default_factory=list)


class EntityResolver:
    """Groups mentions into canonical entities for one document."""

    def __init__(self, language: str, lexicon: frozenset[str] = frozenset()):
        self.language = language
        cues = lang.load(language, "cues")
        self.titles = {w.lower() for w in cues["title_words"]}
        self.non_entity = frozenset(fold(w) for w in cues.get("non_entity_words", ()))
        self.names = NameEvidence(language, lexicon)
        self.folded_titles = frozenset(fold(w) for w in self.titles)

    def __call__(self, doc: Doc) -> Doc:
        kb = KnowledgeBase.default()
        drafts: dict[str, _Draft] = {}
        ents = list(doc.ents)  # Doc.ents makes a new Span per entity at each reading
        # Each entity's id read once, here: Span.ent_id_ finds the span's syntactic root
        # anew and makes a Token object for it. Only the spans joined or found below ask.
        ids = [ent.ent_id_ for ent in ents]
        known_ids = {id(ent): ent_id for ent, ent_id in zip(ents, ids)}  # ``ents`` keeps them alive
        found = _join_particles(doc, ents, ids)
        taken = {i for ent in ents for i in range(ent.start, ent.end)}
        found = _join_given_names(found + self.names.shaped_names(doc, taken, self.folded_titles), self.folded_titles)
        for ent in found:
            etype = LABEL_TYPES.get(ent.label_)
            if etype is None:
                continue
            ent_id = known_ids.get(id(ent))
            if ent_id is None:
                ent_id = ent.ent_id_  # read once: a Span finds its syntactic root anew for it
            span = _trim(ent, ent_id)
            if span is None:
                continue
            entry = kb.get(ent_id) if ent_id else None
            longer = _longer_name(span, self.names.data.continuations) if entry is not None and entry.type == "organization" else None
            if longer is not None:
                span, entry, etype = longer, None, "organization"
            text = span_text(span)
            if entry is None:
                entry = _lookup(text, etype)
            if entry is None and (not self._plausible_name(span, kb) or self.names.is_non_name(span)):
                continue
            # An unknown name is one entity whatever labels its mentions got: the type is voted.
            key = entry.id if entry else f"name:{fold(text)}"
            draft = drafts.get(key)
            if draft is None:
                name = entry.name if entry else _display_name(text)
                draft = drafts[key] = _Draft(name, entry.type if entry else etype, entry)
            draft.mentions.append(span)
            if entry is None:
                draft.votes.update(self.names.votes(span))
            if draft.type == "person" or entry is None:
                title = self._title_before(span)
                if title and title not in draft.titles:
                    draft.titles.append(title)
        _settle_types(drafts)
        _capitals(drafts)
        _resolve_short_forms(drafts)
        self._drop_common_words(drafts)
        _people_named_within(drafts, kb)
        entities, token_entity = self._finish(doc, drafts)
        doc._.nl_entities = entities
        doc._.nl_token_entity = token_entity
        return doc

    def _drop_common_words(self, drafts: dict[str, _Draft]) -> None:
        """"Semanas después", "Redacción": a lone word that is only capitalised where it
        stands, and that the lexicon knows, is no name (short forms were joined first)."""
        for key, draft in list(drafts.items()):
            if draft.entry is None and all(self.names.is_common_word(m) for m in draft.mentions):
                del drafts[key]

    def _plausible_name(self, span: Span, kb: KnowledgeBase) -> bool:
        if not _looks_like_name(span, self.non_entity):
            return False
        if tuple(fold(span_text(span)).split()) in _kb_phrases():
            return False
        return not self._nickname(span)

    def _nickname(self, span: Span) -> bool:
        """«Delta 1», “El Ricky”: a nickname in quotation marks names someone else."""
        doc, text = span.doc, doc_text(span.doc)
        # ``before`` (below) ends the text before the name and is four characters at most:
        # without a quotation mark among those four, it has none, and no Token or Span
        # need be made to read it (most names).
        if not any(mark in text[max(0, span.start_char - 4):span.start_char] for mark in "«“\""):
            return False
        # The text of the three tokens before and the four after, sliced from the Doc's.
        first = max(0, span.start - 3)
        before = text[doc[first].idx:span.start_char][-4:] if first < span.start else ""
        if not re.search(r"[«“\"]\s*(?:El |La |Los )?$", before):
            return False
        after = span_text(doc[span.end:span.end + 4])[:6]
        return bool(re.match(r"[^«»“”\"\n]{0,4}[»”\"]", after))

    def _title_before(self, span: Span) -> str | None:
        """Capitalised office words right before a name ("Security Minister")."""
        doc, i = span.doc, span.start - 1
        words: list[str] = []
        index = token_index(doc)
        # The forms and texts off the token index, without a Token per word tried; only
        # an office word makes one, to ask whether it opens its sentence.
        lower, texts = index.lower, index.texts()[0]
        while i >= 0 and lower[i] in self.titles and texts[i][:1].isupper():
            words.insert(0, texts[i])
            if doc[i].is_sent_start:
                break
            i -= 1
        while words and words[0].lower() in {"u.s.", "us", "mexican", "mexico", "former"}:
            words.pop(0)
        return " ".join(words) or None

    def _finish(self, doc: Doc, drafts: dict[str, _Draft]) -> tuple[list[Entity], dict[int, str]]:
        entities: list[Entity] = []
        token_entity: dict[int, str] = {}
        text = doc_text(doc)
        ordered = sorted(drafts.values(), key=lambda d: min(m.start for m in d.mentions + d.inner))
        for number, draft in enumerate(ordered, start=1):
            entity_id = f"e{number}"
            entry = draft.entry
            titles = list(draft.titles)
            if entry is not None:
                titles += [t for t in entry.titles.get(self.language, ()) if t not in titles]
            # Each mention once by its character offsets, read once per span (a Span
            # computes them at each reading), in the order of its start.
            by_offsets = {(m.start_char, m.end_char): m for m in draft.mentions + draft.inner}
            offsets = sorted(by_offsets, key=lambda key: key[0])
            inner = {(m.start_char, m.end_char) for m in draft.inner}
            entities.append(Entity(
                id=entity_id, name=draft.name, type=draft.type,
                category=entry.category if entry else None,
                country=(entry.iso or entry.country) if entry else None,
                titles=titles, kb_id=entry.id if entry else None,
                wikidata=entry.wikidata if entry else None,
                mentions=[TextSpan(start, end, text[start:end]) for start, end in offsets]))
            for key in offsets:
                if key in inner:
                    continue
                mention = by_offsets[key]
                for i in range(mention.start, mention.end):
                    token_entity[i] = entity_id
        return entities, token_entity


_PARTICLES = lang.words("names", "particles")
# What a name never ends with: a possessive, a comma or a full stop left on the span.
_POSSESSIVES = frozenset({"'s", "’s", "'", "’", ",", "."})
_ARTICLES = lang.words("names", "leading_articles")


def _join_particles(doc: Doc, ents: list[Span] | None = None, ids: list[str] | None = None) -> list[Span]:
    """"María del" + "Rosario Navarro Sánchez": the model cuts long Spanish names at a
    particle; two adjacent mentions joined by one are one person. ``ents``: the Doc's
    entities, and ``ids`` their ``ent_id_``, when the caller has read them already."""
    ents = list(doc.ents) if ents is None else ents
    lower = token_index(doc).lower
    # Each entity's id read once: Span.ent_id_ finds the span's syntactic root anew.
    ids = [ent.ent_id_ for ent in ents] if ids is None else ids
    joined: list[Span] = []
    i = 0
    while i < len(ents):
        ent = ents[i]
        if i + 1 < len(ents) and not ids[i] and not ids[i + 1] \
                and lower[ent.end - 1] in _PARTICLES and ents[i + 1].start == ent.end \
                and {"PERSON", "PER"} & {ent.label_, ents[i + 1].label_}:
            merged = doc[ent.start:ents[i + 1].end]
            merged.label_ = "PER" if "PER" in {ent.label_, ents[i + 1].label_} else "PERSON"
            joined.append(merged)
            i += 2
            continue
        if not ids[i] and lower[ent.end - 1] in _PARTICLES and ent.end < len(doc) \
                and doc[ent.end].pos_ == "PROPN" and (i + 1 == len(ents) or ents[i + 1].start > ent.end):
            end = ent.end
            while end < len(doc) and (doc[end].pos_ == "PROPN" and doc[end].text[:1].isupper()
                                      or doc[end].lower_ in _PARTICLES and end + 1 < len(doc)
                                      and doc[end + 1].pos_ == "PROPN"):
                end += 1
            if i + 1 == len(ents) or ents[i + 1].start >= end:
                merged = doc[ent.start:end]
                merged.label_ = "PERSON" if doc.lang_ == "en" else "PER"
                joined.append(merged)
                i += 1
                continue
        joined.append(ent)
        i += 1
    return joined


def _join_given_names(found: list[Span], titles: frozenset[str]) -> list[Span]:
    """The mentions, each person's cut-off first word joined back to the name (in the
    first word's place, so that the order of the others is kept)."""
    ending = {span.end: i for i, span in enumerate(found)}
    joined: list[Span | None] = list(found)
    for span in found:
        i = ending.get(span.start)
        first = joined[i] if i is not None else None
        if first is not None and _given_name_cut_off(first, span, titles):
            merged = span.doc[first.start:span.end]
            merged.label_ = span.label_
            joined[i] = merged  # type: ignore[index]
            joined[found.index(span)] = None
    return [span for span in joined if span is not None]


def _given_name_cut_off(first: Span, person: Span, titles: frozenset[str]) -> bool:
    """"Esteban" (ORG) + "Quiroga Maldonado" (PERSON): the model sometimes gives a name's
    first word a label of its own. One capitalised word, unknown to the knowledge base and
    not an acronym, directly before a person's name, on the same line, is part of it,
    unless it ends a title ("Secretary of State Rubio")."""
    if person.label_ not in {"PERSON", "PER"} or first.label_ in {"PERSON", "PER"}:
        return False
    if first.ent_id_ or person.ent_id_ or len(first) != 1 or person.start != first.end:
        return False
    word = first[0]
    if not (word.is_alpha and word.text[:1].isupper() and not word.is_upper and "\n" not in word.whitespace_):
        return False
    doc = first.doc
    return not any(fold(span_text(doc[max(0, first.end - n):first.end])) in titles for n in range(1, 5))



def _trim(ent: Span, ent_id: str | None = None) -> Span | None:
    """Drop a leading article and a trailing possessive from a mention (``ent_id``: its
    ``ent_id_``, when the caller has read it)."""
    doc, start, end = ent.doc, ent.start, ent.end
    # The lower-cased forms from the token index: spaCy makes a Token object per doc[i].
    lower, known = token_index(doc).lower, bool(ent.ent_id_ if ent_id is None else ent_id)
    while start < end and lower[start] in _ARTICLES and not known:
        start += 1
    while end > start and (lower[end - 1] in _POSSESSIVES and doc[end - 1].text in _POSSESSIVES
                           or lower[end - 1] in _PARTICLES and not known):
        end -= 1  # a name never ends in "del": "Aeronaves del [Ejército]" was cut mid-phrase
    if start >= end:
        return None
    if start == ent.start and end == ent.end:
        return ent  # nothing cut (most mentions): a new Span would make two Token objects
    span = doc[start:end]
    span.label_ = ent.label_
    return span


def _looks_like_name(span: Span, non_entity: frozenset[str]) -> bool:
    """A name the model found must look like one: capitalised proper nouns, not a lone
    short word, a sentence-initial adverb ("Según") or the title of a law."""
    index = token_index(span.doc)
    # The alphabetic words' positions, their texts and tags read off the token index
    # (spaCy makes a Token object per doc[i]).
    texts = index.texts()[0]
    words = [i for i in range(span.start, span.end) if index.alpha[i]]
    if not words or not any(texts[i][:1].isupper() for i in words):
        return False
    if len(span) == 1 and index.like_num[span.start]:
        return False
    if len(span) == 1 and len(span_text(span)) < 3:
        return False
    if index.pos[words[0]] not in {"PROPN", "NOUN", "X"}:
        return False
    # "Ley de Seguridad Nacional", "National Security Law", "Kingpin Act": a law's name
    # starts (Spanish) or ends (English) with the word that says it is one.
    return fold(texts[words[0]]) not in non_entity and fold(texts[words[-1]]) not in non_entity


def _people_named_within(drafts: dict[str, _Draft], kb: KnowledgeBase) -> None:
    """"President Donald Trump's administration", "el Gobierno de Sheinbaum": a name of
    a government or group built on a person's name names that person too. Only names the
    knowledge base knows as a person's (no guessing inside a longer name), written with
    capitals where they stand."""
    for draft in list(drafts.values()):
        if draft.type == "person":
            continue
        for mention in draft.mentions:
            if len(mention) < 2:
                continue
            doc, text = mention.doc, doc_text(mention.doc)
            # Each word read once, off the token index: spaCy makes a new Token (and a Span
            # per doc[a:b]) at each reading, and a mention's runs of words overlap.
            texts, offsets = token_index(doc).texts()
            words = texts[mention.start:mention.end]
            capital = [word[:1].isupper() for word in words]
            starts = offsets[mention.start:mention.end]
            ends = [start + len(word) for start, word in zip(starts, words)]
            for start in range(mention.start, mention.end):
                for end in range(min(mention.end, start + 3), start, -1):
                    first, last = start - mention.start, end - mention.start
                    if (start, end) == (mention.start, mention.end) or not all(capital[first:last]):
                        continue
                    name = _TRAILING.sub("", text[starts[first]:ends[last - 1]])
                    entry = kb.lookup(name, type="person", fuzzy=False)
                    if entry is None or entry.type != "person":
                        continue
                    person = drafts.setdefault(entry.id, _Draft(entry.name, "person", entry))
                    person.inner.append(doc[start:end])
                    break


@lru_cache(maxsize=20000)
def _lookup(name: str, etype: str) -> KBEntry | None:
    """Fuzzy look-ups cost milliseconds and the same names recur across a corpus."""
    return KnowledgeBase.default().lookup(name, type=etype)


@cache
def _kb_phrases() -> frozenset[tuple[str, ...]]:
    """Every run of words inside a known organisation's name, to recognise a piece of one
    ("Protección Ciudadana" of "Secretaría de Seguridad y Protección Ciudadana")."""
    runs: set[tuple[str, ...]] = set()
    for entry in KnowledgeBase.default().entries:
        if entry.type != "organization":
            continue
        for name in entry.all_names():
            words = tuple(fold(name).split())
            for size in range(1, min(len(words), 5) + 1):
                for i in range(1, len(words) - size + 1):  # not the first word: a proper part
                    runs.add(words[i:i + size])
    return frozenset(runs)


def _display_name(text: str) -> str:
    text = _LEADING.sub("", text.strip())
    text = _TRAILING.sub("", text).strip()
    if text.isupper() and len(text) > 4:
        text = text.title()
    return text


def _resolve_short_forms(drafts: dict[str, _Draft]) -> None:
    """Within one article "Harfuch" is "Omar García Harfuch" when the full name occurs,
    and a lone "Salinas" is Jorge Luis Salinas, not the Californian city."""
    _surnames_over_places(drafts)
    people = [key for key, d in drafts.items() if d.type == "person"]
    tokens = {key: fold(drafts[key].name).split() for key in people}
    for key in people:
        if key not in drafts or drafts[key].entry is not None:
            continue
        short = tokens[key]
        fuller = [other for other in people if other != key and other in drafts
                  and len(tokens[other]) > len(short) and _contains(tokens[other], short)]
        if len({drafts[o].name for o in fuller}) != 1:
            continue
        target = drafts[fuller[0]]
        target.mentions.extend(drafts[key].mentions)
        target.titles.extend(t for t in drafts[key].titles if t not in target.titles)
        del drafts[key]


def _settle_types(drafts: dict[str, _Draft]) -> None:
    """One type per unknown name: the one with the most evidence over all its mentions
    (ties go to the first mention's label)."""
    for draft in drafts.values():
        if draft.entry is None and draft.votes:
            ranked = [t for t in ("person", "organization", "place") if draft.votes[t] > 0]
            if ranked:
                best = max(draft.votes[t] for t in ranked)
                winners = [t for t in ranked if draft.votes[t] == best]
                draft.type = draft.type if draft.type in winners else winners[0]
        if draft.type != "person":
            draft.titles.clear()


def _capitals(drafts: dict[str, _Draft]) -> None:
    """Mastheads, headlines and speaker labels are set in capitals, where the model sees
    names everywhere: an unknown name written only in capitals is kept when it is part of
    a name the article also writes normally ("IBARRA" of "Gerardo Ibarra Solís"), else
    dropped."""
    for key, draft in list(drafts.items()):
        if draft.entry is not None or not all(_in_capitals(m) for m in draft.mentions):
            continue
        words = fold(draft.name).split()
        hosts = {other_key: other for other_key, other in drafts.items() if other_key != key
                 and not all(_in_capitals(m) for m in other.mentions)
                 and _contains(fold(other.name).split(), words)}
        if len(hosts) == 1:
            next(iter(hosts.values())).mentions.extend(draft.mentions)
        del drafts[key]


def _in_capitals(span: Span) -> bool:
    letters = [c for c in span_text(span) if c.isalpha()]
    return len(letters) > 1 and all(c.isupper() for c in letters)


def _longer_name(span: Span, continuations: frozenset[str]) -> Span | None:
    """"Fiscalía General del Estado": a known organisation's short name continued by
    "de"/"del" and capitalised words is a longer, different name (a state's office, not
    the federal one). None when the continuation is itself a known name."""
    doc, end = span.doc, span.end
    # The lower-cased forms from the token index: most known names are followed by no
    # continuation word, and spaCy makes a Token object per doc[i].
    lower = token_index(doc).lower
    if end >= len(doc) or lower[end] not in continuations:
        return None
    i = end + 1
    if i < len(doc) and lower[i] in _ARTICLES:
        i += 1
    start_words = i
    while i < len(doc) and doc[i].text[:1].isupper() and doc[i].is_alpha and not doc[i].ent_id_ \
            and not doc[i].is_sent_start:
        i += 1
    if i == start_words:
        return None
    longer = doc[span.start:i]
    longer.label_ = span.label_
    return longer


def _surnames_over_places(drafts: dict[str, _Draft]) -> None:
    """A lone word tagged as a place or group that is one of the surnames of a person
    the article names in full ("Zambada" of "Ismael Zambada García") is that person."""
    surnames: dict[str, _Draft | None] = {}
    last: dict[str, _Draft] = {}
    for draft in drafts.values():
        words = [w for w in fold(draft.name).split() if w not in _PARTICLES]
        if draft.type == "person" and len(words) > 1:
            last.setdefault(words[-1], draft)
            for word in dict.fromkeys(words[1:]):
                surnames[word] = draft if surnames.get(word, draft) is draft else None
    for key, draft in list(drafts.items()):
        if draft.type == "person":
            continue
        words = fold(draft.name).split()
        if len(words) != 1 or not {fold(span_text(m)) for m in draft.mentions} <= {words[0]}:
            continue
        # A known place only yields to a person's last name; an unknown word to any surname.
        person = last.get(words[0]) if draft.entry is not None else surnames.get(words[0])
        if person is not None:
            person.mentions.extend(draft.mentions)
            del drafts[key]


def _contains(whole: list[str], part: list[str]) -> bool:
    n = len(part)
    return any(whole[i:i + n] == part for i in range(len(whole) - n + 1))


@Language.factory(
    "newsledger_entities",
    requires=["doc.ents"],
    assigns=["doc._.nl_entities", "doc._.nl_token_entity"],
    default_config={"language": "en"},
)
def make_entity_resolver(nlp: Language, name: str, language: str) -> EntityResolver:
    return EntityResolver(language, common_words(nlp))
