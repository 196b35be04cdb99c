"""Readers of every input format, turning files into ``RawDocument``s or ``InputError``s.

``read_path`` is the entry point: a file or a folder in, a stream of documents and
errors out (errors are yielded so that a batch goes on past a bad file).
"""
from __future__ import annotations

from newsledger.ingest.document import RawDocument, content_hash, normalise_text, parse_date
from newsledger.ingest.language import detect_language
from newsledger.ingest.reader import DEFAULT_MAX_BYTES, find_files, read_file, read_path

__all__ = [
    "DEFAULT_MAX_BYTES", "RawDocument", "content_hash", "detect_language", "find_files",
    "normalise_text", "parse_date", "read_file", "read_path",
]
