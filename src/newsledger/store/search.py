"""Searching the store: documents by the words of their text, entities by their names.

Migration 0005 builds the indexes these queries use, one kind per back end, so that a
search reads an index instead of every stored text:

* PostgreSQL: ``documents.search``, a ``tsvector`` of title and text in the document's
  language ('spanish' for ``es``, 'english' otherwise, over ``newsledger_unaccent``), under
  a GIN index; each query word is a prefix (``word:*``), parsed with the configuration of
  the documents it is matched against. Entity names: ``pg_trgm`` over the unaccented,
  lower-cased name (GIN trigram index): a name containing the query, or similar to it
  (``%``, ``word_similarity``), so a misspelt name is still found.
* SQLite: FTS5 tables (Porter stemming, unicode61 without diacritics), each query word a
  prefix (``"word"*``). Entity names match by words (a prefix of each), not by similarity.

Both fold case and accents ("extradicion" finds "extradición") and need every word.
"""
from __future__ import annotations

import re

from sqlalchemy import text
from sqlalchemy.orm import Session

# What migration 0005 adds beside the models in ``schema.py`` (which stay portable): a
# schema comparison leaves these out. SQLite's FTS5 shadow tables start with the names.
OUTSIDE_MODELS = frozenset({"search", "ix_documents_search", "ix_entities_name_trgm",
                            "documents_fts", "entities_fts"})

# The words of a query as both back ends index them: letters and digits, no accents needed.
_WORD = re.compile(r"[^\W_]+")


def query_words(query: str) -> list[str]:
    """The words of ``query`` (lower case), as the indexes hold them; punctuation dropped."""
    return [word.lower() for word in _WORD.findall(query or "")]


def document_ids(session: Session, query: str, limit: int) -> list[str]:
    """Ids of up to ``limit`` documents holding every word of ``query`` (each as a prefix),
    by publication date (undated last), then id."""
    wanted = query_words(query)
    if not wanted:
        return []
    order = "ORDER BY published IS NULL, published, id LIMIT :limit"
    if session.get_bind().dialect.name == "postgresql":
        prefixes = " & ".join(f"{word}:*" for word in wanted)
        sql = ("SELECT id FROM documents WHERE"
               " (language = 'es' AND search @@ to_tsquery('spanish'::regconfig, newsledger_unaccent(:q)))"
               " OR (language <> 'es' AND search @@ to_tsquery('english'::regconfig, newsledger_unaccent(:q))) "
               + order)
        return list(session.scalars(text(sql), {"q": prefixes, "limit": limit}))
    sql = ("SELECT id FROM documents WHERE id IN"
           " (SELECT id FROM documents_fts WHERE documents_fts MATCH :q) " + order)
    return list(session.scalars(text(sql), {"q": _fts5(wanted), "limit": limit}))


def entity_names(session: Session, query: str, limit: int = 50) -> list[str]:
    """Distinct stored entity names that match ``query``, best first.

    PostgreSQL: names containing the query (unaccented, any case) or similar to it by
    trigrams, the most similar first. SQLite: names holding every word as a prefix.
    """
    wanted = query_words(query)
    if not wanted:
        return []
    if session.get_bind().dialect.name == "postgresql":
        folded = " ".join(wanted)
        like = folded.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        sql = ("SELECT name FROM entities, (SELECT newsledger_unaccent(:q) AS q) AS wanted"
               " WHERE newsledger_unaccent(lower(name)) LIKE '%' || newsledger_unaccent(:like) || '%'"
               " OR wanted.q <% newsledger_unaccent(lower(name))"
               " GROUP BY name ORDER BY max(word_similarity(wanted.q, newsledger_unaccent(lower(name)))) DESC, name"
               " LIMIT :limit")
        return list(session.scalars(text(sql), {"q": folded, "like": like, "limit": limit}))
    sql = ("SELECT name FROM entities WHERE id IN (SELECT rowid FROM entities_fts WHERE entities_fts MATCH :q)"
           " GROUP BY name ORDER BY count(*) DESC, name LIMIT :limit")
    return list(session.scalars(text(sql), {"q": _fts5(wanted), "limit": limit}))


def _fts5(words: list[str]) -> str:
    """An FTS5 query needing every word, each as a prefix; quoted, so no word is an operator."""
    return " ".join('"' + word.replace('"', '""') + '"*' for word in words)
