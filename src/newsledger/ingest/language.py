"""Language detection for the readers; the code lives in ``newsledger.lang.detect``.

It moved there because the store falls back to it too, and the store must not depend on
the readers. Re-exported so that ``ingest.language`` keeps working.
"""
from __future__ import annotations

from newsledger.lang.detect import DEFAULT_LANGUAGE, detect_language, language_scores, unsupported_language

__all__ = ["DEFAULT_LANGUAGE", "detect_language", "language_scores", "unsupported_language"]
