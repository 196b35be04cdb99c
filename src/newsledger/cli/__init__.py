"""The ``newsledger`` command line: parse arguments, call the library, report errors.

A thin layer by design: every command is a few lines over ``newsledger``'s library API,
so that anything the CLI does can also be done from Python. Library modules are imported
inside the commands, so that ``newsledger --help`` answers without loading spaCy.
"""
from __future__ import annotations

from newsledger.cli.app import app
from newsledger.cli import decisions as _decisions  # noqa: F401  (registers commands)
from newsledger.cli import documents as _documents  # noqa: F401  (registers commands)
from newsledger.cli import importing as _importing  # noqa: F401  (registers commands)
from newsledger.cli import ledger as _ledger  # noqa: F401  (registers commands)
from newsledger.cli import serve as _serve  # noqa: F401  (registers commands)
from newsledger.cli import stored as _stored  # noqa: F401  (registers commands)
from newsledger.cli import watch as _watch  # noqa: F401  (registers commands)

__all__ = ["app", "main"]


def main() -> None:
    """Console-script entry point (``newsledger`` in pyproject.toml)."""
    app()
