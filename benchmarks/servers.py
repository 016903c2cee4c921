"""Throwaway databases and real server processes, for the benchmarks and the reliability scenarios.

Databases: a fresh PostgreSQL database on the server of OMS_TEST_POSTGRES_URL (default postgres@127.0.0.1:5432),
dropped afterwards, or a SQLite file in a temporary directory. Servers: `oms serve` (waitress) and gunicorn, each
started in a process group of its own on a free port of 127.0.0.1 and killed with its whole group on the way out,
whatever happened. The `oms` command (`oms db upgrade`, `oms token create`) is the one an operator would run.
"""

from __future__ import annotations

import os
import secrets
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Collection, Iterator, Mapping, Sequence
from contextlib import AbstractContextManager, contextmanager, suppress
from pathlib import Path

from attrs import define, frozen
from sqlalchemy import create_engine, text
from sqlalchemy.engine import URL, make_url

from oms.entrypoints import gunicorn_conf

BIN = Path(sys.executable).parent
ROOT = Path(__file__).resolve().parents[1]
DEFAULT_POSTGRES_URL = "postgresql+psycopg://postgres@127.0.0.1:5432/postgres"
START_TIMEOUT = 60.0
STOP_TIMEOUT = 10.0

# The gunicorn configuration of every HTTP benchmark and scenario, for oms and the bare endpoints alike: oms's own
# (a worker per core, four threads each, taking new connections only with a free thread or while holding the
# fewest), client connections kept alive, no control socket (gunicorn's default path is shared by every gunicorn on
# the machine).
GUNICORN_CONFIG = "python:oms.entrypoints.gunicorn_conf"
GUNICORN_WORKERS: int = gunicorn_conf.workers
GUNICORN_THREADS: int = gunicorn_conf.threads


def postgres_admin_url() -> URL:
    """The server to make databases on: OMS_TEST_POSTGRES_URL, else postgres@127.0.0.1:5432, through psycopg 3."""
    url = make_url(os.environ.get("OMS_TEST_POSTGRES_URL", "").strip() or DEFAULT_POSTGRES_URL)
    return url.set(drivername="postgresql+psycopg") if url.drivername in ("postgresql", "postgres") else url


@contextmanager
def fresh_postgres(prefix: str = "oms_bench", template: str | None = None) -> Iterator[str]:
    """An empty database of its own (no schema), or a copy of the database `template` (no one connected to it),
    dropped on the way out; yields its SQLAlchemy URL."""
    admin_url = postgres_admin_url()
    name = f"{prefix}_{secrets.token_hex(4)}"
    admin = create_engine(admin_url, isolation_level="AUTOCOMMIT", connect_args={"connect_timeout": 10})
    try:
        with admin.connect() as connection:
            connection.execute(text(f'CREATE DATABASE "{name}"' + (f' TEMPLATE "{template}"' if template else "")))
        try:
            yield admin_url.set(database=name).render_as_string(hide_password=False)
        finally:
            with admin.connect() as connection:
                connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    finally:
        admin.dispose()


@contextmanager
def fresh_sqlite(prefix: str = "oms-bench-") -> Iterator[str]:
    """A SQLite file path in a temporary directory (created by the first migration), removed on the way out."""
    with tempfile.TemporaryDirectory(prefix=prefix) as directory:
        yield f"sqlite:///{Path(directory) / 'oms.db'}"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def oms_command(database_url: str, *args: str, timeout: float = 120) -> str:
    """Run `oms --database-url URL ARGS...` and return what it printed on stdout; raise with its stderr if it
    failed."""
    result = subprocess.run([str(BIN / "oms"), "--database-url", database_url, *args], capture_output=True,
                            text=True, timeout=timeout, env={**os.environ, "OMS_DATABASE_URL": database_url},
                            check=False)
    if result.returncode != 0:
        raise RuntimeError(f"oms {' '.join(args)} failed ({result.returncode}): {result.stderr.strip()}")
    return result.stdout


