"""The HTTP layer: a FastAPI app over the read API and the edit functions.

``create_app(db_url, token=None)`` is the entry point (``newsledger serve`` runs it with
uvicorn); ``server.api`` holds the JSON API, ``server.security`` the token, same-origin
and body-size rules.
"""
from __future__ import annotations

from newsledger.server.app import create_app

__all__ = ["create_app"]
