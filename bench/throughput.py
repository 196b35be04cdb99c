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
import random
import resource
import subprocess
import sys
import time
from datetime import date, timedelta

# Synthetic data only: invented people and places, real-looking structure. These lists
# are test material for the benchmark, not language knowledge of the library.
_EN = {
    "first": ["Luis", "María", "Jorge", "Ana", "Carlos", "Elena", "Rafael", "Sofía", "Miguel", "Lucía",
              "Daniel", "Patricia", "Héctor", "Julia", "Ramón", "Teresa"],
    "last": ["Herrera", "Castañeda", "Villalobos", "Ortega", "Salgado", "Quiroz", "Benítez", "Mendoza",
             "Arellano", "Zúñiga", "Carrasco", "Ibarra", "Montes", "Ochoa", "Rivas", "Treviño"],
    "group": ["Sinaloa Cartel", "Jalisco New Generation Cartel", "Gulf Cartel", "Northeast Cartel",
              "Familia Michoacana", "Beltrán-Leyva cartel"],
    "state": ["Sinaloa", "Tamaulipas", "Jalisco", "Sonora", "Michoacán", "Guerrero", "Chihuahua"],
    "city": ["Culiacán", "Reynosa", "Guadalajara", "Hermosillo", "Morelia", "Acapulco", "Ciudad Juárez"],
    "official": ["Security Minister Omar García Harfuch", "President Claudia Sheinbaum",
                 "Attorney General Ernestina Godoy", "U.S. Attorney General Pam Bondi"],
    "weekday": ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"],
    "words": ["two", "three", "five", "seven", "a dozen", "nine", "eleven"],
    "drug": ["fentanyl pills", "methamphetamine", "cocaine", "heroin"],
    "templates": [
        "MEXICO CITY — Mexico sent {n} detained members of criminal groups to the United States on "
        "{weekday}, {official} said.",
        "The prisoners included {person}, a senior figure of the {group}, and {person2}, who was "
        "arrested in {city} in {year}.",
        "It was the {ordinal} transfer of its kind, bringing the total to {total} people since {month}.",
        "\"These are people who kept running their businesses from prison,\" {official} told reporters "
        "in {city}.",
        "Soldiers and marines arrested {words} suspects in {city}, {state}, on {weekday} and seized "
        "{kilos} kilograms of {drug}, according to the security ministry.",
        "On {day_text}, prosecutors charged {person} with drug trafficking and money laundering in a "
        "federal court in Texas.",
        "{official} spoke with U.S. President Donald Trump by phone last week and said the two "
        "governments would keep cooperating.",
        "The {group} has been fighting a rival faction in {state} since {month}, a conflict that has "
        "left hundreds dead.",
        "The U.S. State Department designated the {group} a foreign terrorist organization in February "
        "2025.",
        "Officials did not say whether another transfer was planned, but analysts expect one before "
        "the end of the year.",
        "In {year}, {person2} was briefly detained in {city} but released for lack of evidence.",
        "Analysts said the arrests were unlikely to change the balance of power in {state}, where "
        "about {percent}% of homicides are linked to organized crime.",
        "Earlier this month, troops destroyed {words} clandestine laboratories in the mountains of "
        "{state}.",
        "The embassy in Mexico City did not immediately respond to a request for comment.",
    ],
}
_ES = {
    "first": _EN["first"],
    "last": _EN["last"],
    "group": ["Cártel de Sinaloa", "Cártel Jalisco Nueva Generación", "Cártel del Golfo",
              "Cártel del Noreste", "La Nueva Familia Michoacana", "Cártel de los Beltrán Leyva"],
    "state": _EN["state"],
    "city": _EN["city"],
    "official": ["el secretario de Seguridad, Omar García Harfuch", "la presidenta Claudia Sheinbaum",
                 "la fiscal general Ernestina Godoy", "el embajador estadounidense Ronald Johnson"],
    "weekday": ["lunes", "martes", "miércoles", "jueves", "viernes"],
    "words": ["dos", "tres", "cinco", "siete", "doce", "nueve", "once"],
    "drug": ["pastillas de fentanilo", "metanfetamina", "cocaína", "heroína"],
    "templates": [
        "CIUDAD DE MÉXICO.— México envió este {weekday} a {n} integrantes de grupos criminales a "
        "Estados Unidos, informó {official}.",
        "Entre los trasladados figuran {person}, operador del {group}, y {person2}, detenido en {city} "
        "en {year}.",
        "Se trata del {ordinal} envío de este tipo, con lo que suman {total} personas desde {month}.",
        "«Son personas que seguían operando sus negocios desde la cárcel», dijo {official} en {city}.",
        "Elementos del Ejército y de la Marina detuvieron a {words} personas en {city}, {state}, y "
        "aseguraron {kilos} kilos de {drug}, según la Secretaría de Seguridad.",
        "El {day_text}, la fiscalía acusó a {person} de narcotráfico y lavado de dinero ante una corte "
        "federal de Texas.",
        "La semana pasada, {official} habló por teléfono con el presidente Donald Trump y acordaron "
        "seguir colaborando.",
        "El {group} libra desde {month} una guerra contra una facción rival en {state} que ha dejado "
        "cientos de muertos.",
        "El Departamento de Estado designó al {group} como organización terrorista extranjera en "
        "febrero de 2025.",
        "Las autoridades no precisaron si se prevé otro envío, aunque analistas esperan uno antes de "
        "fin de año.",
        "En {year}, {person2} fue detenido brevemente en {city}, pero quedó libre por falta de pruebas.",
        "Analistas señalaron que las detenciones difícilmente cambiarán el equilibrio en {state}, donde "
        "cerca del {percent}% de los homicidios se vinculan con el crimen organizado.",
        "A principios de mes, militares destruyeron {words} laboratorios clandestinos en la sierra de "
        "{state}.",
        "La embajada en la Ciudad de México no respondió de inmediato a una solicitud de comentarios.",
    ],
}
_ORDINALS = {"en": ["second", "third", "fourth", "fifth"], "es": ["segundo", "tercer", "cuarto", "quinto"]}
_MONTHS = {
    "en": ["January", "February", "March", "April", "May", "June", "July", "August", "September",
           "October", "November", "December"],
    "es": ["enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre",
           "octubre", "noviembre", "diciembre"],
}


