"""The centre's sync API as calls: a device token, push, pull, the pay-anywhere look-up, and
uploading a fingerprint enrolled at this counter.

The token is kept only in memory. A 401 means it expired or was revoked: the client fetches a
new one with the device secret and repeats the request once.
"""

from __future__ import annotations

import base64
import threading
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any
from urllib.parse import quote

import requests
from pydantic import ValidationError

from common.sync_protocol import PullPage, PushBatch, PushResponse
from counter_client.sync.config import SyncConfig
from counter_client.sync.credentials import DeviceSecrets
from counter_client.sync.transport import Transport

__all__ = [
    "CentreProtocolError",
    "CentreRefused",
    "CentreClient",
    "DeviceRefused",
    "RemoteConsumer",
    "VerifiedOfficer",
]

_RENEW_BEFORE = timedelta(seconds=60)


class CentreRefused(Exception):
    """The centre answered with an error (4xx); `problems` are its (field, reason) pairs."""

    def __init__(self, status: int, problems: list[tuple[str | None, str]], what: str) -> None:
        self.status = status
        self.problems = problems
        text = "; ".join(f"{f}: {r}" if f else r for f, r in problems) or "no detail"
        super().__init__(f"{what}: the centre answered {status}: {text}")

    def about(self, field: str) -> bool:
        """True if one of the problems names `field`."""
        return any(f == field for f, _ in self.problems)


class DeviceRefused(CentreRefused):
    """The centre would not give this device a token (wrong secret, or the device was revoked)."""


class CentreProtocolError(Exception):
    """The centre's answer was not what the protocol says it should be."""


@dataclass(frozen=True)
class RemoteConsumer:
    """A consumer as the centre holds them now (pay anywhere): who they are and what they owe."""

    rr_number: str
    account_id: str | None
    name_en: str
    name_kn: str | None
    address: str
    tariff_category: str
    connection_status: str
    balance_paise: int
    looked_up_at: datetime


@dataclass(frozen=True)
class VerifiedOfficer:
    """Someone the centre signed in just now whose scope covers this counter (e.g. to reopen)."""

    username: str
    role: str
    user_id: int | None
    verified_at: datetime


_OFFICER_ROLES = frozenset({"accounts_officer", "admin"})


def _problems(response: requests.Response) -> list[tuple[str | None, str]]:
    try:
        detail = response.json().get("detail")
    except (ValueError, AttributeError):
        return [(None, response.text[:300])]
    if isinstance(detail, list):
        found: list[tuple[str | None, str]] = []
        for item in detail:
            if isinstance(item, dict):
                field = item.get("field")
                found.append((str(field) if field else None, str(item.get("reason", item))))
        return found
    return [(None, str(detail)[:300])]


def _json(response: requests.Response, what: str) -> Any:
    try:
        return response.json()
    except ValueError:
        raise CentreProtocolError(f"{what}: the centre's answer is not JSON") from None


