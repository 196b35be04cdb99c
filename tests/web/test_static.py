"""What the pages load is shipped in the package: htmx with its licence, no CDN anywhere."""
from __future__ import annotations

import hashlib
import re
from importlib import resources
from pathlib import Path

from markupsafe import Markup

from newsledger.web.templating import STATIC_DIR, environment


def test_htmx_is_shipped_with_its_licence_and_checksum() -> None:
    htmx = (STATIC_DIR / "htmx.min.js").read_bytes()
    licence = (STATIC_DIR / "htmx.LICENSE.txt").read_text(encoding="utf-8")
    assert "Zero-Clause BSD" in licence
    assert hashlib.sha256(htmx).hexdigest() in licence


def test_templates_load_nothing_from_elsewhere() -> None:
    templates = resources.files("newsledger.web") / "templates"
    for template in templates.iterdir():
        if template.name.endswith(".html"):
            html = template.read_text(encoding="utf-8")
            assert not re.search(r'(src|href)="(https?:)?//', html), template.name


def test_autoescape_is_on_for_every_template() -> None:
    env = environment()
    rendered = env.from_string("{{ value }}|{{ safe }}").render(value="<script>", safe=Markup("<b>ok</b>"))
    assert rendered == "&lt;script&gt;|<b>ok</b>"


def test_readme_shows_screenshots_the_browser_tests_take() -> None:
    root = Path(__file__).resolve().parents[2]
    readme = (root / "README.md").read_text(encoding="utf-8")
    shown = re.findall(r"\]\((docs/screenshots/[\w-]+\.png)\)", readme)
    assert len(shown) >= 8
    names = set()
    for test in (root / "tests" / "browser").glob("test_*.py"):
        names.update(re.findall(r'screenshot\(page, "([\w-]+)"\)', test.read_text(encoding="utf-8")))
    for path in shown:
        assert (root / path).is_file(), path
        assert Path(path).stem in names, f"{path} is not taken by a browser test"
