"""strip_accents through a translate table (and ASCII unchanged) is the per-character
filter it replaced, on every code point and on names written by hand."""
from __future__ import annotations

import unicodedata

from newsledger.kb.text import fold, strip_accents


def _straightforward(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return unicodedata.normalize("NFC", "".join(c for c in decomposed if not unicodedata.combining(c)))


def test_every_code_point_strips_as_before() -> None:
    # The table decides each character alone, as the filter did, so single characters
    # cover every string's characters; the names below cover the normalisations around.
    for code in range(0x110000):
        char = chr(code)
        assert strip_accents.__wrapped__(char) == _straightforward(char), hex(code)


def test_names_strip_as_before() -> None:
    for text in ("Culiacán", "Omar García Harfuch", "Mexico City", "ﬁnal Ｆ", "Beltrán-Leyva",
                 "Ñuñoa", "e\u0301 o\u0308", "İstanbul", "Straße", "한국", ""):
        assert strip_accents(text) == _straightforward(text)
    assert fold("  Cártel  de Sinaloa ") == "cartel de sinaloa"
