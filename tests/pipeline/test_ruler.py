"""The knowledge-base ruler sets its entities with Doc.set_ents: the same annotation as
assigning them to ``doc.ents``, whose setter copies every Span first."""
from __future__ import annotations

import numpy
from spacy.attrs import ENT_ID, ENT_IOB, ENT_KB_ID, ENT_TYPE
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from newsledger.pipeline import nlp_for
from newsledger.pipeline.ruler import RULER_NAME, restore_kb_labels

_TEXTS = {
    "es": "La Fiscalía General de la República y el Cártel de Sinaloa: EE.UU. recibió a 26 reos en "
          "Culiacán, dijo Omar García Harfuch. El cártel de Sinaloa negó todo.",
    "en": "The Sinaloa cartel and the U.S. Attorney General's Office: Mexico sent 26 prisoners to "
          "Texas, said Omar García Harfuch. The attorney general's office said nothing.",
}
_ANNOTATION = [ENT_IOB, ENT_TYPE, ENT_KB_ID, ENT_ID]


def _before_ruler(language: str) -> Doc:
    nlp = nlp_for(language)
    doc = nlp.make_doc(_TEXTS[language])
    for name, proc in nlp.pipeline:
        if name == RULER_NAME:
            break
        doc = proc(doc)
    return doc


def test_ruler_sets_what_the_ents_setter_sets() -> None:
    for language in ("es", "en"):
        ruler = nlp_for(language).get_pipe(RULER_NAME)
        ours, theirs = _before_ruler(language), _before_ruler(language)
        restore_kb_labels(ruler(ours))  # (the recogniser, between them, is left out here)
        spans = [ruler._span(theirs, key, start, end) for key, start, end in ruler.exact(theirs)]
        spans += [ruler._span(theirs, key, start, end) for key, start, end in ruler.folded(theirs)
                  if ruler._first_word_fits(key, theirs[start].text)]
        theirs.ents = filter_spans(list(theirs.ents) + spans)
        assert len(ours.ents) >= 3
        assert numpy.array_equal(ours.to_array(_ANNOTATION), theirs.to_array(_ANNOTATION))
        assert [(e.start, e.end, e.label_, e.id_) for e in ours.ents] \
            == [(e.start, e.end, e.label_, e.id_) for e in theirs.ents]
        assert all(isinstance(e, Span) for e in ours.ents)


def test_the_recogniser_is_never_taught_the_knowledge_base_labels() -> None:
    # Spanish model labels are PER/LOC/ORG/MISC; handed a PERSON it would add actions it
    # then scores at every word of every later document.
    nlp = nlp_for("es")
    ner = nlp.get_pipe("ner")
    moves = ner.moves.n_moves
    doc = nlp("Omar García Harfuch habló en Culiacán con la Fiscalía General de la República.")
    assert ner.moves.n_moves == moves and "PERSON" not in ner.labels
    assert [(e.text, e.label_) for e in doc.ents if e.id_] == [
        ("Omar García Harfuch", "PERSON"), ("Culiacán", "GPE"), ("Fiscalía General de la República", "ORG")]


def test_a_text_without_known_names_leaves_nothing_to_restore() -> None:
    doc = nlp_for("es")("Llovió toda la tarde.")
    assert ("newsledger", "kb_labels") not in doc.user_data
