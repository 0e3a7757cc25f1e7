"""A TCP proxy on loopback, in front of the central service, that can lose answers on purpose.

It forwards bytes untouched (TLS passes through it), and can be told to:

- pass everything through (the default);
- cut the connection after a request has reached the centre but before its response reaches the
  counter: the centre has applied the batch, the counter never reads the answer;
- drop everything: close every connection at once, as a centre that has gone away;
- blackhole: accept connections and swallow what is sent, answering nothing (a hung network).

To know where a request ends and its response begins without decrypting, it reads only the TLS
record headers (content type and length). In TLS 1.3 the handshake after ServerHello, the
client's Finished and the server's session tickets are all application-data records, so:
a server application-data record before the client's first one means TLS 1.3; then the client's
first application-data record is its Finished, and the server's next `tls13_tickets` records
are session tickets (Python's ssl sends 2). Every later client record is request data and every
later server record is response data. A plain-TCP (non-TLS) connection counts every byte as
request or response data.
"""

from __future__ import annotations

import contextlib
import enum
import selectors
import socket
import struct
import threading
from dataclasses import dataclass, field
from types import TracebackType

__all__ = ["CuttingProxy", "ProxyMode"]

_HANDSHAKE = 0x16
_APPLICATION_DATA = 0x17
_HEADER = 5
_CHUNK = 65536


class ProxyMode(enum.Enum):
    PASS = "pass"
    CUT_RESPONSES = "cut responses"
    DROP = "drop everything"
    BLACKHOLE = "blackhole"


@dataclass
class _Records:
    """Walks one direction's byte stream record by record, reading only the 5-byte headers."""

    header: bytearray = field(default_factory=bytearray)
    remaining: int = 0  # bytes of the current record's body still to come
    is_tls: bool | None = None

    def scan(self, data: bytes) -> list[tuple[int, int]]:
        """(offset in `data`, content type) of each record that starts in `data`."""
        if self.is_tls is None and data:
            self.is_tls = data[0] == _HANDSHAKE
        if not self.is_tls:
            return [(0, _APPLICATION_DATA)] if data else []
        starts: list[tuple[int, int]] = []
        i = 0
        while i < len(data):
            if self.remaining:
                step = min(self.remaining, len(data) - i)
                self.remaining -= step
                i += step
                continue
            if not self.header:
                start = i
            take = min(_HEADER - len(self.header), len(data) - i)
            self.header += data[i : i + take]
            i += take
            if len(self.header) == _HEADER:
                content_type = self.header[0]
                (self.remaining,) = struct.unpack("!H", bytes(self.header[3:5]))
                # A header split over two reads starts in the earlier chunk: report it at 0.
                starts.append((start if take == _HEADER else 0, content_type))
                self.header.clear()
        return starts


@dataclass(eq=False)
class _Link:
    """One client connection and its connection to the centre."""

    client: socket.socket
    upstream: socket.socket
    tickets_left: int
    from_client: _Records = field(default_factory=_Records)
    from_server: _Records = field(default_factory=_Records)
    tls13: bool | None = None
    client_finished_seen: bool = False
    request_bytes: int = 0  # bytes of the current (or last) request
    in_request: bool = False  # request data seen and its response not yet begun
    closed: bool = False


