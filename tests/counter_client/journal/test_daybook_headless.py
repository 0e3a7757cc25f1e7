"""The headless driver closes shifts and the day book and records a remittance."""

from __future__ import annotations

import json
import os
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from central_api.consumers.models import Consumer
from central_api.org.models import Counter, Location
from counter_client.headless import ScriptError, load_script, run_script
from tests.counter_client.sync.conftest import Centre, sqlite_centre  # noqa: F401


def _counter(centre: Centre) -> tuple[str, str]:
    rows = centre.query(
        select(Counter.code, Location.code)
        .join(Location, Location.id == Counter.location_id)
        .where(Counter.device_id.is_(None))
        .order_by(Counter.id.desc())
        .limit(1)
    )
    return str(rows[0][0]), str(rows[0][1])


def test_a_script_closes_the_day_and_remits_it(
    sqlite_centre: Centre,  # noqa: F811
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    counter, location = _counter(sqlite_centre)
    monkeypatch.setenv("TRM_ADMIN_PASSWORD", sqlite_centre.password)
    rr = str(sqlite_centre.query(select(Consumer.rr_number).limit(1))[0][0])
    cheque_date = (date.today() - timedelta(days=2)).isoformat()
    raw: dict[str, Any] = {
        "store": "till/counter.db",
        "centre": {"urls": [sqlite_centre.server.url], "ca_file": sqlite_centre.server.ca_file},
        "counter": {"code": counter, "device_code": f"DB-{counter}"},
        "register": {
            "admin_username": "admin",
            "admin_password_env": "TRM_ADMIN_PASSWORD",
            "location_code": location,
        },
        "cashier": f"cashier.{location.lower()}.1",
        "supervisor": f"supervisor.{location.lower()}",
        "steps": [
            {"action": "receipt", "rr_number": rr, "amount": "1,500", "payment": {"mode": "cash"}},
            {
                "action": "receipt",
                "ref": "chq",
                "rr_number": rr,
                "amount": "900",
                "payment": {
                    "mode": "cheque",
                    "number": "004512",
                    "bank": "Canara Bank",
                    "branch": "Mysuru Main",
                    "date": cheque_date,
                },
            },
            {"action": "close_day"},
        ],
    }
    script = tmp_path / "script.json"
    script.write_text(json.dumps(raw))
    summary = run_script(*load_script(script))
    assert summary["error"] is not None and "close the shifts of" in summary["error"]

    raw["steps"] = [
        {"action": "close_shift", "cash_counted": "1,400", "reason": "₹100 short in change"},
        {"action": "close_day"},
        {
            "action": "remittance",
            "bank": "State Bank of India",
            "account_number": "0000123456",
            "slip_number": "PIS-0042",
        },
        {"action": "sync"},
    ]
    del raw["register"]
    script.write_text(json.dumps(raw))
    summary = run_script(*load_script(script))
    assert summary["error"] is None, summary["error"]
    (closing,) = summary["shift_closings"]
    assert closing["over_short_paise"]["cash"] == -10_000
    assert closing["counted_paise"]["cheque"] == 90_000
    (remitted,) = summary["remittances"]
    assert (remitted["cash_paise"], remitted["cheque_paise"]) == (140_000, 90_000)
    assert summary["open_business_date"] is None
    # The closings and the remittance went to the centre like receipts, and were taken.
    assert summary["queue_length"] == 0
    assert all(not sync["refused"] for sync in summary["syncs"])
    assert os.environ["TRM_ADMIN_PASSWORD"] not in json.dumps(summary)


def test_closing_steps_need_a_supervisor(tmp_path: Path) -> None:
    ca = tmp_path / "ca.pem"
    ca.write_text("x")
    raw = {
        "store": "counter.db",
        "centre": {"urls": ["https://localhost:1"], "ca_file": str(ca)},
        "counter": {"code": "MYS001-1", "device_code": "PC-MYS001-1"},
        "cashier": "cashier.mys001.1",
        "steps": [{"action": "close_shift"}],
    }
    script = tmp_path / "script.json"
    script.write_text(json.dumps(raw))
    with pytest.raises(ScriptError, match="a shift closing needs a supervisor"):
        load_script(script)
    raw["steps"] = [
        {"action": "close_shift", "denominations": {"note_500": 1}, "cash_counted": "5"}
    ]
    script.write_text(json.dumps(raw))
    with pytest.raises(ScriptError, match="denominations or cash_counted"):
        load_script(script)
