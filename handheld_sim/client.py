"""The handheld's HTTP client: device sign-in, route download, uploads, retried with backoff.

`flaky` makes the connection fail like a mobile link on a walk: some requests never reach the
centre, and some reach it but the answer is lost, so the device sends the same batch again.
"""

from __future__ import annotations

import random
import time
from dataclasses import dataclass
from typing import Any

import requests
from requests.adapters import HTTPAdapter

API = "/api/v1"


class FlakyAdapter(HTTPAdapter):
    """Drops a share of requests before sending, and loses the answer of as many after."""

    def __init__(self, share: float, rng: random.Random) -> None:
        super().__init__()
        self.share = share
        self.rng = rng

    def send(self, request: requests.PreparedRequest, *args: Any, **kwargs: Any) -> Any:
        roll = self.rng.random()
        if roll < self.share / 2:
            raise requests.ConnectionError("simulated: no signal, the request was not sent")
        response = super().send(request, *args, **kwargs)
        if roll < self.share:
            raise requests.ReadTimeout("simulated: the answer was lost on the way back")
        return response


class Refused(Exception):
    """The centre answered with a refusal (4xx) that sending again will not change."""

    def __init__(self, status: int, detail: Any) -> None:
        super().__init__(f"{status}: {detail}")
        self.status = status
        self.detail = detail


@dataclass
class Counters:
    requests: int = 0
    retries: int = 0


class Client:
    """Talks to the centre as one registered spot-billing device."""

    def __init__(
        self,
        base_url: str,
        *,
        ca_file: str | bool = True,
        flaky: float = 0.0,
        seed: int = 1,
        attempts: int = 10,
        backoff_s: float = 0.2,
        timeout_s: float = 30.0,
    ) -> None:
        self.base = base_url.rstrip("/") + API
        self.session = requests.Session()
        # Passed with each request: requests lets REQUESTS_CA_BUNDLE override a session's verify.
        self.verify = ca_file
        self.rng = random.Random(seed)
        if flaky:
            adapter = FlakyAdapter(flaky, random.Random(seed + 1))
            self.session.mount("https://", adapter)
            self.session.mount("http://", adapter)
        self.attempts = attempts
        self.backoff_s = backoff_s
        self.timeout_s = timeout_s
        self.counters = Counters()

    def _wait(self, attempt: int) -> None:
        """Truncated exponential backoff with full jitter, so handhelds do not retry in step."""
        ceiling = min(5.0, self.backoff_s * 2**attempt)
        time.sleep(self.rng.uniform(0, ceiling))

    def call(self, method: str, path: str, **kwargs: Any) -> Any:
        """Send until answered; 5xx and lost connections are retried, 4xx are raised as Refused."""
        last: Exception | None = None
        for attempt in range(self.attempts):
            if attempt:
                self.counters.retries += 1
                self._wait(attempt)
            self.counters.requests += 1
            try:
                response = self.session.request(
                    method, self.base + path, timeout=self.timeout_s, verify=self.verify, **kwargs
                )
            except requests.RequestException as error:
                last = error
                continue
            if response.status_code >= 500:
                last = RuntimeError(f"{response.status_code} from the centre")
                continue
            if response.status_code >= 400:
                raise Refused(response.status_code, response.json().get("detail"))
            return response.json()
        raise ConnectionError(f"gave up after {self.attempts} attempts: {last}")

    def sign_in(self, device_code: str, secret: str) -> None:
        answer = self.call(
            "POST", "/auth/device-token", json={"device_code": device_code, "secret": secret}
        )
        self.session.headers["Authorization"] = f"Bearer {answer['token']}"

    def download(self, route_code: str, cycle: str) -> dict[str, Any]:
        return dict(self.call("GET", f"/spot-billing/routes/{route_code}/cycles/{cycle}"))

    def upload(self, route_code: str, cycle: str, readings: list[dict[str, Any]]) -> dict[str, Any]:
        path = f"/spot-billing/routes/{route_code}/cycles/{cycle}/readings"
        return dict(self.call("POST", path, json={"readings": readings}))

    def photo(self, route_code: str, cycle: str, rr_number: str, jpeg: bytes) -> dict[str, Any]:
        path = f"/spot-billing/routes/{route_code}/cycles/{cycle}/readings/{rr_number}/photo"
        return dict(self.call("PUT", path, data=jpeg, headers={"Content-Type": "image/jpeg"}))

    def progress(self, route_code: str, cycle: str) -> dict[str, Any]:
        return dict(self.call("GET", f"/spot-billing/routes/{route_code}/cycles/{cycle}/progress"))
