"""Merging event reports into a sourced ledger of real-world events.

The pure core (``Ledger``) holds reports, pairwise links, a person's decisions and the
records they resolve to; ``service`` persists it in the store and is what the CLI calls.
"""
from __future__ import annotations

from newsledger.ledger.claims import ClaimCheck, ClaimEntry
from newsledger.ledger.evidence import SURE, UNSURE, Score, compare
from newsledger.ledger.fields import Record, Statement
from newsledger.ledger.merging import Changes, Decision, Ledger, Link
from newsledger.ledger.reports import Report
from newsledger.ledger.series import Tally, TallyRow

__all__ = [
    "Changes", "ClaimCheck", "ClaimEntry", "Decision", "Ledger", "Link", "Record", "Report", "SURE",
    "Score", "Statement", "Tally", "TallyRow", "UNSURE", "compare",
]
