"""newsledger: a sourced ledger of real-world events from news reports."""
from __future__ import annotations

__version__ = "0.1.0"
