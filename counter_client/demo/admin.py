"""The centre's admin API as the demo uses it: sign in, add a counter, read what the centre holds.

Only HTTPS calls with the local CA (the counter never imports the centre's code).
"""

from __future__ import annotations

import contextlib
from datetime import date
from pathlib import Path
from types import TracebackType
from typing import Any
from urllib.parse import quote

import requests

from counter_client.demo.processes import DemoError

__all__ = ["CentreAdmin", "read_credentials"]

TIMEOUT_S = 20.0


def read_credentials(path: Path) -> dict[str, str]:
    """`name = value` lines of the centre's demo-credentials.txt (owner-only; never printed)."""
    values: dict[str, str] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("#") or "=" not in line:
            continue
        name, _, value = line.partition("=")
        values[name.strip()] = value.strip()
    for needed in ("password", "pin", "admin", "cashier", "supervisor"):
        if needed not in values:
            raise DemoError(f"{path}: no {needed!r} line; remove the centre's folder and rerun")
    return values


class CentreAdmin:
    """One signed-in admin session at the centre; `close` signs out."""

    def __init__(self, url: str, ca_file: str, username: str, password: str) -> None:
        self.url = url.rstrip("/")
        self.ca_file = ca_file  # given on each call: REQUESTS_CA_BUNDLE would beat a session's
        self.http = requests.Session()
        signed_in = self.http.post(
            f"{self.url}/api/v1/auth/login",
            json={"username": username, "password": password},
            timeout=TIMEOUT_S,
            verify=ca_file,
        )
        if signed_in.status_code != 200:
            raise DemoError(f"the centre refused the admin sign-in ({signed_in.status_code})")
        self.http.headers["Authorization"] = f"Bearer {signed_in.json()['token']}"

    def __enter__(self) -> CentreAdmin:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        self.close()

    def close(self) -> None:
        # The centre may be gone already; the token then expires on its own.
        with contextlib.suppress(requests.RequestException):
            self.http.post(f"{self.url}/api/v1/auth/logout", timeout=TIMEOUT_S, verify=self.ca_file)
        self.http.close()

    def _get(self, path: str, **params: Any) -> Any:
        answer = self.http.get(
            f"{self.url}/api/v1{path}", params=params, timeout=TIMEOUT_S, verify=self.ca_file
        )
        if answer.status_code != 200:
            raise DemoError(f"GET {path}: the centre answered {answer.status_code}: {answer.text}")
        return answer.json()

    def location_of(self, username: str) -> str:
        """The code of the location where `username` works."""
        users = {u["username"]: u for u in self._get("/users")}
        user = users.get(username)
        if user is None or user["location_id"] is None:
            raise DemoError(f"the centre has no user {username} working at a location")
        codes = {loc["id"]: loc["code"] for loc in self._get("/org/locations")}
        return str(codes[user["location_id"]])

    def add_counter(self, location_code: str) -> str:
        """Add a new counter at the location for this demo run; returns its code."""
        path = f"/org/locations/{quote(location_code, safe='')}/counters"
        taken = {c["code"] for c in self._get(path)}
        number = 1
        while f"{location_code}-D{number}" in taken:
            number += 1
        code = f"{location_code}-D{number}"
        made = self.http.post(
            f"{self.url}/api/v1{path}", json={"code": code}, timeout=TIMEOUT_S, verify=self.ca_file
        )
        if made.status_code != 201:
            raise DemoError(f"the centre refused counter {code} ({made.status_code}): {made.text}")
        return code

    def receipts_held(self, counter_code: str, business_date: date) -> list[dict[str, Any]]:
        """The receipts the centre holds from this counter for this business date."""
        cell = self._get(
            f"/reconciliation/cells/{quote(counter_code, safe='')}/{business_date.isoformat()}"
        )
        return [r for r in cell["receipts"] if r["kind"] == "receipt"]
