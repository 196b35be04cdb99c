"""The text of a Doc and its spans, joined once: the same as spaCy's own."""
import spacy
from spacy.tokens import Doc

from newsledger.pipeline.doctext import doc_text, span_text


_NLP = spacy.blank("en")
_NLP.add_pipe("sentencizer")


def _doc(text: str) -> Doc:
    return _NLP(text)


def test_span_text_is_spacys() -> None:
    doc = _doc("Mexico sent 26 prisoners.  They landed in Texas on Tuesday!\n\nThe end ")
    assert doc_text(doc) == doc.text
    spans = [*doc.sents, doc[0:1], doc[2:4], doc[5:len(doc)], doc[len(doc) - 1:len(doc)]]
    for span in spans:
        assert span_text(span) == span.text


def test_text_kept_for_one_doc_only() -> None:
    """A Doc whose user_data was copied from another Doc does not take its text."""
    first = _doc("Mexico sent 26 prisoners.")
    assert doc_text(first) == first.text
    for other in (_doc("Mexico sent 26 prisoners. They landed in Texas."), _doc("Mexico sent 62 prisoners.")):
        other.user_data.update(first.user_data)
        assert doc_text(other) == other.text
        assert span_text(other[1:len(other)]) == other[1:len(other)].text


def test_the_joined_text_is_the_docs_own() -> None:
    from newsledger.pipeline import nlp_for
    from newsledger.pipeline.doctext import doc_text

    text = "  MÉXICO.— Mexico sent 26 \n\n prisoners\tnorth on Tuesday;  officials said so.  "
    for language in ("en", "es"):
        doc = nlp_for(language)(text)
        assert doc_text(doc) == doc.text == text


def test_short_docs_join_as_spacy_does() -> None:
    """One token, no trailing space, only white space: the two-column read of the array."""
    for text in ("Mexico", "Mexico ", " ", "¡Hola!", "Sí.\n\n—No."):
        doc = _doc(text)
        assert doc_text(doc) == doc.text == text
