"""Normalising a timex TSV file (shared/eval/timex/README.md) for ``newsledger dates --tsv``.

Blocks are separated by blank lines; the first line of a block is its anchor (the
document date, echoed back), every further line an expression to resolve. The rows of
a block come from one document in reading order, so they share a discourse focus the
way the sentences of a text do.

The sets are TimeBank annotations, made by readers who saw the verb tense: they read a
yearless date shortly ahead of the anchor ("Dec. 7" in late October) as the coming one.
The rows carry no tense, so this module resolves them under the ``timeml`` convention
of the language file; resolve() and find() keep the spec's ``news`` convention.
"""
from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import replace
from datetime import date
from pathlib import Path

from newsledger.errors import InputError
from newsledger.model import DateValue
from newsledger.timex import dates
from newsledger.timex.grammar import grammar
from newsledger.timex.interpret import Context, Focus
from newsledger.timex.resolve import resolve_in_context

ANCHOR = re.compile(r"^(\d{4}-\d{2}-\d{2})")


def normalise_tsv(path: Path, language: str) -> Iterator[str]:
    """One ``EXPRESSION<TAB>VALUE`` line per non-empty input line, in input order.

    VALUE is empty when the expression does not resolve; anchor lines echo their value.
    The file is read and the language checked at once, so a missing file or an unknown
    language raise here (InputError, KnowledgeBaseError), not halfway through the output;
    a malformed anchor raises InputError with its line number when its block is reached.
    """
    grammar(language)
    try:
        lines = Path(path).read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as error:
        raise InputError(str(path), f"cannot read the TSV file ({error})") from error
    return _lines(str(path), lines, language)


def _lines(source: str, lines: list[str], language: str) -> Iterator[str]:
    block: list[tuple[int, str]] = []
    for number, line in enumerate([*lines, ""], start=1):
        if line.strip():
            block.append((number, line))
        elif block:
            yield from _block(source, block, language)
            block = []


def _anchor(source: str, number: int, line: str) -> tuple[date, str]:
    fields = line.split("\t")
    value = (fields[2] if len(fields) > 2 else fields[0]).strip()
    found = ANCHOR.match(value)
    try:
        if found:
            return date.fromisoformat(found.group(1)), value
    except ValueError:
        pass
    raise InputError(source, f"block anchor {line.strip()!r} is not a date", line=number,
                     hint="the first line of each block must be YYYY-MM-DD<TAB>DATE<TAB>YYYY-MM-DD")


def _block(source: str, block: list[tuple[int, str]], language: str) -> Iterator[str]:
    number, first = block[0]
    anchor, value = _anchor(source, number, first)
    yield f"{first.split(chr(9))[0]}\t{value}"
    ctx = Context(anchor, grammar(language).lexicon, Focus(), convention="timeml")
    expressions = [line.split("\t")[0] for _, line in block[1:]]
    for index, expression in enumerate(expressions):
        result = resolve_in_context(expression, ctx)
        if result is not None and result[0] == "day_of_month" and index + 1 < len(expressions):
            result = _range_start(result, expressions[index + 1], ctx)
        if result is None:
            yield f"{expression}\t"
            continue
        rule, resolved = result
        ctx.focus.update(rule, resolved)
        yield f"{expression}\t{resolved.value or ''}"


def _range_start(result: tuple[str, DateValue], following: str, ctx: Context) -> tuple[str, DateValue]:
    """"del 7" followed by "al 11 de septiembre": the first day takes the second's month."""
    peek = resolve_in_context(following, replace(ctx, focus=replace(ctx.focus)))
    first = result[1].start
    if peek is None or peek[0] != "day" or first is None or peek[1].start is None:
        return result
    end = peek[1].start
    if first.day >= end.day:
        return result
    moved = dates.safe_date(end.year, end.month, first.day)
    return (result[0], DateValue.of_day(moved)) if moved else result