def prepare_database(database_url: str, token_name: str = "bench") -> str:
    """Migrate the database with `oms db upgrade` and create an admin token; returns the token's secret."""
    oms_command(database_url, "db", "upgrade")
    return oms_command(database_url, "token", "create", "--role", "admin", "--name", token_name).strip()


@define
class Server:
    """A server process (and its children) listening on `port`; `log` holds what it printed."""

    name: str
    port: int
    process: subprocess.Popen[bytes]
    log: Path

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def alive(self) -> bool:
        return self.process.poll() is None

    def worker_pids(self) -> list[int]:
        """The process's children (gunicorn's workers), from /proc."""
        found: set[int] = set()
        for task in Path(f"/proc/{self.process.pid}/task").glob("*"):
            try:
                found.update(int(pid) for pid in (task / "children").read_text().split())
            except OSError:
                continue
        return sorted(found)

    def cpu_seconds(self) -> float:
        """CPU time (user + system) used so far by the process and its living children."""
        return sum(process_cpu_seconds(pid) for pid in [self.process.pid, *self.worker_pids()])

    def connections_per_worker(self, client_ports: Collection[int]) -> tuple[int, ...]:
        """How many of the connections from these local ports of 127.0.0.1 each worker serves (most first; the
        process itself counts as a worker when it has none), read from /proc: a worker's sockets are links to
        socket:[inode] in /proc/<pid>/fd, and /proc/net/tcp gives each connection's inode by its two ports."""
        inodes = _inodes_of_peers(self.port, set(client_ports))
        counts = []
        for pid in self.worker_pids() or [self.process.pid]:
            try:
                links = [os.readlink(f"/proc/{pid}/fd/{fd}") for fd in os.listdir(f"/proc/{pid}/fd")]
            except OSError:
                continue
            counts.append(sum(1 for link in links if link.startswith("socket:[") and link[8:-1] in inodes))
        return tuple(sorted(counts, reverse=True))

    def log_tail(self, characters: int = 4000) -> str:
        try:
            return self.log.read_text(errors="replace")[-characters:]
        except OSError:
            return ""


def _inodes_of_peers(port: int, peer_ports: set[int]) -> set[str]:
    """The socket inodes of the IPv4 connections whose local port is `port` and remote port one of `peer_ports`."""
    found: set[str] = set()
    try:
        lines = Path("/proc/net/tcp").read_text().splitlines()[1:]
    except OSError:
        return found
    for line in lines:
        fields = line.split()
        local, remote, inode = fields[1], fields[2], fields[9]
        if int(local.rsplit(":", 1)[1], 16) == port and int(remote.rsplit(":", 1)[1], 16) in peer_ports:
            found.add(inode)
    return found


def process_cpu_seconds(pid: int) -> float:
    """utime + stime of a process from /proc/<pid>/stat (0 if it is gone)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def resident_mib(pid: int) -> float:
    """The resident memory (VmRSS) of a process in MiB, from /proc (0 if it is gone)."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


def database_cpu_seconds(database_url: str) -> float:
    """CPU time used so far by the PostgreSQL backends connected to the database of `database_url` (this machine's
    server only; 0 for SQLite)."""
    url = make_url(database_url)
    if url.get_backend_name() != "postgresql":
        return 0.0
    engine = create_engine(url.set(drivername="postgresql+psycopg"))
    try:
        with engine.connect() as connection:
            pids = connection.execute(text("SELECT pid FROM pg_stat_activity WHERE datname = :name "
                                           "AND pid <> pg_backend_pid()"), {"name": url.database}).scalars().all()
    finally:
        engine.dispose()
    return sum(process_cpu_seconds(int(pid)) for pid in pids)


@frozen
class _Health:
    url: str

    def answers(self) -> bool:
        try:
            with urllib.request.urlopen(self.url, timeout=2) as response:
                return bool(response.status == 200)
        except OSError:
            return False


