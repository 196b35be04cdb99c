"""Elliptical ordinals: "in the first transfer, on 27 February, 29 left; in the second, on
12 August, 26" / "en el primer envío, el 27 de febrero, salieron 29; en el segundo, el 12
de agosto, fueron 26".

The second event is named only by an ordinal whose noun is left out; it stands for the
event noun an ordinal modified just before, and its clause (up to the next ";" or the
end of the sentence) states its own date and head count. Without this the sentence
reader sees no trigger, and the event is lost.
"""
from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections import Counter

from spacy.tokens import Span, Token

from newsledger import lang
from newsledger.pipeline.counts import HeadCounts
from newsledger.pipeline.evidence import because, text_span
from newsledger.pipeline.mentions import Mention, mention_span
from newsledger.pipeline.numbers import approximation, figure_at, ordinals
from newsledger.pipeline.roles import DocContext, cue_set, modifies_another_person
from newsledger.pipeline.syntax import CLAUSE_DEPS, OBJECT_DEPS, SUBJECT_DEPS, in_subtree
from newsledger.pipeline.tokenindex import VERBS, token_index
from newsledger.pipeline.triggers import TriggerFinder
from newsledger.timex import TimexMatch

CLAUSE_ENDS = {";", ".", "?", "!"}


def sentences_holding(sentences: list[Span], positions: list[int]) -> list[Span]:
    """The sentences, in order, that hold any of the sorted token ``positions``: one
    search of the document's token index instead of one per sentence (most sentences
    hold no cue, and a per-sentence test cost a call and a ``Span`` read each)."""
    starts = [sent.start for sent in sentences]
    numbers = sorted({bisect_right(starts, i) - 1 for i in positions})
    return [sentences[n] for n in numbers if n >= 0]


class EllipsisSentences:
    """The starts of the sentences in which each finder below can find anything: the
    tests they open with, read once over the whole document. A sentence outside a set
    would make its finder return ``[]`` at once; the finders keep their own tests."""

    def __init__(self, context: DocContext):
        doc, sentences, language = context.doc, context.sentences, context.language
        index = token_index(doc)
        whole = doc[0:len(doc)]
        others = cue_set(language, "other_words")

        def starts(column: str, words: frozenset[str] | dict[str, int] | None = None) -> set[int]:
            return {sent.start for sent in sentences_holding(sentences, index.positions(whole, column, words))}

        numbers = starts("number")
        self.elliptical = starts("lower", ordinals(language))  # elliptical_mentions: an ordinal
        self.other_group = numbers & starts("word", others)  # other_group_mentions: a figure, a mark
        self.another_one = starts("lower", others)  # another_one_mentions: "otro"
        self.fragment = numbers  # fragment_mentions: a figure (and a date)


def elliptical_mentions(sent: Span, mentions: list[Mention], finder: TriggerFinder,
                        counts: HeadCounts, context: DocContext, counted: frozenset[str]) -> list[Mention]:
    """Mentions for ordinals standing alone after an ordinal-modified event noun."""
    table = ordinals(context.language)
    index = token_index(sent.doc)
    if not index.positions(sent, "lower", table):
        return []  # no ordinal in the sentence: none stands alone, none modifies a noun
    nouns = [t for t in finder.find(sent) if t.type in counted and t.token.pos_ in {"NOUN", "PROPN"}
             and any(c.lower_ in table for c in t.token.children)]
    if not nouns:
        return []
    taken = {m.trigger.i for m in mentions}
    found = []
    for token in index.with_lower(sent, table):
        if token.i in taken or token.i <= nouns[0].token.i:
            continue
        if token.head.pos_ in {"NOUN", "PROPN"} and token.dep_ in {"amod", "nummod"} or \
                not any(c.dep_ == "det" for c in token.children):
            continue  # "the second transfer": the noun is there and the reader has it
        source = max((n for n in nouns if n.token.i < token.i), key=lambda n: n.token.i)
        clause = _clause(sent, token)
        mention = Mention(source.type, token, sent)
        mention.fill("type", source.type, because(token, "trigger.ellipsis", source.token))
        date = _first_date(context, clause)
        if date is not None:
            mention.fill("date", date, because(date, "date.ellipsis"))
        dated = range(date.start, date.end) if date is not None else range(0)
        for word in clause:
            if not word.like_num or word.idx in dated or word.i == token.i:
                continue
            figure = figure_at(sent.doc, word.i, context.language)
            if figure is not None and counts.is_count(figure) \
                    and approximation(sent.doc, figure.start, context.language) is None:
                words = sent.doc[figure.start:figure.end]
                mention.fill("count", figure.value, because(words, "count.ellipsis"))
                mention.count_span = text_span(words)
                break
        if mention.date is not None or mention.count is not None:
            mention.persons = [(e.name, mention_span(t, e, "persons.included"))
                               for e, t in included_people(token, context)]
            found.append(mention)
    return found


