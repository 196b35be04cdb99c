"""The shared timex training sets, scored by their own scorer: accuracy must stay ≥ 0.90.

The sets live beside the repository (../shared/eval/timex); a checkout without them skips.
"""
from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from newsledger.timex import normalise_tsv

TIMEX = Path(__file__).resolve().parents[2].parent / "shared" / "eval" / "timex"
MINIMUM = 0.90


@pytest.mark.parametrize("language", ["en", "es"])
def test_training_set_accuracy(language: str, tmp_path: Path) -> None:
    gold = TIMEX / f"{language}.train.tsv"
    scorer = TIMEX / "score_timex.py"
    if not gold.is_file() or not scorer.is_file():
        pytest.skip(f"shared timex sets not found at {TIMEX} (they sit beside the repository)")
    predictions = tmp_path / f"{language}.pred.tsv"
    predictions.write_text("".join(line + "\n" for line in normalise_tsv(gold, language)), encoding="utf-8")
    done = subprocess.run([sys.executable, str(scorer), str(gold), "--pred", str(predictions)],
                          capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    found = re.search(r"timex accuracy ([\d.]+) \((\d+)/(\d+)\)", done.stdout)
    assert found, done.stdout[-500:]
    right, total = int(found.group(2)), int(found.group(3))
    assert right / total >= MINIMUM, f"{language}: {found.group(0)}\n{done.stdout[-3000:]}"
