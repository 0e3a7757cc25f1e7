"""HTTPS to the centre: one session per centre URL, TLS 1.2+ against our CA, failing over.

A request goes to the URL in use. A connection error, a timeout, a TLS failure or a 5xx answer
moves on to the next URL in the configured order; any other answer (2xx, 3xx, 4xx) is returned
to the caller, since another site would say the same. After failing over the transport keeps to
the standby, but tries the primary first again once `primary_retry_s` has passed.
"""

from __future__ import annotations

import logging
import ssl
import threading
import time
from collections.abc import Callable, Mapping
from typing import Any

import requests
from requests.adapters import HTTPAdapter

from counter_client.sync.config import SyncConfig

__all__ = ["CentreUnreachable", "Transport", "tls_context"]

log = logging.getLogger(__name__)


class CentreUnreachable(Exception):
    """No centre URL answered usefully; the message says what each attempt met."""


def tls_context(ca_file: str) -> ssl.SSLContext:
    """Verify the centre against `ca_file` only (hostname included), TLS 1.2 or newer."""
    context = ssl.create_default_context(cafile=ca_file)
    context.minimum_version = ssl.TLSVersion.TLSv1_2
    return context


class _TlsAdapter(HTTPAdapter):
    """An adapter whose connections all use the given TLS context."""

    def __init__(self, context: ssl.SSLContext) -> None:
        self._context = context
        super().__init__(pool_connections=1, pool_maxsize=2, max_retries=0)

    def init_poolmanager(self, *args: Any, **kwargs: Any) -> None:
        kwargs["ssl_context"] = self._context
        super().init_poolmanager(*args, **kwargs)


def _session(ca_file: str) -> requests.Session:
    session = requests.Session()
    # Nothing from the environment (REQUESTS_CA_BUNDLE, proxies, .netrc) may change whom we
    # trust or where the journal goes.
    session.trust_env = False
    session.verify = ca_file
    session.mount("https://", _TlsAdapter(tls_context(ca_file)))
    session.mount("http://", _RefuseAdapter())
    return session


class _RefuseAdapter(HTTPAdapter):
    def send(self, *args: Any, **kwargs: Any) -> requests.Response:
        raise requests.ConnectionError("plain http is refused; the centre is reached over TLS")


def _describe(exc: requests.RequestException) -> str:
    if isinstance(exc, requests.exceptions.SSLError):
        return f"TLS failed (is the CA bundle right?): {exc}"
    if isinstance(exc, requests.Timeout):
        return f"timed out: {exc}"
    return f"could not connect: {exc}"


class Transport:
    """Requests to the centre, over the first URL that answers. Thread-safe."""

    def __init__(
        self,
        config: SyncConfig,
        *,
        monotonic: Callable[[], float] = time.monotonic,
    ) -> None:
        self._config = config
        self._urls = config.centre_urls
        self._monotonic = monotonic
        self._lock = threading.Lock()
        self._sessions = {url: _session(str(config.ca_file)) for url in self._urls}
        self._active = 0
        self._primary_tried_at = 0.0
        self.answers = 0
        """How many requests got an answer (of any status below 500): the centre is there."""

    @property
    def active_url(self) -> str:
        """The URL in use now."""
        return self._urls[self._active]

    @property
    def on_primary(self) -> bool:
        return self._active == 0

    def _order(self) -> list[int]:
        start = self._active
        due = self._monotonic() - self._primary_tried_at >= self._config.primary_retry_s
        if start != 0 and due:
            start = 0
        count = len(self._urls)
        return [(start + step) % count for step in range(count)]

    def request(
        self,
        method: str,
        path: str,
        *,
        json: Any = None,
        params: Mapping[str, str | int] | None = None,
        headers: Mapping[str, str] | None = None,
    ) -> requests.Response:
        """The first non-5xx answer from the URLs in order; raises CentreUnreachable if none."""
        with self._lock:
            order = self._order()
        problems: list[str] = []
        timeout = (self._config.connect_timeout_s, self._config.read_timeout_s)
        for index in order:
            url = self._urls[index]
            try:
                response = self._sessions[url].request(
                    method,
                    url + path,
                    json=json,
                    params=params,
                    headers=dict(headers or {}),
                    timeout=timeout,
                    allow_redirects=False,
                )
            except requests.RequestException as exc:
                problems.append(f"{url}: {_describe(exc)}")
                self._note_failure(index)
                continue
            if response.status_code >= 500:
                problems.append(f"{url}: HTTP {response.status_code}")
                response.close()
                self._note_failure(index)
                continue
            self._note_success(index)
            return response
        raise CentreUnreachable("; ".join(problems))

    def _note_failure(self, index: int) -> None:
        with self._lock:
            if index == 0:
                self._primary_tried_at = self._monotonic()

    def _note_success(self, index: int) -> None:
        with self._lock:
            self.answers += 1
            if index != self._active:
                log.info("centre now at %s", self._urls[index])
            self._active = index

    def close(self) -> None:
        """Close every session's connections."""
        for session in self._sessions.values():
            session.close()
