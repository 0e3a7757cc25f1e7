"""The cutting proxy itself: it passes TLS through untouched, and cuts exactly the response.

A small HTTPS server that answers after a pause stands in for the centre, so a cut that fell on
the TLS 1.3 session tickets (sent at once) instead of the response (sent after the pause) shows.
"""

from __future__ import annotations

import ssl
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
import requests

from central_api.tls import make_local_ca
from tests.support.cutting_proxy import CuttingProxy

PAUSE = 0.15


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    received: list[int]


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"  # keep-alive, as the counter's session uses

    def do_POST(self) -> None:  # noqa: N802 (http.server's naming)
        body = self.rfile.read(int(self.headers["Content-Length"]))
        assert isinstance(self.server, _Server)
        self.server.received.append(len(body))
        time.sleep(PAUSE)
        answer = b'{"ok": true}'
        self.send_response(200)
        self.send_header("Content-Length", str(len(answer)))
        self.end_headers()
        self.wfile.write(answer)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture(params=["TLSv1_3", "TLSv1_2", "plain"])
def server(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[tuple[_Server, str | None]]:
    httpd = _Server(("127.0.0.1", 0), _Handler)
    httpd.received = []
    ca: str | None = None
    if request.param != "plain":
        files = make_local_ca(tmp_path / "tls")
        context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        context.load_cert_chain(files.server_cert, files.server_key)
        context.maximum_version = getattr(ssl.TLSVersion, request.param)
        httpd.socket = context.wrap_socket(httpd.socket, server_side=True)
        ca = str(files.ca_cert)
    thread = threading.Thread(target=httpd.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    yield httpd, ca
    httpd.shutdown()
    httpd.server_close()


@pytest.fixture
def proxy(server: tuple[_Server, str | None]) -> Iterator[CuttingProxy]:
    with CuttingProxy(server[0].server_address[1]) as running:
        yield running


def _session(ca: str | None) -> requests.Session:
    http = requests.Session()
    http.trust_env = False  # REQUESTS_CA_BUNDLE would override the session's CA
    http.verify = ca or True
    return http


def _base(proxy: CuttingProxy, ca: str | None) -> str:
    return proxy.url("https" if ca else "http")


def test_passes_requests_through_on_one_kept_alive_connection(
    proxy: CuttingProxy, server: tuple[_Server, str | None]
) -> None:
    httpd, ca = server
    with _session(ca) as http:
        for size in (10, 5000, 100_000):
            reply = http.post(f"{_base(proxy, ca)}/x", data=b"x" * size, timeout=5)
            assert reply.json() == {"ok": True}
    assert httpd.received == [10, 5000, 100_000]
    assert proxy.connections == 1 and proxy.requests_forwarded == 3 and proxy.cuts == 0


def test_cuts_the_response_after_the_request_reached_the_server(
    proxy: CuttingProxy, server: tuple[_Server, str | None]
) -> None:
    httpd, ca = server
    proxy.cut_responses(1)
    started = time.monotonic()
    with _session(ca) as http, pytest.raises(requests.ConnectionError):
        http.post(f"{_base(proxy, ca)}/x", data=b"y" * 2000, timeout=5)
    # The server had the whole request and had answered it: the cut fell on the response.
    assert time.monotonic() - started >= PAUSE
    assert httpd.received == [2000]
    assert proxy.wait_for_cuts(1, timeout=2) and proxy.cuts == 1
    with _session(ca) as http:  # one cut only, then everything passes again
        assert http.post(f"{_base(proxy, ca)}/x", data=b"z", timeout=5).ok


def test_cuts_only_requests_as_large_as_asked_after_sparing_some_on_a_kept_alive_connection(
    proxy: CuttingProxy, server: tuple[_Server, str | None]
) -> None:
    httpd, ca = server
    proxy.cut_responses(1, min_request_bytes=1500, after=1)
    with _session(ca) as http:
        assert http.post(f"{_base(proxy, ca)}/x", data=b"a" * 20, timeout=5).ok  # too small
        assert http.post(f"{_base(proxy, ca)}/x", data=b"b" * 3000, timeout=5).ok  # spared
        with pytest.raises(requests.ConnectionError):
            http.post(f"{_base(proxy, ca)}/x", data=b"c" * 3000, timeout=5)
        assert http.post(f"{_base(proxy, ca)}/x", data=b"d" * 3000, timeout=5).ok
    assert httpd.received == [20, 3000, 3000, 3000]
    assert proxy.wait_for_cuts(1, timeout=2) and proxy.cuts == 1


def test_drop_everything_refuses_at_once_and_pass_through_restores(
    proxy: CuttingProxy, server: tuple[_Server, str | None]
) -> None:
    httpd, ca = server
    proxy.drop_everything()
    started = time.monotonic()
    with _session(ca) as http, pytest.raises(requests.ConnectionError):
        http.post(f"{_base(proxy, ca)}/x", data=b"q", timeout=5)
    assert time.monotonic() - started < 2
    assert httpd.received == []
    proxy.pass_through()
    with _session(ca) as http:
        assert http.post(f"{_base(proxy, ca)}/x", data=b"q", timeout=5).ok


def test_blackhole_answers_nothing(proxy: CuttingProxy, server: tuple[_Server, str | None]) -> None:
    _, ca = server
    proxy.blackhole()
    with _session(ca) as http, pytest.raises(requests.Timeout):
        http.post(f"{_base(proxy, ca)}/x", data=b"q", timeout=0.5)