def other_group_mentions(sent: Span, mentions: list[Mention], earlier: list[Mention],
                         counts: HeadCounts, context: DocContext,
                         counted_types: frozenset[str]) -> list[Mention]:
    """"Luego vinieron otros 26 en agosto", "another 26 followed in August": a head count
    marked as another group, the subject of a verb of taking place, is a further event of
    the counted kind the report has spoken of most so far; its clause states its own date."""
    others = cue_set(context.language, "other_words")
    verbs = cue_set(context.language, "occurrence_verbs")
    index = token_index(sent.doc)
    # The mark is a word of the sentence (the parse keeps a sentence's words together).
    if not index.positions(sent, "number") or not index.positions(sent, "word", others):
        return []
    numbers = index.numbers(sent)
    counted = [m for m in earlier if m.type in counted_types and not m.hypothetical and not m.negated]
    if not counted or not others:
        return []
    kinds = Counter(m.type for m in counted)
    taken = {m.trigger.i for m in mentions} | {m.count_span.start for m in mentions if m.count_span}
    found = []
    for token in numbers:
        if token.i in taken or token.idx in taken:
            continue
        noun = token.head if token.dep_ == "nummod" else token
        verb = noun.head
        # The one-token tests first: the mark is looked for among several tokens.
        if noun.dep_ in {"nummod", "amod"} or verb.lemma_.lower() not in verbs:
            continue
        marked = [t for t in (*noun.children, *token.children, sent.doc[token.i - 1] if token.i > sent.start else token)
                  if t.lower_ in others or t.lemma_.lower() in others]
        if not marked:
            continue
        figure = figure_at(sent.doc, token.i, context.language)
        if figure is None or figure.start != token.i or not counts.is_count(figure) \
                or approximation(sent.doc, figure.start, context.language) is not None:
            continue
        source = max(counted, key=lambda m: (kinds[m.type], m.count is not None, m.trigger.i))
        mention = Mention(source.type, token, sent)
        mention.fill("type", source.type, because(marked[0], "trigger.other-group", source.trigger.lemma_))
        words = sent.doc[figure.start:figure.end]
        mention.fill("count", figure.value, because(words, "count.ellipsis"))
        mention.count_span = text_span(words)
        date = _first_date(context, list(verb.subtree))
        if date is not None:
            mention.fill("date", date, because(date, "date.ellipsis"))
        found.append(mention)
    return found


def included_people(token: Token, context: DocContext) -> list:
    """"el primero … incluyó a Horacio Villaseñor, a quien …": the people a membership
    verb ("incluir", "include") names as its object, when the elided event is its
    subject; not those of the clauses that describe them."""
    verb = token.head
    if token.dep_ not in SUBJECT_DEPS or verb.lemma_.lower() not in cue_set(context.language, "membership"):
        return []
    words = []
    for child in verb.children:
        if child.dep_ not in OBJECT_DEPS | {"obl", "obl:arg"}:
            continue
        clauses = [t for t in child.subtree if t.dep_ in CLAUSE_DEPS and t.i != child.i]
        words += [t for t in child.subtree if not any(in_subtree(t, c) for c in clauses)]
    return [(e, t) for e, t in context.entities_in(words, "person")
            if not context.is_official(e) and not modifies_another_person(t, context)]


def fragment_mentions(sent: Span, mentions: list[Mention], earlier: list[Mention],
                      counts: HeadCounts, context: DocContext,
                      counted_types: frozenset[str]) -> list[Mention]:
    """"¿Cuándo empezó? — En febrero del año pasado, con 29 reos, entre ellos …": a
    sentence without a main verb that dates a head count of people continues the counted
    series the report has spoken of most so far; it is one more event of that kind."""
    index = token_index(sent.doc)
    if not index.positions(sent, "number"):
        return []  # no head count
    date = _first_date(context, sent)
    if date is None:
        return []
    if _has_main_verb(sent):
        return []  # no fragment (tested first: it needs no series, and most sentences fail it)
    counted = [m for m in earlier if m.type in counted_types and not m.hypothetical and not m.negated]
    if not counted:
        return []
    kinds = Counter(m.type for m in counted)
    source = max(counted, key=lambda m: (kinds[m.type], m.count is not None, m.trigger.i))
    if any(m.type == source.type for m in mentions):
        return []  # the sentence names the act itself
    doc = sent.doc
    for token in index.numbers(sent):
        noun = token.head if token.dep_ == "nummod" else None
        if noun is None or token.idx in range(date.start, date.end) \
                or noun.lemma_.lower() not in context.people_nouns and noun.lower_ not in context.people_nouns:
            continue
        figure = figure_at(doc, token.i, context.language)
        if figure is None or figure.start != token.i or not counts.is_count(figure) \
                or approximation(doc, figure.start, context.language) is not None:
            continue
        mention = Mention(source.type, noun, sent)
        mention.fill("type", source.type, because(doc[figure.start:noun.i + 1], "trigger.fragment",
                                                  source.trigger.lemma_))
        words = doc[figure.start:figure.end]
        mention.fill("count", figure.value, because(words, "count.ellipsis"))
        mention.count_span = text_span(words)
        mention.fill("date", date, because(date, "date.ellipsis"))
        return [mention]
    return []


