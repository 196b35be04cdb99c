"""Nothing silent: text in a language newsledger cannot read is refused by name, and an
undated document says that its relative dates stay unresolved."""
from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from ingest_samples import ARTICLE_EN, ARTICLE_ES

from newsledger.errors import InputError
from newsledger.ingest import RawDocument, read_path
from newsledger.ingest.language import unsupported_language
from newsledger.ingest.reader import NO_DATE_WARNING

FRENCH = ("Le Mexique a envoyé mercredi 26 détenus aux États-Unis, a annoncé le ministre de la "
          "Sécurité. Il s'agit du deuxième transfert de cette année, selon les autorités, qui ont "
          "précisé que les prisonniers sont accusés de trafic de drogue dans plusieurs États.")
GERMAN = ("Mexiko hat am Mittwoch 26 Häftlinge an die Vereinigten Staaten übergeben, teilte der "
          "Sicherheitsminister mit. Es ist die zweite Überstellung in diesem Jahr. Die Behörden "
          "sagten, dass die Gefangenen wegen Drogenhandels angeklagt sind und vor Gericht kommen.")
PORTUGUESE = ("O México enviou na quarta-feira 26 presos aos Estados Unidos, anunciou o ministro da "
              "Segurança. É a segunda transferência deste ano, e as autoridades disseram que os "
              "presos são acusados de tráfico de drogas. Ele também disse que não haverá outra.")


@pytest.mark.parametrize(("text", "name"), [(FRENCH, "French"), (GERMAN, "German"), (PORTUGUESE, "Portuguese")])
def test_other_languages_are_named(text: str, name: str) -> None:
    assert unsupported_language(text) == name


@pytest.mark.parametrize("text", [ARTICLE_EN, ARTICLE_ES, "Le Monde said du Pont's deal was off.",
                                  "Die Hard star said so.", ""])
def test_english_and_spanish_are_not_flagged(text: str) -> None:
    assert unsupported_language(text) is None


@pytest.mark.parametrize("text", [FRENCH, GERMAN])
def test_a_french_or_german_file_is_refused_with_the_reason(tmp_path: Path, text: str) -> None:
    path = tmp_path / "article.txt"
    path.write_text(text, encoding="utf-8")
    [error] = list(read_path(path, published=date(2026, 3, 12)))
    assert isinstance(error, InputError)
    assert "which newsledger cannot read" in error.reason and error.source == str(path)
    assert "--language" in (error.hint or "")


def test_a_stated_language_is_trusted(tmp_path: Path) -> None:
    path = tmp_path / "article.txt"
    path.write_text(FRENCH, encoding="utf-8")
    [document] = list(read_path(path, language="es", published=date(2026, 3, 12)))
    assert isinstance(document, RawDocument) and document.language == "es"


def test_a_french_jsonl_line_is_refused_and_the_others_go_in(tmp_path: Path) -> None:
    path = tmp_path / "feed.jsonl"
    path.write_text("\n".join(json.dumps({"text": t, "published": "2026-03-12"})
                              for t in (ARTICLE_EN, FRENCH, ARTICLE_ES)) + "\n", encoding="utf-8")
    items = list(read_path(path))
    assert [type(i).__name__ for i in items] == ["RawDocument", "InputError", "RawDocument"]
    assert items[1].line == 2 and "French" in items[1].reason


def test_an_undated_document_warns(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text(ARTICLE_EN, encoding="utf-8")
    [document] = list(read_path(path))
    assert isinstance(document, RawDocument) and document.warnings == [NO_DATE_WARNING]
    [dated] = list(read_path(path, published=date(2026, 1, 20)))
    assert isinstance(dated, RawDocument) and dated.warnings == []
