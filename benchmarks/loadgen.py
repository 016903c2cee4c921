"""A small, bounded HTTP/1.1 load generator on asyncio: keep-alive connections to 127.0.0.1, closed-loop clients.

Each client owns one connection and runs an operation (one or more requests) again and again until the run has
done `max_operations` or `seconds` have passed, whichever comes first; latencies are per operation. Only loopback
addresses are accepted. Responses must carry a Content-Length or be chunked, or close the connection.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import math
import statistics
import time
from collections import Counter
from collections.abc import Awaitable, Callable, Mapping
from typing import Any

from attrs import define, field, frozen

LOOPBACK = ("127.0.0.1", "localhost", "::1")
REQUEST_TIMEOUT = 60.0


class ConnectionLost(Exception):
    """The server closed the connection or reset it before the response was complete."""


@frozen
class Reply:
    status: int
    headers: Mapping[str, str]  # lower-cased names
    body: bytes

    def json(self) -> Any:
        return json.loads(self.body) if self.body else None


class HttpConnection:
    """One keep-alive connection (reopened when the server closes it). Not for concurrent use."""

    def __init__(self, host: str, port: int, *, timeout: float = REQUEST_TIMEOUT) -> None:
        if host not in LOOPBACK:
            raise ValueError(f"load goes to this machine only, not to {host}")
        self.host, self.port, self.timeout = host, port, timeout
        self._reader: asyncio.StreamReader | None = None
        self._writer: asyncio.StreamWriter | None = None

    async def request(self, method: str, path: str, body: bytes | None = None,
                      headers: Mapping[str, str] | None = None) -> Reply:
        try:
            return await asyncio.wait_for(self._exchange(method, path, body, headers or {}), self.timeout)
        except (OSError, asyncio.IncompleteReadError, TimeoutError, ConnectionLost) as error:
            await self.close()
            raise ConnectionLost(f"{method} {path}: {type(error).__name__} {error}") from error

    async def _exchange(self, method: str, path: str, body: bytes | None, headers: Mapping[str, str]) -> Reply:
        if self._writer is None:
            self._reader, self._writer = await asyncio.open_connection(self.host, self.port)
        reader, writer = self._reader, self._writer
        assert reader is not None
        lines = [f"{method} {path} HTTP/1.1", f"Host: {self.host}:{self.port}"]
        lines += [f"{name}: {value}" for name, value in headers.items()]
        if body is not None or method in ("POST", "PUT", "PATCH"):
            lines.append(f"Content-Length: {len(body or b'')}")
        writer.write(("\r\n".join(lines) + "\r\n\r\n").encode("latin-1") + (body or b""))
        await writer.drain()
        status_line = await reader.readline()
        if not status_line:
            raise ConnectionLost("closed before the status line")
        status = int(status_line.split(b" ", 2)[1])
        response_headers: dict[str, str] = {}
        while True:
            line = await reader.readline()
            if line in (b"\r\n", b"\n", b""):
                break
            name, _, value = line.decode("latin-1").partition(":")
            response_headers[name.strip().lower()] = value.strip()
        if "content-length" in response_headers:
            content = await reader.readexactly(int(response_headers["content-length"]))
        elif response_headers.get("transfer-encoding", "").lower() == "chunked":
            content = await _chunked(reader)
        else:
            content = await reader.read()
            response_headers["connection"] = "close"
        if response_headers.get("connection", "").lower() == "close":
            await self.close()
        return Reply(status, response_headers, content)

    def local_port(self) -> int | None:
        """The port of this end of the connection, while it is open."""
        if self._writer is None:
            return None
        name = self._writer.get_extra_info("sockname")
        return int(name[1]) if name else None

    async def close(self) -> None:
        writer, self._reader, self._writer = self._writer, None, None
        if writer is not None:
            writer.close()
            with contextlib.suppress(OSError):
                await writer.wait_closed()


async def _chunked(reader: asyncio.StreamReader) -> bytes:
    parts: list[bytes] = []
    while True:
        size = int((await reader.readline()).split(b";")[0].strip() or b"0", 16)
        if size == 0:
            await reader.readline()
            return b"".join(parts)
        parts.append(await reader.readexactly(size))
        await reader.readline()


def percentile(values: list[float], fraction: float) -> float:
    """The nearest-rank percentile (0 for no values)."""
    if not values:
        return 0.0
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, math.ceil(fraction * len(ordered)) - 1))]


@define
class LoadResult:
    """What a run did: operations that succeeded, those that failed (with why), and the latency of each."""

    clients: int
    elapsed: float = 0.0
    latencies: list[float] = field(factory=list)  # seconds, of the operations that succeeded
    failures: Counter[str] = field(factory=Counter)
    client_means: list[float] = field(factory=list)  # seconds: each client's mean operation, of those it completed
    spreads: list[tuple[int, ...]] = field(factory=list)  # of each run observed: its connections per server process

    @property
    def succeeded(self) -> int:
        return len(self.latencies)

    @property
    def rate(self) -> float:
        return self.succeeded / self.elapsed if self.elapsed else 0.0

    def p(self, fraction: float) -> float:
        return percentile(self.latencies, fraction)

    @property
    def mean(self) -> float:
        return statistics.fmean(self.latencies) if self.latencies else 0.0

    def merge(self, other: LoadResult) -> LoadResult:
        return LoadResult(self.clients, self.elapsed + other.elapsed, self.latencies + other.latencies,
                          self.failures + other.failures, self.client_means + other.client_means,
                          self.spreads + other.spreads)


# An operation: given a connection and a sequence number, do the requests and say why it failed (None: it worked).
Operation = Callable[[HttpConnection, int], Awaitable[str | None]]


async def closed_loop(port: int, clients: int, operation: Operation, *, seconds: float, max_operations: int,
                      spread: Callable[[list[int]], tuple[int, ...]] | None = None) -> LoadResult:
    """`clients` connections, each running `operation` back to back until `seconds` or `max_operations`. With
    `spread`, once every client has completed an operation, it is given the clients' local ports (of those
    connected) and says how their connections are spread over the server's processes (kept in `spreads`)."""
    result = LoadResult(clients)
    counter = iter(range(max_operations))
    deadline = time.perf_counter() + seconds
    connections = [HttpConnection("127.0.0.1", port) for _ in range(clients)]
    first_done = asyncio.Event()
    without_answer = clients  # the clients that have not completed an operation yet

    def completed_one() -> None:
        nonlocal without_answer
        without_answer -= 1
        if without_answer == 0:
            first_done.set()

    async def client(connection: HttpConnection) -> None:
        own: list[float] = []
        try:
            while time.perf_counter() < deadline:
                number = next(counter, None)
                if number is None:
                    return
                started = time.perf_counter()
                try:
                    failure = await operation(connection, number)
                except ConnectionLost as error:
                    failure = f"connection: {str(error).split(':')[-1].strip()[:60]}"
                if failure is None:
                    own.append(time.perf_counter() - started)
                else:
                    result.failures[failure] += 1
                if len(own) == 1 and failure is None:
                    completed_one()
        finally:
            if not own:
                completed_one()
            result.latencies.extend(own)
            if own:
                result.client_means.append(statistics.fmean(own))
            await connection.close()

    async def observe() -> None:
        await first_done.wait()
        if spread is not None:
            ports = [local for connection in connections if (local := connection.local_port()) is not None]
            result.spreads.append(spread(ports))

    started = time.perf_counter()
    observer = asyncio.ensure_future(observe())
    await asyncio.gather(*(client(connection) for connection in connections))
    await observer
    result.elapsed = time.perf_counter() - started
    return result
