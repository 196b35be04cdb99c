"""Bytes to text, refusing what is not text at all.

Text that is not UTF-8 is either in a legacy 8-bit encoding or UTF-8 with a few stray
bytes. A file with no valid UTF-8 beyond ASCII (or fewer valid sequences than invalid
bytes) is taken to be in a Western European 8-bit encoding (Windows-1252, Latin-1,
Latin-9: what Spanish and English text is saved in when not UTF-8), detected by
charset-normalizer among those. Otherwise one stray byte in a long UTF-8 article should
not lose the article, so it is decoded with replacement characters. Either way the
document carries a warning saying what was done. A file that is not text (an image, a
PDF, an archive) is refused, because decoding it would store garbage.
"""
from __future__ import annotations

import codecs
import re

import charset_normalizer

from newsledger.errors import InputError

# The 8-bit encodings a non-UTF-8 English or Spanish file is read in, by charset-normalizer.
# Left unrestricted it guesses Central European or East Asian code pages on short text.
LEGACY_ENCODINGS = ("cp1252", "latin_1", "iso8859_15")

# How much of a file is looked at to decide whether it is binary.
SNIFF_BYTES = 8192
# Share of control bytes (other than tab, newline, carriage return, form feed) above
# which a file is taken to be binary rather than text with a few stray bytes.
MAX_CONTROL_SHARE = 0.05
_TEXT_CONTROLS = {0x09, 0x0A, 0x0C, 0x0D, 0x1B}


def looks_binary(data: bytes) -> bool:
    """True for data with NUL bytes or many control bytes near its start."""
    head = data[:SNIFF_BYTES]
    if not head:
        return False
    if b"\x00" in head:
        return True
    controls = sum(1 for byte in head if byte < 0x20 and byte not in _TEXT_CONTROLS)
    return controls / len(head) > MAX_CONTROL_SHARE


_META_CHARSET = re.compile(rb"<meta[^>]+charset\s*=\s*[\"']?\s*([A-Za-z0-9_.:-]+)", re.IGNORECASE)


def declared_charset(data: bytes) -> str | None:
    """The encoding an HTML page declares in a ``<meta>`` tag, if Python knows it."""
    match = _META_CHARSET.search(data[:4096])
    if not match:
        return None
    try:
        return codecs.lookup(match.group(1).decode("ascii")).name
    except LookupError:
        return None


def decode(data: bytes, source: str, line: int | None = None,
           declared: str | None = None) -> tuple[str, list[str]]:
    """The text of ``data`` and the warnings about it; ``InputError`` if it is not text.

    UTF-16 and UTF-8 byte-order marks are honoured (UTF-16 would otherwise look binary
    because of its NUL bytes); everything else is read as UTF-8, or, when that fails
    and the file declares another encoding (an HTML page's ``<meta charset>``), as that.
    """
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode("utf-16"), []
        except UnicodeDecodeError as error:
            raise InputError(source, f"invalid UTF-16 text ({error.reason})", line) from error
    if looks_binary(data):
        raise InputError(source, "binary file, not text", line,
                         hint="expected text, HTML, JSON Lines, RSS or Atom")
    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8):]
    try:
        return data.decode("utf-8"), []
    except UnicodeDecodeError as error:
        if declared and declared != "utf-8":
            try:
                return data.decode(declared), []
            except UnicodeDecodeError:
                pass
        text = data.decode("utf-8", errors="replace")
        bad = text.count("\ufffd") - data.decode("utf-8", errors="ignore").count("\ufffd")
        where = f"line {line}, " if line is not None else ""
        valid = sum(1 for char in text if char > "\x7f" and char != "\ufffd")
        legacy = legacy_encoding(data) if valid < bad else None
        if legacy is not None:
            return data.decode(legacy), [f"not UTF-8 ({where}first at byte {error.start}): read as {legacy} "
                                         "(detected); save the file as UTF-8 to be sure"]
        warning = (f"invalid UTF-8 ({where}first at byte {error.start}): "
                   f"{bad} invalid byte sequence(s) decoded as U+FFFD replacement characters")
        return text, [warning]


def legacy_encoding(data: bytes) -> str | None:
    """The Western European 8-bit encoding ``data`` is most plausibly in, if any decodes it."""
    best = charset_normalizer.from_bytes(data, cp_isolation=list(LEGACY_ENCODINGS)).best()
    if best is None:
        return None
    name = codecs.lookup(best.encoding).name
    try:
        data.decode(name)
    except UnicodeDecodeError:
        return None
    return name


def is_blank(text: str) -> bool:
    """True for text with nothing but white space (an 'empty' document)."""
    return not text.strip()


def human_size(count: int) -> str:
    """Bytes as a short figure for messages ("6.2 MB")."""
    if count >= 1_000_000:
        return f"{count / 1_000_000:.1f} MB"
    if count >= 1_000:
        return f"{count / 1_000:.1f} kB"
    return f"{count} bytes"
