"""Events out under crashes: gunicorn (the production app) on PostgreSQL takes placements from several clients while
two `oms scheduler` processes send the webhook deliveries and two `oms relay` processes hand the events to the
webhooks and to RabbitMQ; midway one gunicorn worker, one scheduler and one relay are killed with SIGKILL (a new
scheduler and relay are started in their place, as a supervisor would; gunicorn replaces its worker itself).

The events go to a webhook receiver in this process (an HTTP server on 127.0.0.1 that keeps every request) and to
a queue of this run's own bound to the broker's exchange with `#` (the exchange is shared with whatever else runs
on the broker, and event ids are unique per database: an arrival counts as this run's when its id and document are
those of an event of this run's database). Afterwards, once every event is out (or the settle time is over): every
event committed during the run (read from the outbox) arrived at the receiver and on the queue at least once; per
document the first arrivals are in outbox order on both; a duplicate has the same event id and the same body; every
webhook signature is valid; the invariants of the sales flow hold.
"""

from __future__ import annotations

import asyncio
import hmac
import json
import os
import random
import secrets
import signal
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter, defaultdict
from collections.abc import Iterator, Mapping
from contextlib import contextmanager, suppress
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pika
from attrs import define, field, frozen
from sqlalchemy import create_engine, text

from benchmarks.servers import BIN, ROOT, stop
from oms.adapters.broker.rabbitmq import DEFAULT_EXCHANGE, declare_exchange
from oms.application.webhooks.delivery import sign
from reliability.crash import Ledger, count, place
from reliability.outcome import Outcome, tally
from reliability.target import Target, expect, new_product

DEFAULT_RABBITMQ_URL = "amqp://guest:guest@127.0.0.1:5672/%2F"
SIGNED = ("Oms-Event-Id", "Oms-Timestamp", "Oms-Signature")  # the headers the receiver checks
# Short leases, so that what a killed relay or scheduler held is taken over within seconds, not minutes.
PROCESS_ENV = {"OMS_RELAY_LEASE_SECONDS": "5", "OMS_WEBHOOK_LEASE_SECONDS": "5",
               "OMS_WEBHOOK_INTERVAL_SECONDS": "1"}


@frozen
class EventsCrash:
    placements: int = 2000
    clients: int = 16
    kills: int = 4  # rounds, each killing one gunicorn worker, one scheduler and one relay
    time_limit: float = 300.0  # for the load
    settle: float = 120.0  # for every event to be out after the load


def _aggregate_of(body: bytes) -> str:
    try:
        return str(json.loads(body).get("aggregate_id", ""))
    except (ValueError, AttributeError):
        return ""


def rabbitmq_url() -> str:
    return os.environ.get("OMS_TEST_RABBITMQ_URL", "").strip() or DEFAULT_RABBITMQ_URL


@frozen
class Arrival:
    event_id: str
    aggregate_id: str
    body: bytes
    valid: bool = True  # the signature, for a webhook

    @property
    def key(self) -> tuple[str, str]:
        return self.event_id, self.aggregate_id


class Receiver:
    """A webhook receiver on 127.0.0.1: answers 204 to every POST and keeps each request in arrival order, with
    whether its Oms-Signature is right for `secret` (set once the subscription is made)."""

    def __init__(self) -> None:
        self.arrivals: list[Arrival] = []
        self.cut_short = 0  # requests whose body ended before its Content-Length: the sender was killed sending
        self.secret = ""
        self._lock = threading.Lock()
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def do_POST(self) -> None:
                length = int(self.headers.get("Content-Length", "0"))
                body = self.rfile.read(length)
                if len(body) < length:  # the sender died mid-body: no server would take this request
                    receiver.cut()
                    self.close_connection = True
                    return
                receiver.keep({name: self.headers.get(name, '') for name in SIGNED}, body)
                self.send_response(204)
                self.send_header("Content-Length", "0")
                self.end_headers()

            def log_message(self, format: str, *args: object) -> None:
                pass

        class Server(ThreadingHTTPServer):
            def handle_error(self, request: object, client_address: object) -> None:
                if not isinstance(sys.exc_info()[1], ConnectionError):  # a killed sender resets its connection
                    super().handle_error(request, client_address)  # type: ignore[arg-type]

        self._server = Server(("127.0.0.1", 0), Handler)
        self._server.daemon_threads = True
        self._thread = threading.Thread(target=self._server.serve_forever, name="webhook-receiver", daemon=True)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self._server.server_address[1]}/hooks"

    def cut(self) -> None:
        with self._lock:
            self.cut_short += 1

    def keep(self, headers: Mapping[str, str], body: bytes) -> None:
        expected = sign(self.secret, headers.get("Oms-Timestamp", ""), body)
        valid = hmac.compare_digest(expected, headers.get("Oms-Signature", ""))
        with self._lock:
            self.arrivals.append(Arrival(headers.get("Oms-Event-Id", ""), _aggregate_of(body), body, valid))

    def seen(self) -> set[tuple[str, str]]:
        with self._lock:
            return {arrival.key for arrival in self.arrivals}

    def __enter__(self) -> Receiver:
        self._thread.start()
        return self

    def __exit__(self, *_: object) -> None:
        self._server.shutdown()
        self._server.server_close()


