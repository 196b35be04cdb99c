"""Series figures: running totals, event nouns naming a series, and ordinals."""
from collections.abc import Callable
from functools import cache

import pytest
import spacy
from spacy.tokens import Doc, Token

from newsledger.pipeline.figures import _cumulative_patterns, closing_words, cumulative_figures, is_series, ordinal_mentions


@cache
def tokenizer(language: str) -> spacy.language.Language:
    return spacy.blank(language)


def totals(text: str, language: str) -> list[tuple[int, str]]:
    """Cue phrases are read off the text, so a tokenised Doc without a parse suffices."""
    doc = tokenizer(language)(text)
    return [(f.value, doc[f.start:f.end].text) for f in cumulative_figures(doc[:], language)]


@pytest.mark.parametrize("text, language, expected", [
    ("Mexico has sent 92 people in total.", "en", [(92, "92")]),
    ("The handover brings to 55 the number of prisoners sent north.", "en", [(55, "55")]),
    ("The flight landed on Tuesday, bringing to 55 the prisoners sent north.", "en", [(55, "55")]),
    ("A total of twenty-six were flown out.", "en", [(26, "twenty-six")]),
    ("In total, Mexico has sent 92 prisoners.", "en", [(92, "92")]),
    ("Con este envío suman noventa y dos los reos entregados.", "es", [(92, "noventa y dos")]),
    ("Con ellos ya son un total de 55 reos.", "es", [(55, "55")]),
    ("La cifra se eleva a treinta y siete.", "es", [(37, "treinta y siete")]),
    ("En total, 41 reclusos en tres vuelos.", "es", [(41, "41")]),
    ("In total, 48 inmates on two flights.", "en", [(48, "48")]),
    ("Si sumas los cuatro grupos, ya van 88 personas.", "es", [(88, "88")]),
    ("La fiscalía estatal contabiliza más de 300 homicidios.", "es", [(300, "300")]),
    ("Local officials have tallied 140 killings this year.", "en", [(140, "140")]),
])
def test_cumulative_figures(text: str, language: str, expected: list) -> None:
    assert totals(text, language) == expected


@pytest.mark.parametrize("text, language", [
    ("Mexico sent 26 prisoners on Tuesday.", "en"),
    ("Killings in 2025 so far exceed last year's.", "en"),      # a year is not a total
    ("In all, 1 person was sent.", "en"),                       # one is not a series
    ("México envió a 26 reos el martes.", "es"),
])
def test_no_cumulative_figure(text: str, language: str) -> None:
    assert totals(text, language) == []


def test_spanish_en_total_with_personal_a() -> None:
    assert totals("En total, México ha enviado a 92 reos.", "es") == [(92, "92")]


TWO_TRANSFERS = """
The        the        DET   det    3
two        two        NUM   nummod 3
mass       mass       NOUN  compound 3
{noun}     transfer   NOUN  nsubj  4   {tag}
moved      move       VERB  ROOT   4
55         55         NUM   nummod 6
prisoners  prisoner   NOUN  dobj   4   NNS
.          .          PUNCT punct  4
"""


def test_series_total_from_the_parse(build: Callable[..., Doc]) -> None:
    doc = build(TWO_TRANSFERS.format(noun="transfers", tag="NNS"))
    assert [(f.value, f.start, f.end) for f in cumulative_figures(doc[:], "en")] == [(55, 5, 6)]


def test_no_series_total_for_one_event(build: Callable[..., Doc]) -> None:
    doc = build("""
    The        the        DET   det    1
    transfer   transfer   NOUN  nsubj  2   NN
    moved      move       VERB  ROOT   2
    29         29         NUM   nummod 4
    prisoners  prisoner   NOUN  dobj   2   NNS
    .          .          PUNCT punct  2
    """)
    assert cumulative_figures(doc[:], "en") == []


