"""Synthetic news articles for the benchmarks (``throughput.py``, ``scale.py``).

Template sentences in English and Spanish with varied names, numbers and dates: a few
hundred words an article, reproducible from a seed. The benchmarks run as scripts, so
this folder is on ``sys.path`` and they import it as ``articles``.
"""
from __future__ import annotations

import random
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
