"""Full-text search on both back ends: the same queries find the same documents and names.

SQLite answers from FTS5 tables, PostgreSQL from a tsvector per language ('english',
'spanish', unaccented) and pg_trgm (migration 0005, ``newsledger.store.search``).
"""
from __future__ import annotations

from collections.abc import Iterator
from datetime import date

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url
from store_samples import sample

from newsledger.errors import StorageError
from newsledger.ingest import RawDocument, content_hash
from newsledger.model import DocumentInfo, Entity, Extraction, Span
from newsledger.store import Store
from newsledger.store.repository import engine_url
from tests.postgres import PG_URL, drop_database, empty_postgres, fresh_database_beside, needs_postgres

SPANISH = ("La Fiscalía General de la República confirmó la extradición de Rafael Caro Quintero "
           "a Estados Unidos. Los traslados continuarán, dijo Omar García Harfuch.")
SPANISH_UNDATED = "Otra extradición, sin fecha conocida, fue discutida en el Senado."


def _spanish(text_: str, published: date | None, source: str) -> tuple[RawDocument, Extraction]:
    start = text_.find("Rafael Caro Quintero")
    entities = [Entity("e1", "Rafael Caro Quintero", "person", mentions=[Span(start, start + 20, text_[start:start + 20])])
                ] if start >= 0 else []
    info = DocumentInfo(content_hash(text_), source, published, "es", "Extradición")
    return RawDocument(text_, source, published, "es", "Extradición"), Extraction(info, entities, [], [], [])


@pytest.fixture()
def store(db_url: str) -> Iterator[Store]:
    with Store(db_url) as opened:
        opened.add(*sample())
        opened.add(*_spanish(SPANISH, date(2025, 2, 27), "es.txt"))
        opened.add(*_spanish(SPANISH_UNDATED, None, "undated.txt"))
        yield opened


def sources(store: Store, query: str) -> list[str]:
    return [doc.source for doc in store.search_documents(query)]


def test_accents_and_case_do_not_matter(store: Store) -> None:
    assert sources(store, "extradicion") == ["es.txt", "undated.txt"]  # dated first, undated last
    assert sources(store, "EXTRADICIÓN") == ["es.txt", "undated.txt"]
    assert sources(store, "fiscalia republica") == ["es.txt"]
    assert sources(store, "garcia harfuch") == ["es.txt", "a.txt"]


def test_every_word_is_needed_and_each_is_a_prefix(store: Store) -> None:
    assert sources(store, "Harfuch") == ["es.txt", "a.txt"]
    assert sources(store, "harfuch sinaloa") == ["a.txt"]
    assert sources(store, "harfuch senado") == []
    assert sources(store, "prison") == ["a.txt"]  # "prisoners"
    assert sources(store, "traslado") == ["es.txt"]  # "traslados"
    assert sources(store, "zzz") == [] and sources(store, "  ") == [] and sources(store, "*&|!:") == []


def test_the_title_is_searched_too(store: Store) -> None:
    assert "es.txt" in sources(store, "extradición caro")
    assert sources(store, "transfer mexico") == ["a.txt"]  # the English sample's title is "Transfer"


def test_entity_names_fold_accents_and_take_any_part(store: Store) -> None:
    assert store.entity_names("garcia harfuch") == ["Omar García Harfuch"]
    assert store.entity_names("CARO quintero") == ["Rafael Caro Quintero"]
    assert store.entity_names("sinaloa")[0] == "Sinaloa Cartel"
    assert store.entity_names("nobody atall") == []


def test_search_punctuation_is_not_syntax(store: Store) -> None:
    for query in ('"', "harfuch AND", "NOT sinaloa", "a:b", "(", "it's", "U.S.", "-1"):
        store.search_documents(query)  # never a syntax error of FTS5 or to_tsquery
        store.entity_names(query)


def test_new_documents_are_found_at_once(store: Store) -> None:
    assert sources(store, "senado") == ["undated.txt"]
    store.add(*_spanish("El Senado aprobó el acuerdo de seguridad.", date(2025, 3, 1), "senado.txt"))
    assert sources(store, "senado") == ["senado.txt", "undated.txt"]


@needs_postgres
def test_postgres_finds_a_misspelt_name_by_trigrams_and_uses_the_indexes() -> None:
    assert PG_URL
    empty_postgres(PG_URL)
    with Store(PG_URL) as store:
        store.add(*sample())
        assert store.entity_names("Omar Garsia Harfuch") == ["Omar García Harfuch"]
        with store.session() as session:
            session.execute(text("SET LOCAL enable_seqscan = off"))
            plans = [session.execute(text(f"EXPLAIN {query}")).scalars().all() for query in (
                "SELECT id FROM documents WHERE (language = 'es' AND search @@ to_tsquery('spanish', 'x:*'))"
                " OR (language <> 'es' AND search @@ to_tsquery('english', 'x:*'))",
                "SELECT name FROM entities WHERE newsledger_unaccent(lower(name)) LIKE '%harfuch%'"
                " OR 'garsia' <% newsledger_unaccent(lower(name))")]
        assert "ix_documents_search" in "\n".join(plans[0])
        assert "ix_entities_name_trgm" in "\n".join(plans[1])


@needs_postgres
def test_postgres_without_the_right_to_create_the_extensions_says_what_to_run() -> None:
    """A role that may create tables but not extensions gets the commands to run, in one line."""
    assert PG_URL
    scratch = fresh_database_beside(PG_URL, "noext")
    admin = create_engine(engine_url(scratch), isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text("DROP ROLE IF EXISTS newsledger_noext"))
        connection.execute(text("CREATE ROLE newsledger_noext LOGIN"))
        connection.execute(text("GRANT CREATE ON SCHEMA public TO newsledger_noext"))
    try:
        url = make_url(scratch).set(username="newsledger_noext", password=None).render_as_string(hide_password=False)
        with pytest.raises(StorageError) as caught:
            Store(url)
        message = str(caught.value)
        assert "CREATE EXTENSION IF NOT EXISTS unaccent; CREATE EXTENSION IF NOT EXISTS pg_trgm" in message
        assert "\n" not in message
        with admin.connect() as connection:  # what the message says to run, as the owner
            connection.execute(text("CREATE EXTENSION IF NOT EXISTS unaccent"))
            connection.execute(text("CREATE EXTENSION IF NOT EXISTS pg_trgm"))
        with Store(url) as store:
            store.add(*sample())
            assert [d.source for d in store.search_documents("harfuch")] == ["a.txt"]
    finally:
        admin.dispose()
        drop_database(scratch)
        server = create_engine(engine_url(PG_URL), isolation_level="AUTOCOMMIT")
        with server.connect() as connection:
            connection.execute(text("DROP ROLE IF EXISTS newsledger_noext"))
        server.dispose()
