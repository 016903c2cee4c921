"""The benchmarks' load generator tells how evenly its clients were served: each client's mean operation, and how
their connections were spread over the server's processes (read from /proc), which is what explains a p99 far
above the mean."""

from __future__ import annotations

import asyncio
import socket
import subprocess
import sys
import time
from pathlib import Path

from benchmarks.loadgen import HttpConnection, closed_loop
from benchmarks.servers import Server

SLOW_SECONDS = 0.2


async def _answer(reader: asyncio.StreamReader, writer: asyncio.StreamWriter, delay: float) -> None:
    while await reader.readuntil(b"\r\n\r\n"):
        await asyncio.sleep(delay)
        writer.write(b"HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok")
        await writer.drain()


def test_each_client_has_its_mean_and_the_first_connection_answered_slowly_shows_as_the_slowest() -> None:
    async def scenario() -> tuple[list[float], list[tuple[int, ...]], list[int]]:
        accepted: list[int] = []

        async def serve(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
            accepted.append(writer.get_extra_info("peername")[1])
            try:
                await _answer(reader, writer, SLOW_SECONDS if len(accepted) == 1 else 0.0)
            except (asyncio.IncompleteReadError, ConnectionError):
                writer.close()

        server = await asyncio.start_server(serve, "127.0.0.1", 0)
        port = server.sockets[0].getsockname()[1]
        seen: list[int] = []

        def spread(ports: list[int]) -> tuple[int, ...]:
            seen.extend(ports)
            return (len(ports),)

        async def operation(connection: HttpConnection, number: int) -> str | None:
            reply = await connection.request("GET", "/")
            return None if reply.status == 200 else f"status {reply.status}"

        async with server:
            result = await closed_loop(port, 3, operation, seconds=1.0, max_operations=10_000, spread=spread)
        assert sorted(seen) == sorted(accepted)
        return result.client_means, result.spreads, seen

    means, spreads, ports = asyncio.run(scenario())

    assert len(means) == 3
    assert max(means) >= SLOW_SECONDS  # the client of the slow connection
    assert sorted(means)[1] < SLOW_SECONDS / 2  # the others were answered at once
    assert spreads == [(3,)]
    assert len(set(ports)) == 3


def test_the_connections_a_server_process_holds_are_counted_by_their_clients_ports(tmp_path: Path) -> None:
    holder = ("import socket, sys, time\n"
              "listener = socket.socket(); listener.bind(('127.0.0.1', 0)); listener.listen()\n"
              "print(listener.getsockname()[1], flush=True)\n"
              "held = [listener.accept()[0] for _ in range(3)]\n"
              "time.sleep(30)\n")
    process = subprocess.Popen([sys.executable, "-c", holder], stdout=subprocess.PIPE)
    clients: list[socket.socket] = []
    try:
        assert process.stdout is not None
        port = int(process.stdout.readline())
        clients = [socket.create_connection(("127.0.0.1", port)) for _ in range(3)]
        server = Server("holder", port, process, tmp_path / "holder.log")
        ports = [client.getsockname()[1] for client in clients]
        deadline = time.monotonic() + 10
        while server.connections_per_worker(ports) != (3,) and time.monotonic() < deadline:
            time.sleep(0.05)  # until the holder has accepted all three

        assert server.connections_per_worker(ports) == (3,)
        assert server.connections_per_worker(ports[:2]) == (2,)
        assert server.connections_per_worker([]) == (0,)
    finally:
        for client in clients:
            client.close()
        process.kill()
        process.wait()
