"""Quotations with their speaker and channel.

Quoted words are found by their marks (“ ”, " ", « », and Spanish dialogue dashes);
the speaker is the subject of the nearest speech verb outside the marks, a pronoun or a
role noun ("the official") standing for the last person who spoke or acted, or, for a
quotation with no attribution of its own, the speaker of the quotation just before it.
"""
from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from functools import cache

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from newsledger import lang
from newsledger.model import Entity, Quote
from newsledger.pipeline.doctext import span_text
from newsledger.pipeline.roles import DocContext, cue_set
from newsledger.pipeline.syntax import SUBJECT_DEPS
from newsledger.pipeline.tokenindex import token_index

# The labels of a speaker's first word that name them as who acts in a sentence: a
# subject, or part of a name or an apposition ("el fiscal, Gertz Manero, dijo").
_NAMING_DEPS = SUBJECT_DEPS | {"appos", "flat", "compound"} | {"nsubjpass"}

_PAIRS = (("“", "”"), ("«", "»"), ('"', '"'), ("‘", "’"))


@dataclass(frozen=True)
class QuotedText:
    start: int  # inside the marks
    end: int


def quoted_spans(text: str) -> list[QuotedText]:
    """Text between matching quotation marks, not crossing a paragraph break."""
    found: list[QuotedText] = []
    for opening, closing in _PAIRS:
        position = 0
        while True:
            start = text.find(opening, position)
            if start < 0:
                break
            if opening == "‘" and start > 0 and text[start - 1].isalnum():
                position = start + 1
                continue
            end = text.find(closing, start + 1)
            if end < 0 or "\n\n" in text[start:end]:
                position = start + 1
                continue
            if not any(q.start <= start < q.end for q in found):
                found.append(QuotedText(start + 1, end))
            position = end + 1
    found += _dialogue_dashes(text)
    return sorted(found, key=lambda q: q.start)


# Fewest words of a line of dialogue: "—oOo—" is an ornament between sections.
DIALOGUE_WORDS = 3


def _dialogue_dashes(text: str) -> list[QuotedText]:
    """Spanish dialogue: a paragraph opening with "—" quotes up to the next " —"; not a
    separator ornament, nor the items of a list a line ending in ":" introduces
    ("Estos son algunos de los nombres:\n— Ricardo González Sauceda, …")."""
    found: list[QuotedText] = []
    if not text.startswith(("—", "–")) and "\n—" not in text and "\n–" not in text:
        return found  # no line opens with a dash: the pattern would try every position
    for match in re.finditer(r"(?m)^[—–]\s*(?P<q>[^—–\n]+?)(?:\s*[—–]|$)", text):
        if len(match.group("q").split()) < DIALOGUE_WORDS or _list_item(text, match.start()):
            continue
        found.append(QuotedText(match.start("q"), match.end("q")))
    return found


def _list_item(text: str, line_start: int) -> bool:
    """The line follows, with no blank line between, a line ending in ":" or another dash item."""
    before = text[:line_start].rstrip(" \t")
    if not before.endswith("\n") or before.endswith("\n\n"):
        return False
    previous = before[:-1].rsplit("\n", 1)[-1].strip()
    if previous.endswith(":"):
        return True
    return previous[:1] in {"—", "–"} and _list_item(text, len(before[:-1]) - len(previous))


@cache
def generic_channels(language: str) -> frozenset[str]:
    """Channels that say how, not where (``generic: true`` in the cues): a speaker's named
    outlet or platform is preferred."""
    return frozenset(e["channel"] for e in lang.load(language, "cues").get("channels", []) if e.get("generic"))


@cache
def _channels(language: str) -> tuple[tuple[re.Pattern[str], str], ...]:
    entries = lang.load(language, "cues").get("channels", [])
    return tuple((re.compile(e["pattern"], 0 if e.get("case") else re.IGNORECASE), e["channel"])
                 for e in entries)


def channel_in(text: str, language: str) -> str | None:
    """The first channel the text names; "{name}" in the cue stands for the outlet the
    pattern captured ("en entrevista con Radio Meseta")."""
    for pattern, channel in _channels(language):
        match = pattern.search(text)
        if match:
            return channel.format(**{k: v.strip().rstrip(".,;:") for k, v in match.groupdict().items() if v})
    return None