class CentreClient:
    """Authenticated calls to the centre for one counter device."""

    def __init__(
        self,
        config: SyncConfig,
        transport: Transport,
        secrets: DeviceSecrets,
        *,
        utcnow: Callable[[], datetime] = lambda: datetime.now(UTC),
    ) -> None:
        self._config = config
        self._transport = transport
        self._secrets = secrets
        self._utcnow = utcnow
        self._lock = threading.Lock()
        self._token: str | None = None
        self._expires_at: datetime | None = None

    # -- the token ------------------------------------------------------------------------

    def _fresh_token(self) -> str:
        with self._lock:
            expires = self._expires_at
            if self._token is not None and (
                expires is None or expires - _RENEW_BEFORE > self._utcnow()
            ):
                return self._token
        return self._obtain_token()

    def _obtain_token(self) -> str:
        secret = self._secrets.load(self._config.device_code)
        response = self._transport.request(
            "POST",
            "/api/v1/auth/device-token",
            json={"device_code": self._config.device_code, "secret": secret},
        )
        del secret
        if response.status_code != 200:
            raise DeviceRefused(response.status_code, _problems(response), "device sign-in")
        body = _json(response, "device sign-in")
        try:
            token = str(body["token"])
            expires = datetime.fromisoformat(str(body["expires_at"]).replace("Z", "+00:00"))
        except (KeyError, TypeError, ValueError):
            raise CentreProtocolError("device sign-in: no token in the centre's answer") from None
        with self._lock:
            self._token, self._expires_at = token, expires
        return token

    def forget_token(self) -> None:
        """Drop the token held in memory; the next call signs in again."""
        with self._lock:
            self._token, self._expires_at = None, None

    def _authorised(
        self,
        method: str,
        path: str,
        *,
        json: Any = None,
        params: dict[str, str | int] | None = None,
    ) -> requests.Response:
        for attempt in (1, 2):
            token = self._fresh_token()
            response = self._transport.request(
                method, path, json=json, params=params, headers={"Authorization": f"Bearer {token}"}
            )
            if response.status_code != 401 or attempt == 2:
                return response
            # Expired or revoked: sign in again with the secret and repeat once.
            self.forget_token()
        raise AssertionError("unreachable")

    # -- the calls ------------------------------------------------------------------------

    def push(self, batch: PushBatch) -> PushResponse:
        """Send one batch; the centre's per-entry answer."""
        response = self._authorised("POST", "/api/v1/sync/push", json=batch.model_dump(mode="json"))
        if response.status_code != 200:
            raise CentreRefused(response.status_code, _problems(response), "push")
        try:
            return PushResponse.model_validate(_json(response, "push"))
        except ValidationError as exc:
            raise CentreProtocolError(f"push: the centre's answer does not parse: {exc}") from None

    def pull(self, stream: str, cursor: str, limit: int) -> PullPage:
        """One page of `stream` after `cursor`."""
        response = self._authorised(
            "GET",
            "/api/v1/sync/pull",
            params={"stream": stream, "cursor": cursor, "limit": limit},
        )
        if response.status_code != 200:
            raise CentreRefused(response.status_code, _problems(response), f"pull {stream}")
        try:
            return PullPage.model_validate(_json(response, f"pull {stream}"))
        except ValidationError as exc:
            raise CentreProtocolError(f"pull {stream}: the page does not parse: {exc}") from None

    def upload_fingerprint(
        self, username: str, template: bytes, *, supervisor: str, supervisor_pin: str
    ) -> None:
        """Send a finger enrolled here to the centre, with the enrolling supervisor's PIN.

        The centre checks the PIN and that both people work at this counter's location; a
        refusal raises `CentreRefused` naming the field (e.g. "supervisor_pin").
        """
        body = {
            "template": base64.b64encode(template).decode("ascii"),
            "supervisor": supervisor,
            "supervisor_pin": supervisor_pin,
        }
        response = self._authorised(
            "PUT", f"/api/v1/users/{quote(username, safe='')}/fingerprint", json=body
        )
        if response.status_code != 200:
            raise CentreRefused(response.status_code, _problems(response), "fingerprint upload")

    def verify_officer(self, username: str, password: str) -> VerifiedOfficer:
        """Sign an officer in at the centre and check they may act for this counter.

        The officer's role must be accounts_officer or admin and their scope must cover this
        counter's location (the device's own scope); their token is used for these reads only
        and signed out at once. A refusal raises `CentreRefused` naming "officer" or the
        centre's field ("password", "username").
        """
        response = self._transport.request(
            "POST", "/api/v1/auth/login", json={"username": username, "password": password}
        )
        del password
        if response.status_code != 200:
            raise CentreRefused(response.status_code, _problems(response), "officer sign-in")
        token = str(_json(response, "officer sign-in").get("token", ""))
        if not token:
            raise CentreProtocolError("officer sign-in: no token in the centre's answer")
        officer = {"Authorization": f"Bearer {token}"}
        try:
            me = _json(self._transport.request("GET", "/api/v1/auth/me", headers=officer), "me")
            units = self._transport.request("GET", "/api/v1/org/units", headers=officer)
            counter = self._authorised("GET", "/api/v1/auth/me")
            counter_unit = _json(counter, "counter me").get("scope_unit_id")
            covered = units.status_code == 200 and any(
                isinstance(u, dict) and u.get("id") == counter_unit
                for u in _json(units, "org units")
            )
        finally:
            self._transport.request("POST", "/api/v1/auth/logout", headers=officer)
        role = str(me.get("actor", ""))
        if role not in _OFFICER_ROLES:
            raise CentreRefused(
                403,
                [
                    (
                        "officer",
                        f"{username} is a {role or 'user'}; an accounts officer or admin is needed",
                    )
                ],
                "officer check",
            )
        if not covered:
            raise CentreRefused(
                403,
                [("officer", f"{username}'s scope does not cover this counter")],
                "officer check",
            )
        user_id = me.get("user_id")
        return VerifiedOfficer(
            username=str(me.get("name", username)),
            role=role,
            user_id=user_id if isinstance(user_id, int) else None,
            verified_at=self._utcnow(),
        )

    def consumer(self, rr_number: str) -> RemoteConsumer | None:
        """The consumer with this RR number anywhere in the company, or None if there is none."""
        response = self._authorised("GET", f"/api/v1/consumers/{rr_number}")
        if response.status_code == 404:
            return None
        if response.status_code != 200:
            raise CentreRefused(response.status_code, _problems(response), "consumer look-up")
        body = _json(response, "consumer look-up")
        try:
            balance = body["balance_paise"]
            if isinstance(balance, bool) or not isinstance(balance, int):
                raise TypeError("balance_paise must be whole paise")
            return RemoteConsumer(
                rr_number=str(body["rr_number"]),
                account_id=body.get("account_id"),
                name_en=str(body["name_en"]),
                name_kn=body.get("name_kn"),
                address=str(body["address"]),
                tariff_category=str(body["tariff_category"]),
                connection_status=str(body.get("connection_status", "")),
                balance_paise=balance,
                looked_up_at=self._utcnow(),
            )
        except (KeyError, TypeError) as exc:
            raise CentreProtocolError(f"consumer look-up: unexpected answer ({exc})") from None
