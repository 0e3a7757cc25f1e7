"""The reconciliation's service functions, in one place for routes and the web pages.

Each takes the session first and the rest by keyword, runs in the caller's transaction and
raises central_api.errors on a refusal (naming the field). Reads: `grid`, `cell_detail`,
`unmatched_credits`, `pending_suspense_transfers`, `pending_account_transfers`, `open_conflicts`.
Writes (call inside `write_transaction`): `import_statement`, `auto_match`, `match`, `unmatch`,
`return_cheque`, `ask_suspense_transfer`, `decide_suspense_transfer`, `ask_account_transfer`,
`decide_account_transfer`, `resolve_conflict`.
"""

from __future__ import annotations

from central_api.reconciliation.bank_csv import PROFILES, ColumnMapping
from central_api.reconciliation.config import ReconSettings
from central_api.reconciliation.corrections import (
    ask_account_transfer,
    ask_suspense_transfer,
    decide_account_transfer,
    decide_suspense_transfer,
    pending_account_transfers,
    pending_suspense_transfers,
)
from central_api.reconciliation.dishonour import return_cheque
from central_api.reconciliation.drill import cell_detail
from central_api.reconciliation.grid import grid, month_range, unmatched_credits
from central_api.reconciliation.quarantine import open_conflicts, resolve_conflict
from central_api.reconciliation.statements import auto_match, import_statement, match, unmatch

__all__ = [
    "PROFILES",
    "ColumnMapping",
    "ReconSettings",
    "ask_account_transfer",
    "ask_suspense_transfer",
    "auto_match",
    "cell_detail",
    "decide_account_transfer",
    "decide_suspense_transfer",
    "grid",
    "import_statement",
    "match",
    "month_range",
    "open_conflicts",
    "pending_account_transfers",
    "pending_suspense_transfers",
    "resolve_conflict",
    "return_cheque",
    "unmatch",
    "unmatched_credits",
]
