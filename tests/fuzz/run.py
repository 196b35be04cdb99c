"""Runs every fuzz target of ``fuzz_readers.py`` for a bounded time and reports each.

    python tests/fuzz/run.py --seconds 60 [--only text,feed]

Each target starts from its committed corpus (``corpus/<target>``, read only: new
inputs go to a scratch folder) and runs for ``--seconds``. A crash leaves the input as
``tests/fuzz/crash-*`` and makes the exit code 1. One line per target is printed, and
appended to ``tests/fuzz/RESULTS.md`` with ``--record``.
"""
from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from datetime import datetime, timezone
from pathlib import Path

HERE = Path(__file__).resolve().parent
TARGETS = ("text", "frontmatter", "html", "jsonl", "json", "csv", "feed", "timex")


def run(target: str, seconds: int) -> tuple[bool, str]:
    with tempfile.TemporaryDirectory(prefix=f"fuzz-{target}-") as scratch:
        started = time.monotonic()
        process = subprocess.run(
            [sys.executable, str(HERE / "fuzz_readers.py"), target, f"-max_total_time={seconds}",
             "-rss_limit_mb=4096", "-timeout=30", "-report_slow_units=60", f"-artifact_prefix={HERE}/crash-{target}-",
             scratch, str(HERE / "corpus" / target)],
            capture_output=True, text=True)
        took = time.monotonic() - started
    log = process.stderr.splitlines()
    runs = next((line.split("Done ")[1] for line in reversed(log) if "Done " in line), "?")
    ok = process.returncode == 0
    detail = "no crash" if ok else next((line for line in log if "Error" in line or "Uncaught" in line),
                                        f"exit {process.returncode}")
    return ok, f"{target}: {took:.0f} s, {runs}: {detail}"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=int, default=60)
    parser.add_argument("--only", default=",".join(TARGETS))
    parser.add_argument("--record", action="store_true", help="append the results to RESULTS.md")
    options = parser.parse_args()
    lines, failed = [], False
    for target in options.only.split(","):
        ok, line = run(target, options.seconds)
        failed |= not ok
        lines.append(line)
        print(line, flush=True)
    if options.record:
        stamp = datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
        with (HERE / "RESULTS.md").open("a", encoding="utf-8") as handle:
            handle.write(f"\n## {stamp}, {options.seconds} s per target\n\n")
            handle.writelines(f"- {line}\n" for line in lines)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