class QueueConsumer:
    """A queue of the run's own, bound to the exchange with `#` before the load starts, consumed by a thread that
    keeps every message in arrival order; the queue is deleted on the way out."""

    def __init__(self, url: str, exchange: str = DEFAULT_EXCHANGE) -> None:
        self.url = url
        self.queue = f"oms.reliability.{secrets.token_hex(4)}"
        self.arrivals: list[Arrival] = []
        self.cut_short = 0  # requests whose body ended before its Content-Length: the sender was killed sending
        self.error: str | None = None
        self._stop = threading.Event()
        self._lock = threading.Lock()
        connection = pika.BlockingConnection(pika.URLParameters(url))
        try:
            channel = connection.channel()
            declare_exchange(channel, exchange)
            channel.queue_declare(self.queue, durable=True)
            channel.queue_bind(self.queue, exchange, routing_key="#")
        finally:
            connection.close()
        self._thread = threading.Thread(target=self._consume, name="queue-consumer", daemon=True)

    def _consume(self) -> None:
        try:
            connection = pika.BlockingConnection(pika.URLParameters(self.url))
            channel = connection.channel()
            for method, properties, body in channel.consume(self.queue, auto_ack=True, inactivity_timeout=0.2):
                if method is not None:
                    with self._lock:
                        aggregate_id = str((properties.headers or {}).get("aggregate_id", ""))
                        self.arrivals.append(Arrival(str(properties.message_id), aggregate_id, body))
                if self._stop.is_set():
                    break
            channel.cancel()
            connection.close()
        except Exception as error:  # reported as a problem of the run
            self.error = f"{type(error).__name__}: {error}"

    def seen(self) -> set[tuple[str, str]]:
        with self._lock:
            return {arrival.key for arrival in self.arrivals}

    def __enter__(self) -> QueueConsumer:
        self._thread.start()
        return self

    def __exit__(self, *_: object) -> None:
        self._stop.set()
        self._thread.join(10)
        connection = pika.BlockingConnection(pika.URLParameters(self.url))
        try:
            connection.channel().queue_delete(self.queue)
        finally:
            connection.close()


@define
class Fleet:
    """`oms scheduler` and `oms relay` processes, each in a process group of its own, logging to `directory`."""

    database_url: str
    broker_url: str
    directory: Path
    processes: dict[str, list[subprocess.Popen[bytes]]] = field(factory=lambda: defaultdict(list))
    killed: Counter[str] = field(factory=Counter)

    def start(self, command: str) -> None:
        log = self.directory / f"{command}-{len(self.processes[command])}.log"
        env = {**os.environ, **PROCESS_ENV, "OMS_DATABASE_URL": self.database_url, "OMS_BROKER_URL": self.broker_url}
        with log.open("wb") as sink:
            self.processes[command].append(subprocess.Popen(
                [str(BIN / "oms"), "--database-url", self.database_url, command], env=env, stdout=sink,
                stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL, start_new_session=True, cwd=ROOT))

    def living(self, command: str) -> list[subprocess.Popen[bytes]]:
        return [process for process in self.processes[command] if process.poll() is None]

    def kill_one(self, command: str, chooser: random.Random) -> None:
        """SIGKILL one living process of `command` (this fleet's own) and start another in its place."""
        living = self.living(command)
        if living:
            os.kill(chooser.choice(living).pid, signal.SIGKILL)
            self.killed[command] += 1
        self.start(command)

    def stop(self) -> None:
        """SIGTERM to every process group at once, then `stop` each (SIGKILL to what is left)."""
        every = [process for processes in self.processes.values() for process in processes]
        for process in every:
            with suppress(ProcessLookupError):
                os.killpg(process.pid, signal.SIGTERM)
        for process in every:
            stop(process)

    def log_tail(self, characters: int = 2000) -> str:
        return "\n".join(f"{log.name}: {log.read_text(errors='replace')[-characters:]}"
                         for log in sorted(self.directory.glob("*.log")))