class CuttingProxy:
    """A loopback TCP proxy to `upstream_host:upstream_port`; see the module docstring."""

    def __init__(
        self,
        upstream_port: int,
        upstream_host: str = "127.0.0.1",
        *,
        listen_host: str = "127.0.0.1",
        tls13_tickets: int = 2,
    ) -> None:
        self.upstream = (upstream_host, upstream_port)
        self.tls13_tickets = tls13_tickets
        self._listener = socket.create_server((listen_host, 0))
        self.port: int = self._listener.getsockname()[1]
        self._lock = threading.Lock()
        self._mode = ProxyMode.PASS
        self._cuts_armed = 0
        self._spared = 0
        self._min_request_bytes = 0
        self._links: set[_Link] = set()
        self._threads: list[threading.Thread] = []
        self._stopping = threading.Event()
        self._cut_done = threading.Condition(self._lock)
        self.connections = 0
        self.cuts = 0
        self.requests_forwarded = 0

    # -- control --------------------------------------------------------------------------

    def url(self, scheme: str = "https", host: str = "localhost") -> str:
        """The proxy's address as a base URL (the centre's TLS certificate names localhost)."""
        return f"{scheme}://{host}:{self.port}"

    @property
    def mode(self) -> ProxyMode:
        return self._mode

    def pass_through(self) -> None:
        """Forward everything, both ways."""
        with self._lock:
            self._mode, self._cuts_armed = ProxyMode.PASS, 0

    def cut_responses(self, count: int = 1, *, min_request_bytes: int = 0, after: int = 0) -> None:
        """Lose the responses of `count` requests of at least `min_request_bytes`, letting the
        first `after` such requests through first.

        The request reaches the centre whole; when its response starts to come back, the
        proxy drops it and closes both connections. After `count` cuts it passes everything.
        """
        with self._lock:
            self._mode = ProxyMode.CUT_RESPONSES
            self._cuts_armed = count
            self._spared = after
            self._min_request_bytes = min_request_bytes

    def drop_everything(self) -> None:
        """Close every open connection now and every new one at once."""
        with self._lock:
            self._mode, self._cuts_armed = ProxyMode.DROP, 0
            links = list(self._links)
        for link in links:
            self._close(link)

    def blackhole(self) -> None:
        """Take connections and bytes, and answer nothing (open connections go silent too)."""
        with self._lock:
            self._mode, self._cuts_armed = ProxyMode.BLACKHOLE, 0

    def wait_for_cuts(self, count: int, timeout: float = 30.0) -> bool:
        """Wait until at least `count` responses have been cut in all; False on timeout."""
        with self._cut_done:
            return self._cut_done.wait_for(lambda: self.cuts >= count, timeout)

    # -- life -----------------------------------------------------------------------------

    def start(self) -> CuttingProxy:
        thread = threading.Thread(target=self._accept_loop, name="cutting-proxy", daemon=True)
        thread.start()
        self._threads.append(thread)
        return self

    def stop(self) -> None:
        self._stopping.set()
        with contextlib.suppress(OSError):
            self._listener.shutdown(socket.SHUT_RDWR)  # wakes the accept() (close alone does not)
        with contextlib.suppress(OSError):
            self._listener.close()
        with self._lock:
            links = list(self._links)
        for link in links:
            self._close(link)
        for thread in self._threads:
            thread.join(timeout=5)

    def __enter__(self) -> CuttingProxy:
        return self.start()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()

    # -- the work -------------------------------------------------------------------------

    def _accept_loop(self) -> None:
        while not self._stopping.is_set():
            try:
                client, _ = self._listener.accept()
            except OSError:
                return
            with self._lock:
                mode = self._mode
                self.connections += 1
            if mode is ProxyMode.DROP:
                _hard_close(client)
                continue
            try:
                upstream = socket.create_connection(self.upstream, timeout=5)
            except OSError:
                _hard_close(client)
                continue
            upstream.settimeout(None)
            for sock in (client, upstream):
                sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
            link = _Link(client=client, upstream=upstream, tickets_left=self.tls13_tickets)
            with self._lock:
                self._links.add(link)
            thread = threading.Thread(target=self._pump, args=(link,), daemon=True)
            thread.start()
            self._threads = [t for t in self._threads if t.is_alive()] + [thread]

    def _pump(self, link: _Link) -> None:
        selector = selectors.DefaultSelector()
        selector.register(link.client, selectors.EVENT_READ, "client")
        selector.register(link.upstream, selectors.EVENT_READ, "server")
        try:
            while not link.closed:
                for key, _ in selector.select(timeout=0.5):
                    source: socket.socket = key.fileobj  # type: ignore[assignment]
                    try:
                        data = source.recv(_CHUNK)
                    except OSError:
                        data = b""
                    if not data:
                        self._close(link)
                        break
                    if key.data == "client":
                        self._from_client(link, data)
                    else:
                        self._from_server(link, data)
                    if link.closed:
                        break
        finally:
            selector.close()
            self._close(link)

    def _from_client(self, link: _Link, data: bytes) -> None:
        if self._mode is ProxyMode.DROP:
            self._close(link)
            return
        if self._mode is ProxyMode.BLACKHOLE:
            return
        request_data = link.tls13 is False or link.client_finished_seen
        for _, content_type in link.from_client.scan(data):
            if content_type != _APPLICATION_DATA:
                continue
            if link.tls13 is None:
                link.tls13 = False  # no server application data before ours: TLS 1.2 or plain
            if link.tls13 and not link.client_finished_seen:
                link.client_finished_seen = True  # TLS 1.3: our first one is the Finished
                continue
            request_data = True
            if not link.in_request:  # the first record of a new request
                link.in_request, link.request_bytes = True, 0
                with self._lock:
                    self.requests_forwarded += 1
        if request_data:
            # Close enough for a size threshold: the Finished record, when it shares a read
            # with the request, adds a few dozen bytes.
            link.request_bytes += len(data)
        _send(link.upstream, data)

    def _from_server(self, link: _Link, data: bytes) -> None:
        if self._mode is ProxyMode.BLACKHOLE:
            return
        if self._mode is ProxyMode.DROP:
            self._close(link)
            return
        response_at: int | None = None
        for offset, content_type in link.from_server.scan(data):
            if content_type != _APPLICATION_DATA:
                continue
            if link.tls13 is None:
                # Application data from the server before any from the client: TLS 1.3's
                # encrypted handshake (plain TCP never gets here before a request).
                link.tls13 = link.from_server.is_tls is True
                if link.tls13:
                    continue
            if link.tls13 and not link.client_finished_seen:
                continue  # the rest of the server's encrypted handshake
            if link.tls13 and link.tickets_left > 0:
                link.tickets_left -= 1
                continue
            if link.in_request and response_at is None:
                response_at = offset
        if response_at is not None:
            link.in_request = False
            if self._should_cut(link):
                _send(link.client, data[:response_at])
                with self._cut_done:
                    self.cuts += 1
                    self._cut_done.notify_all()
                self._close(link, hard=True)
                return
        _send(link.client, data)

    def _should_cut(self, link: _Link) -> bool:
        with self._lock:
            if self._mode is not ProxyMode.CUT_RESPONSES or self._cuts_armed <= 0:
                return False
            if link.request_bytes < self._min_request_bytes:
                return False
            if self._spared > 0:
                self._spared -= 1
                return False
            self._cuts_armed -= 1
            if self._cuts_armed == 0:
                self._mode = ProxyMode.PASS
            return True

    def _close(self, link: _Link, *, hard: bool = False) -> None:
        with self._lock:
            if link.closed:
                return
            link.closed = True
            self._links.discard(link)
        if hard:
            _hard_close(link.client)
        else:
            with contextlib.suppress(OSError):
                link.client.close()
        with contextlib.suppress(OSError):
            link.upstream.close()


def _send(sock: socket.socket, data: bytes) -> None:
    if not data:
        return
    with contextlib.suppress(OSError):
        sock.sendall(data)


def _hard_close(sock: socket.socket) -> None:
    """Close with a reset (RST), as a dropped link looks to the other end."""
    with contextlib.suppress(OSError):
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    with contextlib.suppress(OSError):
        sock.close()
