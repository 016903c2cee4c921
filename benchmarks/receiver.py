"""A fast local webhook receiver for benchmark j: HTTP/1.1 keep-alive on asyncio, in a process of its own, on
127.0.0.1. Every POST is answered 200 at once and its arrival recorded (the wall clock, `time.time()`, and the
`Oms-Event-Id` header); `GET /arrivals` answers them as JSON `[[event_id, time], ...]`, `GET /arrivals?clear=1`
forgets them after answering; `GET /healthz` answers 200.

`python -m benchmarks.receiver PORT` runs it (benchmarks.servers.running starts it and kills it afterwards).
"""

from __future__ import annotations

import asyncio
import json
import sys
import time

MAX_HEADERS = 100
OK = b"HTTP/1.1 200 OK\r\nContent-Length: 2\r\nContent-Type: text/plain\r\n\r\nok"


def answer(body: bytes, status: str = "200 OK") -> bytes:
    return (f"HTTP/1.1 {status}\r\nContent-Length: {len(body)}\r\nContent-Type: application/json\r\n\r\n"
            .encode("latin-1") + body)


class Receiver:
    def __init__(self) -> None:
        self.arrivals: list[tuple[str, float]] = []

    async def serve(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        try:
            while True:
                request_line = await reader.readline()
                if not request_line:
                    return
                method, target, _ = request_line.decode("latin-1").split(" ", 2)
                headers: dict[str, str] = {}
                for _ in range(MAX_HEADERS):
                    line = await reader.readline()
                    if line in (b"\r\n", b"\n", b""):
                        break
                    name, _, value = line.decode("latin-1").partition(":")
                    headers[name.strip().lower()] = value.strip()
                length = int(headers.get("content-length", "0"))
                if length:
                    await reader.readexactly(length)
                if method == "POST":
                    self.arrivals.append((headers.get("oms-event-id", ""), time.time()))
                    writer.write(OK)
                elif target.startswith("/arrivals"):
                    writer.write(answer(json.dumps(self.arrivals).encode()))
                    if "clear" in target:
                        self.arrivals = []
                elif target == "/healthz":
                    writer.write(OK)
                else:
                    writer.write(answer(b"{}", "404 Not Found"))
                await writer.drain()
        except (ConnectionError, asyncio.IncompleteReadError, ValueError):
            return
        finally:
            writer.close()


async def main(port: int) -> None:
    receiver = Receiver()
    server = await asyncio.start_server(receiver.serve, "127.0.0.1", port, backlog=1024)
    async with server:
        await server.serve_forever()


if __name__ == "__main__":
    asyncio.run(main(int(sys.argv[1])))
