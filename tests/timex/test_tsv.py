"""normalise_tsv(): the line format of shared/eval/timex/README.md and its anchors."""
from __future__ import annotations

from pathlib import Path

import pytest

from newsledger.errors import InputError, KnowledgeBaseError
from newsledger.timex import normalise_tsv


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "set.tsv"
    path.write_text(text, encoding="utf-8")
    return path


def test_one_line_per_input_line_with_anchors_echoed(tmp_path: Path) -> None:
    path = write(tmp_path, "1989-10-30\tDATE\t1989-10-30\nFriday\tDATE\t1989-10-27\n"
                           "four decades\tDURATION\tP40Y\nlast year\tDATE\t1988\n\n"
                           "1998-04-02T22:52:00\tTIME\t1998-04-02T22:52:00\nThursday\tDATE\t1998-04-02\n")
    assert list(normalise_tsv(path, "en")) == [
        "1989-10-30\t1989-10-30", "Friday\t1989-10-27", "four decades\t", "last year\t1988",
        "1998-04-02T22:52:00\t1998-04-02T22:52:00", "Thursday\t1998-04-02",
    ]


def test_each_block_has_its_own_anchor_and_focus(tmp_path: Path) -> None:
    path = write(tmp_path, "2000-06-01\tDATE\t2000-06-01\nel 28 de mayo\tDATE\t2000-05-28\n"
                           "ese mismo día\tDATE\t2000-05-28\n\n\n"
                           "2002-01-03\tDATE\t2002-01-03\nel 11 de septiembre\tDATE\t2001-09-11\n"
                           "El día 12\tDATE\t2001-09-12\n")
    assert list(normalise_tsv(path, "es")) == [
        "2000-06-01\t2000-06-01", "el 28 de mayo\t2000-05-28", "ese mismo día\t2000-05-28",
        "2002-01-03\t2002-01-03", "el 11 de septiembre\t2001-09-11", "El día 12\t2001-09-12",
    ]


def test_evaluation_sets_read_dates_shortly_ahead_as_coming(tmp_path: Path) -> None:
    # TimeBank's annotators saw the tense; the rows do not (see the timeml convention).
    path = write(tmp_path, "1989-10-30\tDATE\t1989-10-30\nDec. 7\tDATE\t1989-12-07\n"
                           "November\tDATE\t1989-11\nJune 1\tDATE\t1989-06-01\n")
    assert [line.split("\t")[1] for line in normalise_tsv(path, "en")][1:] == [
        "1989-12-07", "1989-11", "1989-06-01"]


def test_a_day_range_takes_the_month_of_its_end(tmp_path: Path) -> None:
    path = write(tmp_path, "2001-04-02\tDATE\t2001-04-02\ndel 7\tDATE\t2001-09-07\n"
                           "al 11 de septiembre\tDATE\t2001-09-11\n")
    assert list(normalise_tsv(path, "es"))[1:] == ["del 7\t2001-09-07", "al 11 de septiembre\t2001-09-11"]


def test_lines_without_columns_and_windows_line_ends(tmp_path: Path) -> None:
    path = write(tmp_path, "2026-01-20\r\nyesterday\r\n")
    assert list(normalise_tsv(path, "en")) == ["2026-01-20\t2026-01-20", "yesterday\t2026-01-19"]


def test_a_bad_anchor_names_its_line(tmp_path: Path) -> None:
    path = write(tmp_path, "2026-01-20\tDATE\t2026-01-20\ntoday\tDATE\t2026-01-20\n\n"
                           "Tuesday\tDATE\t2026-W04\n")
    lines = normalise_tsv(path, "en")
    with pytest.raises(InputError, match=r"set\.tsv:4: block anchor 'Tuesday\\tDATE\\t2026-W04' is not a date"):
        list(lines)


def test_missing_file_and_unknown_language_fail_at_once(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="cannot read the TSV file"):
        normalise_tsv(tmp_path / "absent.tsv", "en")
    with pytest.raises(KnowledgeBaseError, match="no language data for 'fr'"):
        normalise_tsv(write(tmp_path, "2026-01-20\n"), "fr")