def test_is_series(build: Callable[..., Doc]) -> None:
    doc = build(TWO_TRANSFERS.format(noun="transfers", tag="NNS"))
    assert is_series(doc[3], "en")                 # "the two mass transfers"
    assert not is_series(doc[6], "en")             # "55 prisoners": not an event noun
    assert not is_series(doc[4], "en")             # a verb


def test_is_series_needs_a_number_or_both(build: Callable[..., Doc]) -> None:
    plain = build("the the DET det 1\ntransfers transfer NOUN ROOT 1 NNS")
    assert not is_series(plain[1], "en")
    both = build("both both DET det 1\ntransfers transfer NOUN ROOT 1 NNS")
    assert is_series(both[1], "en")
    singular = build("one one NUM nummod 1\ntransfer transfer NOUN ROOT 1 NN")
    assert not is_series(singular[1], "en")


def test_is_series_spanish(build: Callable[..., Doc]) -> None:
    both = build("ambos ambos DET det 1\nenvíos envío NOUN ROOT 1 _ Gender=Masc|Number=Plur", lang="es")
    assert is_series(both[1], "es")
    two = build("los el DET det 2\ndos dos NUM nummod 2\ntraslados traslado NOUN ROOT 2 _ Number=Plur", lang="es")
    assert is_series(two[2], "es")
    one = build("el el DET det 1\nenvío envío NOUN ROOT 1 _ Gender=Masc|Number=Sing", lang="es")
    assert not is_series(one[1], "es")


def ordinals(doc: Doc, language: str = "en") -> list[tuple[int, str, str]]:
    return [(m.value, m.token.text, m.anchor.text) for m in ordinal_mentions(doc[:], language)]


def test_ordinal_counts_an_event_noun(build: Callable[..., Doc]) -> None:
    doc = build("""
    its        its        PRON  poss     3
    second     second     ADJ   amod     3
    mass       mass       NOUN  compound 3
    transfer   transfer   NOUN  ROOT     3
    this       this       DET   det      5
    year       year       NOUN  npadvmod 3
    """)
    assert ordinals(doc) == [(2, "second", "transfer")]


def test_ordinal_counts_a_time(build: Callable[..., Doc]) -> None:
    doc = build("""
    for        for        ADP   ROOT   0
    the        the        DET   det    3
    third      third      ADJ   amod   3
    time       time       NOUN  pobj   0
    """)
    assert ordinals(doc) == [(3, "third", "time")]


def test_ordinal_standing_alone(build: Callable[..., Doc]) -> None:
    doc = build("It it PRON nsubj 1\nwas be AUX ROOT 1\nthe the DET det 3\nfirst first ADJ attr 1")
    assert ordinals(doc) == [(1, "first", "first")]


def test_ordinal_adverb_is_not_counted(build: Callable[..., Doc]) -> None:
    # "finished second": a rank, not an occurrence
    doc = build("He he PRON nsubj 1\nfinished finish VERB ROOT 1\nsecond second ADV advmod 1")
    assert ordinals(doc) == []


def test_ordinal_on_a_verb_is_not_counted(build: Callable[..., Doc]) -> None:
    doc = build("first first ADJ amod 1\narrived arrive VERB ROOT 1")
    assert ordinals(doc) == []


def test_spanish_ordinal(build: Callable[..., Doc]) -> None:
    doc = build("""
    el         el         DET   det    2
    tercer     tercero    ADJ   amod   2
    traslado   traslado   NOUN  ROOT   2
    masivo     masivo     ADJ   amod   2
    """, lang="es")
    assert ordinals(doc, "es") == [(3, "tercer", "traslado")]
    vez = build("por por ADP case 2\nsegunda segundo ADJ amod 2\nvez vez NOUN ROOT 2", lang="es")
    assert ordinals(vez, "es") == [(2, "segunda", "vez")]


