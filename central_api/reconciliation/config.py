"""Settings of reconciliation and dishonour, each from a TRM_* variable with a default.

* ``TRM_RETURNED_CHEQUE_CHARGE_PAISE``: the charge posted to an account for a cheque or draft the
  bank returns. KERC's schedule of charges (Conditions of Supply, chapter VIII) is where the
  tariff order's figure lives; it could not be checked here, so the default of Rs 500 is a
  placeholder, UNCONFIRMED: set the figure of the order in force.
* ``TRM_CASH_ONLY_AFTER_RETURNS``: returned cheques after which an account is flagged cash-only (2).
* ``TRM_BANK_MATCH_WORKING_DAYS``: how many working days after the slip's deposit date a bank
  credit may carry and still be matched automatically (3); Sundays and the second and fourth
  Saturdays (bank holidays in India) are not working days.
* ``TRM_MAX_STATEMENT_BYTES``: the largest statement file taken (2 MiB).
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import date, timedelta


@dataclass(frozen=True)
class ReconSettings:
    returned_cheque_charge_paise: int = 500_00
    cash_only_after_returns: int = 2
    bank_match_working_days: int = 3
    max_statement_bytes: int = 2 * 1024 * 1024

    @classmethod
    def from_env(cls, environ: dict[str, str] | None = None) -> ReconSettings:
        env = dict(os.environ if environ is None else environ)
        d = cls()
        return cls(
            returned_cheque_charge_paise=int(
                env.get("TRM_RETURNED_CHEQUE_CHARGE_PAISE", d.returned_cheque_charge_paise)
            ),
            cash_only_after_returns=int(
                env.get("TRM_CASH_ONLY_AFTER_RETURNS", d.cash_only_after_returns)
            ),
            bank_match_working_days=int(
                env.get("TRM_BANK_MATCH_WORKING_DAYS", d.bank_match_working_days)
            ),
            max_statement_bytes=int(env.get("TRM_MAX_STATEMENT_BYTES", d.max_statement_bytes)),
        )


def is_bank_working_day(day: date) -> bool:
    """Not a Sunday, nor the second or fourth Saturday of its month."""
    if day.weekday() == 6:
        return False
    if day.weekday() == 5:
        nth = (day.day - 1) // 7 + 1
        return nth not in (2, 4)
    return True


def window_end(deposited: date, working_days: int) -> date:
    """The last day a credit for a slip deposited on `deposited` may carry."""
    day, left = deposited, working_days
    while left > 0:
        day += timedelta(days=1)
        if is_bank_working_day(day):
            left -= 1
    return day
