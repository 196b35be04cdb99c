"""Coverage-guided fuzz targets (atheris) for every reader and the timex parser.

Not part of the test suite (pytest collects ``test_*.py`` only). Run one target:

    python tests/fuzz/fuzz_readers.py TARGET [libFuzzer options] tests/fuzz/corpus/TARGET

or all of them for a bounded time with ``python tests/fuzz/run.py --seconds 60``.
A target fails (and libFuzzer saves the input as ``crash-*``) when anything but an
``InputError`` escapes, or when a document breaks the readers' promises (blank or
unnormalised text, a span that does not point into the text).
"""
from __future__ import annotations

import sys
import tempfile
from datetime import date
from pathlib import Path

import atheris

with atheris.instrument_imports(include=["newsledger"]):
    from newsledger.errors import InputError
    from newsledger.ingest.decoding import decode
    from newsledger.ingest.document import RawDocument
    from newsledger.ingest.feeds import read_feed
    from newsledger.ingest.html import markup_to_text
    from newsledger.ingest.jsonl import read_jsonl
    from newsledger.ingest.reader import apply_overrides
    from newsledger.ingest.records import read_json, read_table
    from newsledger.ingest.text import document_from_text, split_front_matter
    from newsledger.timex import find

SCRATCH = Path(tempfile.mkdtemp(prefix="newsledger-fuzz-"))


def _check(items: object) -> None:
    for item in items:  # type: ignore[attr-defined]
        if isinstance(item, RawDocument):
            assert item.text.strip() and item.text == item.text.strip(), "blank or unnormalised text"
        elif not isinstance(item, InputError):
            raise AssertionError(f"reader yielded {type(item).__name__}")


def _text(data: bytes) -> str:
    text, _ = decode(data, "fuzz")
    return text


def text(data: bytes) -> None:
    document = document_from_text(_text(data), "fuzz.txt", [])
    apply_overrides(document, None, None, None)
    _check([document])


def frontmatter(data: bytes) -> None:
    metadata, _ = split_front_matter("---\n" + _text(data), "fuzz.md")
    assert isinstance(metadata, dict)


def html(data: bytes) -> None:
    markup_to_text(_text(data), "fuzz.html")


def jsonl(data: bytes) -> None:
    path = SCRATCH / "fuzz.jsonl"
    path.write_bytes(data)
    _check(read_jsonl(path, 100_000))


def json(data: bytes) -> None:
    _check(read_json(_text(data), "fuzz.json", []))


def csv(data: bytes) -> None:
    _check(read_table(_text(data), "fuzz.csv", []))


def feed(data: bytes) -> None:
    _check(read_feed(data, "fuzz.xml"))


def timex(data: bytes) -> None:
    provider = atheris.FuzzedDataProvider(data)
    anchor = date.fromordinal(provider.ConsumeIntInRange(1, date(9999, 12, 31).toordinal()))
    language = "es" if provider.ConsumeBool() else "en"
    value = provider.ConsumeUnicodeNoSurrogates(400)
    for match in find(value, anchor, language):
        assert value[match.start:match.end] == match.text


TARGETS = {f.__name__: f for f in (text, frontmatter, html, jsonl, json, csv, feed, timex)}


def main() -> None:
    name = sys.argv[1] if len(sys.argv) > 1 else ""
    if name not in TARGETS:
        sys.exit(f"usage: fuzz_readers.py TARGET [libFuzzer options]; targets: {', '.join(TARGETS)}")
    target = TARGETS[name]

    def one_input(data: bytes) -> None:
        try:
            target(data)
        except InputError as error:
            assert "\n" not in error.reason, f"multi-line error: {error.reason!r}"

    atheris.Setup([sys.argv[0], *sys.argv[2:]], one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