@pytest.mark.parametrize("pattern, closing", [
    ("N (?:\\w+ ){0,4}en total", "en total"),
    ("ha(?:s|ve) (?:[\\w’]+ ){0,2}N (?:[\\w.’-]+ ){0,6}(?:so far )?this year", "this year"),
    ("suman (?:ya )?(?:casi |más de )?N", ""),
    ("ascienden? a N", ""),
    ("N in all|N so far", ""),       # one branch's words
    ("N (?:in all|so far)", ""),
    ("N\\bsince", ""),                # an escape, not a word
])
def test_closing_words(pattern: str, closing: str) -> None:
    assert closing_words(pattern) == closing


@pytest.mark.parametrize("language", ["en", "es"])
def test_closing_words_end_every_match(language: str) -> None:
    """Where a pattern runs does not change what it finds: its closing words are in
    every text it matches."""
    texts = {"en": ["Mexico has sent 92 people in total.", "It has sent 30 prisoners so far this year.",
                    "Some 40 people since January, 12 in all."],
             "es": ["En total, 41 reclusos; 55 personas en total.", "Van 30 detenidos desde enero."]}[language]
    ran = 0
    for pattern, closing in _cumulative_patterns(language):
        for text in texts:
            for match in pattern.finditer(text.lower()):
                ran += 1
                assert closing in match.group()
    assert ran


@pytest.mark.parametrize("text, language", [
    ("Con este envío suman noventa y dos los reos entregados.", "es"),
    ("Con ellos ya son un total de un millón de pesos.", "es"),
    ("Con ellos ya son un total de una docena.", "es"),
    ("Con ellos ya son un total de uno.", "es"),
    ("Ya son veinti-seis en total.", "es"),
    ("Suman ya casi 1.200 los reos en total.", "es"),
    ("Los envíos suman muchos reos en total.", "es"),
    ("In total, a dozen prisoners were sent.", "en"),
    ("In total, a", "en"),
    ("A total of twenty-six were flown out.", "en"),
    ("A total of one was flown out, in total.", "en"),
    ("The transfers amount to many prisoners in total.", "en"),
])
def test_patterns_skipped_only_without_a_figure(text: str, language: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """The running totals are the same whether or not the patterns run on sentences
    ``may_hold_figure`` rules out; a sentence it rules out has no figure above one."""
    from newsledger.pipeline import figures
    from newsledger.pipeline.numbers import figures as all_figures

    doc = tokenizer(language)(text)
    for sent in (doc[:], doc[:-1], doc[1:]):
        checked = totals(sent.text, language)
        held = figures.may_hold_figure(sent, sent.text.lower(), language)
        if not held:
            end = min(sent.end + 1, len(doc))
            assert not [f for f in all_figures(doc, sent.start, end, language) if f.value > 1]
        with monkeypatch.context() as patched:
            patched.setattr(figures, "may_hold_figure", lambda *_: True)
            assert totals(sent.text, language) == checked


def test_is_series_read_off_the_index(build: Callable[..., Doc]) -> None:
    """``is_series`` reads the tag, lemma, number and children off the token index; the
    direct reading of the Tokens agrees at every position."""
    from newsledger.lang import grammar
    from newsledger.pipeline.triggers import rules

    doc = build("los el DET det 2\ndos dos NUM nummod 2\ntraslados traslado NOUN ROOT 2 _ Number=Plur\n"
                "y y CCONJ cc 5\nambos ambos DET det 5\nenvíos envío NOUN conj 2 _ Number=Plur\n"
                "y y CCONJ cc 7\nel el DET det 8\nenvío envío NOUN conj 2 _ Number=Sing", lang="es")

    def direct(noun: Token) -> bool:
        return noun.pos_ in {"NOUN", "PROPN"} and bool(rules("es").get(noun.lemma_.lower())) \
            and (noun.morph.get("Number") == ["Plur"] or noun.tag_ == "NNS") \
            and any(c.dep_ == "nummod" or c.lemma_.lower() in grammar("es", "both_words") for c in noun.children)

    assert [is_series(t, "es") for t in doc] == [direct(t) for t in doc]
    assert [t.i for t in doc if is_series(t, "es")] == [2, 5]