@contextmanager
def fleet(database_url: str, broker_url: str, schedulers: int = 2, relays: int = 2) -> Iterator[Fleet]:
    with tempfile.TemporaryDirectory(prefix="oms-events-crash-") as directory:
        running = Fleet(database_url, broker_url, Path(directory))
        try:
            for _ in range(schedulers):
                running.start("scheduler")
            for _ in range(relays):
                running.start("relay")
            yield running
        finally:
            running.stop()


@frozen
class Committed:
    """An event of the outbox: its id as it leaves oms, its document and its place."""

    event_id: str
    aggregate_id: str
    seq: int

    @property
    def key(self) -> tuple[str, str]:
        return self.event_id, self.aggregate_id


def committed_events(database_url: str, after: int) -> list[Committed]:
    """The outbox's events after `after` (its seq), in outbox order."""
    engine = create_engine(database_url)
    try:
        with engine.connect() as connection:
            rows = connection.execute(text("SELECT seq, aggregate_id FROM outbox WHERE seq > :after ORDER BY seq"),
                                      {"after": after}).all()
    finally:
        engine.dispose()
    return [Committed(f"evt_{row.seq:012d}", row.aggregate_id, row.seq) for row in rows]


def last_seq(database_url: str) -> int:
    return count(database_url, "SELECT coalesce(max(seq), 0) FROM outbox")


def check_arrivals(where: str, arrivals: list[Arrival], events: list[Committed], outcome: Outcome) -> int:
    """Every event arrived; per document the first arrivals are in outbox order; a duplicate has the event's id and
    the first arrival's body; answers the number of duplicates."""
    expected = {event.key: event for event in events}
    first: dict[tuple[str, str], Arrival] = {}
    duplicates = 0
    for arrival in arrivals:
        if arrival.key not in expected:
            continue  # an event from before the run, or of another database publishing to the exchange
        if arrival.key in first:
            duplicates += 1
            outcome.expect(arrival.body == first[arrival.key].body,
                           f"{where}: a duplicate of {arrival.event_id} has another body")
        else:
            first[arrival.key] = arrival
        body = json.loads(arrival.body)
        outcome.expect(body.get("id") == arrival.event_id,
                       f"{where}: {arrival.event_id} arrived with the body of {body.get('id')}")
    missing = [key[0] for key in expected if key not in first]
    outcome.expect(not missing, f"{where}: {len(missing)} of {len(expected)} events never arrived, "
                                f"the first: {', '.join(missing[:5])}")
    order = {key: position for position, key in enumerate(first)}  # dicts keep the arrival order
    by_document: dict[str, list[Committed]] = defaultdict(list)
    for event in events:
        if event.key in order:
            by_document[event.aggregate_id].append(event)
    disordered = [document for document, its in by_document.items()
                  if [order[e.key] for e in its] != sorted(order[e.key] for e in its)]
    outcome.expect(not disordered, f"{where}: the events of {len(disordered)} documents arrived out of outbox "
                                   f"order, the first: {', '.join(disordered[:3])}")
    return duplicates


async def _subscribe(target: Target, receiver: Receiver) -> None:
    api = target.client()
    try:
        created = await expect(api.post("/webhooks", {"url": receiver.url, "event_types": ["*"],
                                                      "description": "events crash"}), 201)
        receiver.secret = created["secret"]
    finally:
        await api.close()