def another_one_mentions(sent: Span, mentions: list[Mention], earlier: list[Mention],
                         context: DocContext) -> list[Mention]:
    """"¿Habrá más? — No descartaría otro antes del verano", "another could follow": "otro"
    standing alone for the event noun last used is one more event of that kind, planned or
    ruled out by the verb it hangs on, never one that happened."""
    language = context.language
    others = cue_set(language, "other_words")
    index = token_index(sent.doc)
    if not index.positions(sent, "lower", others):
        return []
    nouns = [m for m in earlier if m.trigger.pos_ in {"NOUN", "PROPN"}]
    if not nouns:
        return []
    planning = cue_set(language, "hypothetical") | cue_set(language, "ruling_out")
    denial = cue_set(language, "denial")
    taken = {m.trigger.i for m in mentions}
    found = []
    for token in index.with_lower(sent, others):
        if token.pos_ != "PRON" or token.i in taken \
                or token.morph.get("Number") == ["Plur"]:
            continue
        verb = next((a for a in token.ancestors if a.pos_ in {"VERB", "AUX"}), None)
        if verb is None:
            continue
        lemma = verb.lemma_.lower()
        future = {"Cnd"} & set(verb.morph.get("Mood")) or "Fut" in verb.morph.get("Tense")
        if lemma not in planning | denial and not future:
            continue
        source = max(nouns, key=lambda m: m.trigger.i)
        mention = Mention(source.type, token, sent)
        mention.fill("type", source.type, because(token, "trigger.another-one", source.trigger.lemma_))
        mention.fill("hypothetical", True, because(verb, "hypothetical.governor", verb.lemma_))
        denied = any(c.dep_ == "advmod" and c.lower_ in lang.grammar(language, "negative_adverbs")
                     or c.dep_ == "neg" for c in verb.children)
        if (lemma in denial) != denied:
            mention.fill("negated", True, because(verb, "negated.governor", verb.lemma_))
        found.append(mention)
    return found


def _has_main_verb(sent: Span) -> bool:
    """A verb outside the relative clauses that describe the sentence's nouns."""
    root = sent.root
    if root.pos_ in VERBS and not _describes(root):
        return True  # the usual answer, from one token: the sentence's root is its verb
    return any(not _describes(token) for token in token_index(sent.doc).with_pos(sent, VERBS))


def _describes(token: Token) -> bool:
    """The token is in a relative clause or one that modifies a noun."""
    return any(a.dep_ in {"relcl", "acl", "acl:relcl"} for a in [token, *token.ancestors])


def _clause(sent: Span, token: Token) -> list[Token]:
    words = []
    for word in sent.doc[token.i + 1:sent.end]:
        if word.text in CLAUSE_ENDS:
            break
        words.append(word)
    return words


def _first_date(context: DocContext, clause: list[Token] | Span) -> TimexMatch | None:
    """The first date expression starting within the words (a sentence's own ``Span``
    gives its character offsets without making a ``Token`` object per end)."""
    if not len(clause):
        return None
    matches = context.doc._.nl_timexes
    if not matches:
        return None
    if isinstance(clause, Span):
        start, end = clause.start_char, clause.end_char
    else:
        start, end = clause[0].idx, clause[-1].idx + len(clause[-1].text)
    starts = _timex_starts(matches)
    if starts is None:  # not in order of their starts: the first in the list's order
        return next((m for m in matches if start <= m.start < end), None)
    # In order of their starts (as ``timex.find`` gives them): the first one at or after
    # ``start`` is the first of the list in the words, if any is.
    at = bisect_left(starts, start)
    return matches[at] if at < len(matches) and matches[at].start < end else None


# The last document's date expressions and their starts (None when out of order):
# _first_date is asked once per clause and sentence, and went through every match of
# the document each time. Holding the list itself makes its identity a safe key.
_dated: tuple[list[TimexMatch], list[int] | None] | None = None


def _timex_starts(matches: list[TimexMatch]) -> list[int] | None:
    """The starts of the matches, when ascending; read once per document."""
    global _dated
    if _dated is None or _dated[0] is not matches or len(_dated[0]) != len(matches):
        starts = [m.start for m in matches]
        ordered = all(a <= b for a, b in zip(starts, starts[1:]))
        _dated = (matches, starts if ordered else None)
    return _dated[1]


__all__ = ["EllipsisSentences", "another_one_mentions", "elliptical_mentions", "fragment_mentions",
           "other_group_mentions", "sentences_holding"]
