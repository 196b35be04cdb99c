"""Running the Alembic migrations from inside the package.

The migration scripts ship with the package (``store/migrations``), so opening a
database brings it to the current schema with no ``alembic.ini`` and no command to
remember. For writing a new migration, ``alembic_config(url)`` gives a configuration
that Alembic's own commands accept, e.g.::

    from alembic import command
    command.revision(alembic_config("sqlite:///dev.db"), "ledger tables",
                     autogenerate=True, rev_id="0002")
"""
from __future__ import annotations

import os
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy.engine import Engine

MIGRATIONS = Path(__file__).with_name("migrations")
PACKAGE = Path(__file__).resolve().parent.parent


def version_locations() -> list[Path]:
    """Where revision scripts live: ``store/migrations/versions`` and ``<module>/migrations``.

    Another module (the ledger) can thus keep the migration of its own tables beside
    them, in one revision chain (its first script names "0001" as ``down_revision``).
    """
    others = sorted(folder for folder in PACKAGE.glob("*/migrations")
                    if folder.is_dir() and folder.parent.name != "store" and any(folder.glob("*.py")))
    return [MIGRATIONS / "versions", *others]


def alembic_config(url: str | None = None) -> Config:
    """An Alembic configuration pointing at the packaged migrations."""
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.set_main_option("path_separator", "os")
    config.set_main_option("version_locations", os.pathsep.join(str(p) for p in version_locations()))
    if url is not None:
        # The configuration is a ConfigParser: '%' must be doubled to survive interpolation.
        config.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    return config


def head_revision() -> str | None:
    """The newest revision the package ships."""
    return ScriptDirectory.from_config(alembic_config()).get_current_head()


def current_revision(engine: Engine) -> str | None:
    """The revision the database is at (``None`` for an empty database)."""
    with engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()


def upgrade(engine: Engine, revision: str = "head") -> None:
    """Brings the database to ``revision`` in one transaction, on the engine's own connection."""
    if revision == "head" and current_revision(engine) == head_revision():
        return
    config = alembic_config()
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, revision)