@contextmanager
def running(name: str, command: Sequence[str], *, port: int, env: Mapping[str, str] | None = None,
            health_path: str = "/healthz", log_dir: Path | None = None) -> Iterator[Server]:
    """Start `command` in a process group of its own, wait until GET health_path answers 200, and on the way out
    kill the whole group (SIGTERM, then SIGKILL after STOP_TIMEOUT). Its output goes to a log file in `log_dir`
    (default: the temporary directory), removed again unless an exception ended the block."""
    directory = Path(log_dir or tempfile.gettempdir())
    directory.mkdir(parents=True, exist_ok=True)
    log = directory / f"{name}-{port}.log"
    with log.open("wb") as sink:
        process = subprocess.Popen(list(command), env={**os.environ, **(env or {})}, stdout=sink,
                                   stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL, start_new_session=True,
                                   cwd=ROOT)
    server = Server(name, port, process, log)
    try:
        health, deadline = _Health(f"{server.url}{health_path}"), time.monotonic() + START_TIMEOUT
        while not health.answers():
            if not server.alive():
                raise RuntimeError(f"{name} exited with {process.returncode}:\n{server.log_tail()}")
            if time.monotonic() > deadline:
                raise RuntimeError(f"{name} did not answer {health_path} within {START_TIMEOUT:.0f} s:\n"
                                   f"{server.log_tail()}")
            time.sleep(0.1)
        yield server
    finally:
        stop(process)
    log.unlink(missing_ok=True)  # kept only when something went wrong (the exception passed by above)


def stop(process: subprocess.Popen[bytes]) -> None:
    """SIGTERM to the process group, SIGKILL if it is still there after STOP_TIMEOUT."""
    for sig, wait in ((signal.SIGTERM, STOP_TIMEOUT), (signal.SIGKILL, STOP_TIMEOUT)):
        with suppress(ProcessLookupError):
            os.killpg(process.pid, sig)
        try:
            process.wait(wait)
            break
        except subprocess.TimeoutExpired:
            continue
    with suppress(ProcessLookupError):  # stragglers of the group (a worker that outlived its master)
        os.killpg(process.pid, signal.SIGKILL)


def gunicorn(name: str, app: str, database_url: str, *, workers: int = GUNICORN_WORKERS,
             threads: int = GUNICORN_THREADS, env: Mapping[str, str] | None = None,
             log_dir: Path | None = None) -> AbstractContextManager[Server]:
    """gunicorn serving the WSGI `app` (module:factory()) in the fixed configuration, on `database_url`."""
    port = free_port()
    command = [str(BIN / "gunicorn"), "--config", GUNICORN_CONFIG, "--bind", f"127.0.0.1:{port}",
               "--workers", str(workers), "--threads", str(threads), "--keep-alive", "30",
               "--backlog", "2048", "--timeout", "60", "--graceful-timeout", "5", "--no-control-socket",
               "--pythonpath", str(ROOT), app]
    return running(name, command, port=port, env={"OMS_DATABASE_URL": database_url,
                                                  "OMS_SECRET_KEY": "benchmark-console-key", **(env or {})},
                   log_dir=log_dir)


def oms_gunicorn(database_url: str, *, workers: int = GUNICORN_WORKERS, threads: int = GUNICORN_THREADS,
                 env: Mapping[str, str] | None = None, log_dir: Path | None = None) -> AbstractContextManager[Server]:
    """The production entrypoint: gunicorn 'oms.entrypoints.wsgi:create_production_app()'."""
    return gunicorn("oms-gunicorn", "oms.entrypoints.wsgi:create_production_app()", database_url, workers=workers,
                    threads=threads, env=env, log_dir=log_dir)


def oms_serve(database_url: str, *, threads: int = 8, env: Mapping[str, str] | None = None,
              log_dir: Path | None = None) -> AbstractContextManager[Server]:
    """The embedded entrypoint: `oms serve` (waitress, with the scheduler) on `database_url`."""
    port = free_port()
    command = [str(BIN / "oms"), "--database-url", database_url, "serve", "--port", str(port),
               "--threads", str(threads)]
    return running("oms-serve", command, port=port, env={"OMS_DATABASE_URL": database_url, **(env or {})},
                   log_dir=log_dir)
