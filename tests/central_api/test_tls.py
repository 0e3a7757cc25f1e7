"""The centre speaks only TLS 1.2 or newer with AES-GCM, under the CA that counters trust."""

from __future__ import annotations

import socket
import ssl
from collections.abc import Iterator
from pathlib import Path

import pytest

from central_api.db import make_engine
from central_api.migrate import upgrade
from tests.support.central_server import CentralServer


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[CentralServer]:
    workdir: Path = tmp_path_factory.mktemp("tls")
    url = f"sqlite:///{workdir / 'central.db'}"
    upgrade(make_engine(url))
    running = CentralServer(url, workdir).start()
    yield running
    running.stop()


def _handshake(server: CentralServer, context: ssl.SSLContext) -> tuple[str, str]:
    with (
        socket.create_connection(("127.0.0.1", server.port), timeout=5) as raw,
        context.wrap_socket(raw, server_hostname="localhost") as tls,
    ):
        cipher = tls.cipher()
        assert cipher is not None
        return str(tls.version()), cipher[0]


def test_handshake_uses_tls12_or_newer_with_aes_gcm(server: CentralServer) -> None:
    context = ssl.create_default_context(cafile=server.ca_file)
    version, cipher = _handshake(server, context)
    assert version in ("TLSv1.2", "TLSv1.3")
    assert "GCM" in cipher


def test_tls12_client_gets_an_aes_gcm_suite(server: CentralServer) -> None:
    context = ssl.create_default_context(cafile=server.ca_file)
    context.maximum_version = ssl.TLSVersion.TLSv1_2
    version, cipher = _handshake(server, context)
    assert version == "TLSv1.2"
    assert "GCM" in cipher


@pytest.mark.filterwarnings("ignore::DeprecationWarning")
def test_tls11_is_refused_by_the_server(server: CentralServer) -> None:
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
    context.load_verify_locations(server.ca_file)
    # This client is willing to speak TLS 1.1 with any suite, so a refusal is the server's.
    context.set_ciphers("ALL:@SECLEVEL=0")
    context.minimum_version = ssl.TLSVersion.TLSv1
    context.maximum_version = ssl.TLSVersion.TLSv1_1
    with pytest.raises(ssl.SSLError):
        _handshake(server, context)


def test_a_client_without_the_ca_refuses_the_server(server: CentralServer, tmp_path: Path) -> None:
    context = ssl.create_default_context()  # the system's CAs, which never signed ours
    with pytest.raises(ssl.SSLCertVerificationError):
        _handshake(server, context)