class QuoteExtractor:
    def __init__(self, language: str):
        self.language = language

    def __call__(self, doc: Doc) -> Doc:
        language = doc._.nl_language or self.language
        context = DocContext.of(doc, language)
        finder = _SpeakerFinder(context, language)
        quotes: list[Quote] = []
        previous: Quote | None = None
        text_of_doc = context.text
        for quoted in quoted_spans(text_of_doc):
            words = text_of_doc[quoted.start:quoted.end].strip()
            text = words.rstrip(",").rstrip()
            if not text or finder.is_nickname(quoted, text):
                continue
            speaker, channel = finder.attribute(quoted)
            if speaker is None:
                speaker = finder.headline_speaker(quoted) or speaker
            if speaker is None and previous is not None and _same_paragraph(text_of_doc, previous.end, quoted.start):
                speaker, channel = previous.speaker, channel or previous.channel
            if speaker is None and text[:1].islower() and not text.endswith((".", "!", "?", "…")):
                continue  # a term in quotation marks inside the writer's own sentence
            quote = Quote(speaker.name if isinstance(speaker, Entity) else speaker, text, channel,
                          quoted.start, quoted.start + len(text))
            quotes.append(quote)
            previous = quote
        doc._.nl_quotes = quotes
        return doc


def _same_paragraph(text: str, a: int, b: int) -> bool:
    return "\n\n" not in text[a:b] and b - a < 400


