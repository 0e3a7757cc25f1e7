"""`trm-counter --headless script.json` end to end in its own process, and its script checks."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from central_api.consumers.models import Consumer
from central_api.org.models import Counter, Location
from counter_client import cli
from counter_client.headless import ScriptError, load_script
from tests.counter_client.sync.conftest import Centre

ROOT = Path(__file__).resolve().parents[3]


def _free_counter(centre: Centre) -> tuple[str, str]:
    rows = centre.query(
        select(Counter.code, Location.code)
        .join(Location, Location.id == Counter.location_id)
        .where(Counter.device_id.is_(None))
        .order_by(Counter.id.desc())
        .limit(1)
    )
    return str(rows[0][0]), str(rows[0][1])


def _script(centre: Centre, counter: str, location: str, rrs: list[str]) -> dict[str, Any]:
    cheque_date = (date.today() - timedelta(days=3)).isoformat()
    return {
        "store": "till/counter.db",
        "centre": {"urls": [centre.server.url], "ca_file": centre.server.ca_file},
        "counter": {"code": counter, "device_code": f"HL-{counter}"},
        "register": {
            "admin_username": "admin",
            "admin_password_env": "TRM_ADMIN_PASSWORD",
            "location_code": location,
        },
        "cashier": f"cashier.{location.lower()}.1",
        "pin_env": "TRM_PIN",
        "supervisor": f"supervisor.{location.lower()}",
        "steps": [
            {"action": "cash_in", "amount": "500", "note": "opening float"},
            {
                "action": "receipt",
                "ref": "first",
                "rr_number": rrs[0],
                "amount": "1,500.00",
                "payment": {"mode": "cash"},
            },
            {
                "action": "receipt",
                "rr_number": rrs[1],
                "amount_paise": 25_000,
                "payment": {"mode": "upi", "reference": "412345678901"},
            },
            {"action": "sync"},
            {
                "action": "receipt",
                "rr_number": rrs[0],
                "amount": "900",
                "payment": {
                    "mode": "cheque",
                    "number": "004512",
                    "bank": "Canara Bank",
                    "branch": "Mysuru Main",
                    "date": cheque_date,
                },
            },
            {"action": "cancel", "receipt": "first", "reason": "wrong consumer"},
            {"action": "reprint", "receipt": "first", "reason": "customer lost it"},
        ],
    }


def test_the_headless_driver_registers_syncs_takes_receipts_and_prints_a_summary(
    sqlite_centre: Centre, tmp_path: Path
) -> None:
    counter, location = _free_counter(sqlite_centre)
    # The company's first consumers, outside this counter's cache: looked up at the centre.
    rrs = [
        str(r[0])
        for r in sqlite_centre.query(select(Consumer.rr_number).order_by(Consumer.id).limit(2))
    ]
    before = {rr: sqlite_centre.balance(rr) for rr in rrs}
    script = tmp_path / "script.json"
    script.write_text(json.dumps(_script(sqlite_centre, counter, location, rrs)))
    env = {
        **os.environ,
        "PYTHON_KEYRING_BACKEND": "tests.support.memory_keyring.MemoryKeyring",
        "TRM_ADMIN_PASSWORD": sqlite_centre.password,
        "TRM_PIN": sqlite_centre.pin,
    }
    done = subprocess.run(
        [sys.executable, "-m", "counter_client.cli", "--headless", str(script)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    summary = json.loads(done.stdout)
    assert summary["error"] is None
    assert summary["counter_code"] == counter
    assert summary["receipts_taken"] == 3
    assert summary["receipts_paise"] == 150_000 + 25_000 + 90_000
    assert summary["cancellations"] == 1 and summary["cancelled_paise"] == 150_000
    assert summary["net_paise"] == 115_000
    assert summary["queue_length"] == 0
    # day open, cash in, 3 receipts, cancellation, reprint
    assert summary["highest_contiguous"] == 7
    assert summary["cashiers_active"] >= 2
    assert [r["cancelled"] for r in summary["receipts"]] == [True, False, False]
    assert sqlite_centre.held_sequences(counter) == list(range(1, 8))
    assert sqlite_centre.balance(rrs[0]) == before[rrs[0]] - 90_000
    assert sqlite_centre.balance(rrs[1]) == before[rrs[1]] - 25_000
    for secret_name in ("TRM_ADMIN_PASSWORD", "TRM_PIN"):
        assert env[secret_name] not in done.stdout + done.stderr
        for path in (tmp_path / "till").iterdir():
            assert env[secret_name].encode() not in path.read_bytes()


def _minimal(tmp_path: Path) -> dict[str, Any]:
    ca = tmp_path / "ca.pem"
    ca.write_text("not really a CA, but present")
    return {
        "store": "counter.db",
        "centre": {"urls": ["https://localhost:1"], "ca_file": str(ca)},
        "counter": {"code": "MYS001-1", "device_code": "PC-MYS001-1"},
        "cashier": "cashier.mys001.1",
        "steps": [],
    }


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"steps": [{"action": "dance"}]}, "steps[0]: Input tag 'dance' found"),
        (
            {"steps": [{"action": "receipt", "rr_number": "X1", "payment": {"mode": "cash"}}]},
            "give exactly one of amount (rupees) or amount_paise",
        ),
        (
            {"steps": [{"action": "cancel", "receipt": "r1", "reason": "x"}]},
            "a cancellation needs a supervisor",
        ),
        (
            {"steps": [{"action": "reprint", "receipt": "r1"}]},
            "steps[0].reprint.reason: Field required",
        ),
        ({"cashier": None}, "cashier: Input should be a valid string"),
        ({"colour": "blue"}, "colour: Extra inputs are not permitted"),
        (
            {
                "steps": [
                    {
                        "action": "receipt",
                        "rr_number": "X",
                        "amount": "1",
                        "payment": {"mode": "upi"},
                    }
                ]
            },
            "steps[0].receipt.payment.upi.reference: Field required",
        ),
    ],
)
def test_an_invalid_script_is_refused_naming_the_place(
    tmp_path: Path, change: dict[str, Any], message: str
) -> None:
    script = tmp_path / "script.json"
    script.write_text(json.dumps({**_minimal(tmp_path), **change}))
    with pytest.raises(ScriptError) as refused:
        load_script(script)
    assert message in str(refused.value)


def test_the_cli_exits_2_on_an_invalid_script_and_without_a_display(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    script = tmp_path / "script.json"
    script.write_text("{not json")
    assert cli.main(["--headless", str(script)]) == 2
    assert "not JSON" in capsys.readouterr().err
    bad_url = {**_minimal(tmp_path), "centre": {"urls": ["http://x"], "ca_file": "ca.pem"}}
    script.write_text(json.dumps(bad_url))
    assert cli.main(["--headless", str(script)]) == 2
    assert "is not an https:// URL" in capsys.readouterr().err
    # With no display at all (and no offscreen platform asked for), the app is not opened: Qt
    # would abort the whole process; the cashier is told why instead.
    for name in ("QT_QPA_PLATFORM", "DISPLAY", "WAYLAND_DISPLAY"):
        monkeypatch.delenv(name, raising=False)
    assert cli.main([]) == 2
    assert "no display to open the app on" in capsys.readouterr().err