def generate(language: str, count: int, seed: int) -> list[tuple[str, date]]:
    """``count`` articles of about 250–400 words with their publication dates, reproducibly."""
    data = _EN if language == "en" else _ES
    rng = random.Random(f"{seed}-{language}")
    articles = []
    for _ in range(count):
        published = date(2025, 1, 1) + timedelta(days=rng.randrange(400))
        day = published - timedelta(days=rng.randrange(1, 40))
        months = _MONTHS[language]
        day_text = (f"{months[day.month - 1]} {day.day}" if language == "en"
                    else f"{day.day} de {months[day.month - 1]}")

        def person() -> str:
            return f"{rng.choice(data['first'])} {rng.choice(data['last'])} {rng.choice(data['last'])}"

        values = {
            "n": rng.randrange(5, 60), "total": rng.randrange(60, 140), "kilos": rng.randrange(20, 1500),
            "percent": rng.randrange(20, 80), "year": rng.randrange(1985, 2024),
            "month": rng.choice(months), "ordinal": rng.choice(_ORDINALS[language]), "day_text": day_text,
        }
        sentences = []
        templates = data["templates"]
        # The dateline sentence leads; then the rest shuffled, and six more, so that each
        # article is a few hundred words.
        rest = templates[1:]
        for template in [templates[0], *rng.sample(rest, len(rest)), *rng.sample(rest, 6)]:
            fills = {key: rng.choice(data[key]) for key in ("group", "state", "city", "official",
                                                             "weekday", "words", "drug")}
            sentences.append(template.format(person=person(), person2=person(), **fills, **values))
        paragraphs = [" ".join(sentences[i:i + 2]) for i in range(0, len(sentences), 2)]
        articles.append(("\n\n".join(paragraphs), published))
    return articles


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
