"""Hand-built inputs for the ingest tests: small articles in every format."""
from __future__ import annotations

ARTICLE_EN = (
    "Mexico transferred 37 people held in its prisons to the United States on Tuesday, "
    "the third such transfer in a year, the security cabinet said in a statement.\n"
    "The group included members of the Sinaloa Cartel who face charges of drug trafficking "
    "and money laundering in federal courts.\n"
    "Officials in Washington welcomed the move and said it showed the two governments were "
    "working together against organised crime."
)
ARTICLE_ES = (
    "México envió a 37 presos a Estados Unidos el martes, el tercer traslado de este tipo en "
    "un año, según informó el gabinete de seguridad en un comunicado.\n"
    "El grupo incluye a miembros del Cártel de Sinaloa que enfrentan cargos por narcotráfico y "
    "lavado de dinero en tribunales federales.\n"
    "Las autoridades de Washington celebraron la medida y dijeron que muestra que los dos "
    "gobiernos trabajan juntos contra el crimen organizado."
)


def html_page(body: str = ARTICLE_EN, *, published: str | None = "2026-01-20T14:30:00-06:00",
              title: str = "Mexico sends 37 prisoners to the US") -> str:
    """A small but realistic news page: navigation, an <article> of paragraphs, a footer."""
    meta = f'<meta property="article:published_time" content="{published}">' if published else ""
    paragraphs = "\n".join(f"<p>{line}</p>" for line in body.split("\n"))
    return f"""<!DOCTYPE html>
<html lang="en"><head><title>{title} | Example News</title>
<meta property="og:site_name" content="Example News">{meta}
<link rel="canonical" href="https://example.com/news/transfer">
</head><body>
<nav><a href="/">Home</a> <a href="/world">World</a> <a href="/sport">Sport</a></nav>
<article><h1>{title}</h1>
{paragraphs}
</article>
<footer>Copyright Example News. All rights reserved.</footer>
</body></html>
"""