class _SpeakerFinder:
    def __init__(self, context: DocContext, language: str):
        self.context = context
        self.language = language
        self.pronouns = cue_set(language, "person_pronouns") | {"i", "yo", "ella", "él"}
        self.role_nouns = cue_set(language, "role_nouns")
        self.nickname_cues = cue_set(language, "nickname_cues")
        self._channels: dict[int, str | None] = {}  # sentence start -> the channel it names
        self._positions: dict[int, list[int]] | None = None  # id of an entity -> its words
        self._sentence_starts: list[int] | None = None

    def is_nickname(self, quoted: QuotedText, text: str) -> bool:
        """“Kiki”, «El Mencho», "Z-40": a short capitalised name, not a quotation."""
        words = text.split()
        if len(words) > 5:
            return False
        small = {"el", "la", "los", "las", "de", "del", "y", "the"}
        capitalised = all(w[:1].isupper() or w.lower() in small or any(c.isdigit() for c in w)
                          for w in words)
        before = self.context.text[max(0, quoted.start - 25):quoted.start].lower()
        cued = any(re.search(rf"\b{re.escape(c)}\b", before) for c in self.nickname_cues)
        return capitalised and (cued or len(words) <= 3 or not text.endswith((".", "!", "?")))

    def headline_speaker(self, quoted: QuotedText) -> Entity | None:
        """"«No son extradiciones»: Gerardo Ibarra Solís": a title's quotation followed by a
        colon and a person's name, alone on the line, is that person's."""
        text = self.context.text
        after = text[quoted.end + 1:text.find("\n", quoted.end) if "\n" in text[quoted.end:] else len(text)]
        if not after.lstrip().startswith(":"):
            return None
        start = quoted.end + 1 + after.index(":") + 1
        span = self.context.doc.char_span(start, start + len(after) - after.index(":") - 1, alignment_mode="expand")
        if span is None:
            return None
        people = self.context.entities_in(list(span), "person")
        named = sum(len(t.text) + 1 for e, t in people)
        return people[0][0] if len(people) == 1 and named and len(span) <= 6 else None

    def attribute(self, quoted: QuotedText) -> tuple[Entity | str | None, str | None]:
        doc = self.context.doc
        span = doc.char_span(quoted.start, quoted.end, alignment_mode="expand")
        if span is None:
            return None, None
        sentences = _sentences_around(span, self.context)
        # The speech verbs outside the marks: read off the token index, a Token object
        # made only for each speech verb, not for every word of the sentences.
        verbs = [t for s in sentences for t in self.context.speech_verbs_in(s)
                 if not quoted.start <= t.idx < quoted.end]
        if not verbs:
            # "… y advirtiera: «…»": the parser may miss the verb, but a colon right before
            # the quotation still introduces the words of the last person acting.
            before = self.context.text[max(0, quoted.start - 4):quoted.start]
            if ":" not in before:
                return None, None
            speaker = self.context.last_person_subject(span.start)
            channel = channel_in(" ".join(span_text(s) for s in sentences), self.language)
            return speaker, self._specific_channel(speaker, channel, quoted.start)
        verb = min(verbs, key=lambda t: (t.idx > quoted.start, abs(t.idx - quoted.start)))
        speaker = self._subject_entity(verb)
        text = " ".join(span_text(s) for s in sentences)
        outside_text = text.replace(self.context.text[quoted.start:quoted.end], " ")
        channel = channel_in(outside_text, self.language)
        return speaker, self._specific_channel(speaker, channel, quoted.start)

    def _specific_channel(self, speaker: Entity | str | None, channel: str | None,
                          before: int) -> str | None:
        """No channel, or only a generic one ("interview"): the speaker's last named one."""
        if isinstance(speaker, Entity) and (channel is None or channel in generic_channels(self.language)):
            return self._last_channel(speaker, before) or channel
        return channel

    def _last_channel(self, speaker: Entity, before: int) -> str | None:
        """"Gertz told a press conference that …" earlier: his later quotes came there too.
        The channel of the last sentence before ``before`` where the speaker is first named
        as a subject (or in a name or apposition): only the sentences that name the speaker
        are read, through the positions of their words, and only theirs have their channel
        read."""
        channel = None
        index = token_index(self.context.doc)
        dep, head = index.dep, index.head
        generic = generic_channels(self.language)
        sentences, starts = self.context.sentences, self._starts()
        read: set[int] = set()
        for i in self._positions_of(speaker):
            number = bisect_right(starts, i) - 1
            if number in read:
                continue  # the speaker's first word in the sentence is the one that counts
            read.add(number)
            sent = sentences[number]
            if sent.start_char >= before:
                break
            if dep[i] in _NAMING_DEPS or dep[head[i]] in SUBJECT_DEPS:
                named = self._channel_of(sent)
                if named and named not in generic:
                    channel = named
        return channel

    def _positions_of(self, entity: Entity) -> list[int]:
        """The positions of the entity's words in order (``DocContext.entity_at``)."""
        if self._positions is None:
            self._positions = {}
            for i in sorted(self.context.token_entity):
                found = self.context.entity_at_position(i)
                if found is not None:
                    self._positions.setdefault(id(found), []).append(i)
        return self._positions.get(id(entity), [])

    def _starts(self) -> list[int]:
        """The positions where the Doc's sentences start, in order."""
        if self._sentence_starts is None:
            self._sentence_starts = [sent.start for sent in self.context.sentences]
        return self._sentence_starts

    def _channel_of(self, sent: Span) -> str | None:
        """The channel a sentence names, read once per sentence: every quote of a long
        interview looks back over the sentences before it."""
        if sent.start not in self._channels:
            self._channels[sent.start] = channel_in(span_text(sent), self.language)
        return self._channels[sent.start]

    def _subject_entity(self, verb: Token) -> Entity | None:
        """The speaker a speech verb names: its subject, or that of the clause it is
        joined to (up to two steps up); the heads and labels read off the token index."""
        index = token_index(verb.doc)
        dep, head = index.dep, index.head
        node: int | None = verb.i
        for _ in range(3):
            if node is None:
                break
            for child in index.children(node):
                if dep[child] in SUBJECT_DEPS and not verb.doc[child].is_punct:
                    return self._resolve(verb.doc[child])
            # (a root is its own head, but its label is never one of these)
            node = head[node] if dep[node] in {"advcl", "conj", "xcomp", "ccomp", "parataxis"} else None
        return self._last_person(verb.i)

    def _resolve(self, subject: Token) -> Entity | None:
        # The subject without its relative clauses: "el funcionario, quien deslindó a la
        # presidenta Sheinbaum" is not Sheinbaum.
        doc, index = subject.doc, token_index(subject.doc)
        clauses = [doc[c] for c in index.children(subject.i) if index.dep[c] in {"relcl", "acl", "acl:relcl"}]
        words = [i for i in index.subtree(subject.i) if not any(i in range(c.left_edge.i, c.right_edge.i + 1)
                                                                for c in clauses)]
        person = self._first_entity(words, "person")
        if person is not None:
            return person
        body = self._first_entity(words, "organization")
        if subject.lower_ in self.pronouns or subject.lemma_.lower() in self.role_nouns \
                or subject.pos_ == "PRON":
            return self._last_person(subject.i)
        return body if body is not None else self._last_person(subject.i)

    def _first_entity(self, positions: list[int], type: str) -> Entity | None:
        """The first entity of the type among the words at ``positions``
        (``DocContext.entities_in``'s first, without a Token per word)."""
        for i in positions:
            entity = self.context.entity_at_position(i)
            if entity is not None and entity.type == type:
                return entity
        return None

    def _last_person(self, before: int) -> Entity | None:
        return self.context.last_person_subject(before)


def _sentences_around(span: Span, context: DocContext) -> list[Span]:
    """The sentences a quotation touches, plus the next one when the quotation ends its
    own sentence (“…,” she said. split off by the parser)."""
    doc = span.doc
    touched = (context.sentence_of(doc[span.start]), context.sentence_of(doc[span.end - 1]))
    sentences = list({s.start: s for s in touched}.values())
    last = sentences[-1]
    # The text between the two sentences is read only when the quotation ends its own.
    if last.end < len(doc) and span.end >= last.end - 2 \
            and "\n\n" not in doc[last.end - 1].text_with_ws + doc[last.end].text:
        following = context.sentence_of(doc[last.end])
        if len(following) <= 12:
            sentences.append(following)
    return sentences


@Language.factory(
    "newsledger_quotes",
    requires=["doc._.nl_entities"],
    assigns=["doc._.nl_quotes"],
    default_config={"language": "en"},
)
def make_quote_extractor(nlp: Language, name: str, language: str) -> QuoteExtractor:
    return QuoteExtractor(language)