async def _load(target: Target, size: EventsCrash, sku: str, running: Fleet, ledger: Ledger) -> int:
    """The placements, with the kills spread over them; answers the gunicorn workers killed."""
    run, numbers = secrets.token_hex(4), iter(range(size.placements))
    deadline = time.monotonic() + size.time_limit
    done = [0]
    workers_killed = 0
    chooser = random.Random(run)

    async def client() -> None:
        api = target.client(timeout=20)
        try:
            while time.monotonic() < deadline and (number := next(numbers, None)) is not None:
                await place(api, sku, f"events-{run}-{number}", ledger, one_call=number % 2 == 0)
                done[0] += 1
        finally:
            await api.close()

    async def killer() -> None:
        nonlocal workers_killed
        for round_ in range(1, size.kills + 1):
            while done[0] < size.placements * round_ / (size.kills + 1) and time.monotonic() < deadline:
                await asyncio.sleep(0.05)
            if done[0] >= size.placements:
                return
            if workers := target.server.worker_pids():  # children of the gunicorn this run's target started
                os.kill(chooser.choice(workers), signal.SIGKILL)
                workers_killed += 1
            running.kill_one("scheduler", chooser)
            running.kill_one("relay", chooser)

    kill = asyncio.create_task(killer())
    await asyncio.gather(*(client() for _ in range(size.clients)))
    await kill
    return workers_killed


def _settle(events: list[Committed], sinks: list[Receiver | QueueConsumer], seconds: float) -> float:
    """Wait until every event arrived at every sink, at most `seconds`; answers the seconds waited."""
    started = time.monotonic()
    wanted = {event.key for event in events}
    while time.monotonic() - started < seconds and not all(wanted <= sink.seen() for sink in sinks):
        time.sleep(0.25)
    return time.monotonic() - started


def _events_crash(target: Target, size: EventsCrash, outcome: Outcome) -> None:
    sku = asyncio.run(new_product(target, "EVENTS", size.placements * 2))
    ledger = Ledger()
    with Receiver() as receiver, QueueConsumer(rabbitmq_url()) as queue:
        asyncio.run(_subscribe(target, receiver))
        baseline = last_seq(target.database_url)
        with fleet(target.database_url, queue.url) as running:
            workers_killed = asyncio.run(_load(target, size, sku, running, ledger))
            events = committed_events(target.database_url, baseline)
            waited = _settle(events, [receiver, queue], size.settle)
            outcome.expect(all(running.living(command) for command in ("scheduler", "relay")),
                           f"a scheduler or relay exited on its own:\n{running.log_tail()}")
            killed = running.killed
        outcome.expect(queue.error is None, f"the queue's consumer failed: {queue.error}")
        webhook_duplicates = check_arrivals("webhooks", receiver.arrivals, events, outcome)
        broker_duplicates = check_arrivals("broker", queue.arrivals, events, outcome)
        invalid = [arrival for arrival in receiver.arrivals if not arrival.valid]
        outcome.expect(not invalid, f"{len(invalid)} webhook requests had a wrong signature: " + "; ".join(
            f"event {arrival.event_id!r}, {len(arrival.body)} bytes {arrival.body[:80]!r}" for arrival in invalid[:3]))
    outcome.check_invariants(target.database_url, ledger.acknowledged)
    outcome.expect(workers_killed > 0 and killed["scheduler"] > 0 and killed["relay"] > 0,
                   "nothing was killed: the load ended too soon")
    outcome.expect(target.server.alive(), "the gunicorn master died")
    outcome.summary = (
        f"{size.placements} placements by {size.clients} clients, killed {workers_killed} workers, "
        f"{killed['scheduler']} schedulers, {killed['relay']} relays: {len(events)} events, waited "
        f"{waited:.1f} s after the load for them; duplicates: {webhook_duplicates} webhooks, "
        f"{broker_duplicates} broker; {receiver.cut_short} webhook requests cut short by a kill; "
        f"{len(ledger.acknowledged)} orders acknowledged; {tally(ledger.events) or 'no retries'}")


def events_crash(target: Target, size: EventsCrash = EventsCrash()) -> Outcome:
    outcome = Outcome("events out under crashes", target.backend)
    if not target.server.worker_pids():
        outcome.summary = "skipped: needs gunicorn on PostgreSQL (worker processes to kill)"
        return outcome
    started = time.perf_counter()
    _events_crash(target, size, outcome)
    outcome.seconds = time.perf_counter() - started
    return outcome
