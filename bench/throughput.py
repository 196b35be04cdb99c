#!/usr/bin/env python3
"""Throughput of extraction against the bare spaCy model it runs on.

    bench/throughput.py [--articles N] [--languages en,es] [--repeat R] [--seed S] [--batch-size B]

Generates N synthetic news articles per language (template sentences with varied names,
numbers and dates, a few hundred words each), then measures over the same articles:

* ``bare``: ``newsledger.pipeline.load_model(lang)`` and ``nlp.pipe`` (the model alone);
* ``extract``: ``newsledger.extract.extract_documents`` (the batch form of
  ``extract_text``: model + knowledge base + components + the extraction records), with
  the same batch size.

Each measurement runs in its own process, so that its peak resident memory
(``ru_maxrss``) is its own and not the high-water mark of an earlier run; model loading
and one warm-up article are excluded from the timing. The modes alternate ``--repeat``
times and each one's fastest run is reported, so that a busy machine skews both alike. The last line is
``ratio X``: extraction throughput / bare throughput, for the worst language (the
issue's target is ≥ 0.8, i.e. extraction adds at most a quarter to the model's cost).
Not a test: timings depend on the machine.
"""
from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import time

from articles import generate  # the synthetic corpus, shared with bench/scale.py

def _peak_rss_mb() -> float:
    # ru_maxrss is in kilobytes on Linux (bytes on macOS).
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024


def worker(mode: str, language: str, count: int, seed: int, batch_size: int) -> dict[str, float]:
    """One measurement in this process: articles/s and peak memory."""
    articles = generate(language, count, seed)
    texts = [text for text, _ in articles]
    if mode == "bare":
        from newsledger.pipeline import load_model

        nlp = load_model(language)
        nlp(texts[0])  # warm-up: lazy initialisation is not throughput
        start = time.perf_counter()
        for _ in nlp.pipe(texts, batch_size=batch_size):
            pass
    else:
        from newsledger.extract import extract_documents, extract_text
        from newsledger.ingest import RawDocument, normalise_text

        extract_text(texts[0], published=articles[0][1], language=language, source="warm-up")
        raws = [RawDocument(normalise_text(text), f"synthetic-{index}", published, language)
                for index, (text, published) in enumerate(articles)]
        start = time.perf_counter()
        for _ in extract_documents(raws, batch_size=batch_size):
            pass
    seconds = time.perf_counter() - start
    return {"articles_per_s": count / seconds, "seconds": seconds, "peak_mb": _peak_rss_mb()}


def _measure(mode: str, language: str, args: argparse.Namespace) -> dict[str, float]:
    command = [sys.executable, __file__, "--worker", mode, "--languages", language,
               "--articles", str(args.articles), "--seed", str(args.seed), "--batch-size", str(args.batch_size)]
    done = subprocess.run(command, capture_output=True, text=True)
    if done.returncode != 0:
        sys.stderr.write(done.stderr)
        raise SystemExit(f"{mode} run for {language} failed (exit {done.returncode})")
    return json.loads(done.stdout.strip().splitlines()[-1])


def _best(language: str, args: argparse.Namespace) -> tuple[dict[str, float], dict[str, float]]:
    """The fastest of ``--repeat`` runs of each mode, the modes alternating.

    On a shared machine the load changes from minute to minute; alternating the two
    modes and keeping each one's best run (as ``timeit`` does) compares them under
    similar conditions instead of under whatever load each happened to meet.
    """
    runs: dict[str, list[dict[str, float]]] = {"bare": [], "extract": []}
    for _ in range(args.repeat):
        for mode in runs:
            runs[mode].append(_measure(mode, language, args))
    best = {mode: max(found, key=lambda r: r["articles_per_s"]) for mode, found in runs.items()}
    for mode, found in runs.items():
        best[mode]["peak_mb"] = max(r["peak_mb"] for r in found)
    return best["bare"], best["extract"]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, default=100, help="articles per language (default 100)")
    parser.add_argument("--repeat", type=int, default=3, help="runs of each mode; the best counts (default 3)")
    parser.add_argument("--languages", default="en,es", help="comma-separated (default en,es)")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--batch-size", type=int, default=8, help="nlp.pipe batch size of both runs (default 8)")
    parser.add_argument("--worker", choices=("bare", "extract"), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    languages = [code.strip() for code in args.languages.split(",") if code.strip()]

    if args.worker:
        print(json.dumps(worker(args.worker, languages[0], args.articles, args.seed, args.batch_size)))
        return 0

    ratios = []
    for language in languages:
        words = sum(len(text.split()) for text, _ in generate(language, args.articles, args.seed))
        print(f"{language}: {args.articles} synthetic articles, {words / args.articles:.0f} words on average, "
              f"best of {args.repeat} alternating runs")
        bare, extracted = _best(language, args)
        ratio = extracted["articles_per_s"] / bare["articles_per_s"]
        ratios.append(ratio)
        for name, result in (("bare spaCy (nlp.pipe)", bare), ("extraction (extract)", extracted)):
            print(f"  {name:27} {result['articles_per_s']:7.1f} articles/s  "
                  f"{result['seconds']:6.1f} s  peak RSS {result['peak_mb']:6.0f} MB")
        print(f"  {language} ratio {ratio:.2f}")
    print(f"ratio {min(ratios):.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
