"""SQLite's write lock held by another process: `oms` still reads at once, and a write that cannot get the lock
within the busy timeout exits 75 (try again) with one line, having changed nothing."""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import subprocess
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

OMS = shutil.which("oms", path=str(Path(sys.executable).parent)) or "oms"
BUSY = "Error: the database is busy (another process holds its write lock): nothing was changed; try again\n"

Oms = Callable[..., subprocess.CompletedProcess[str]]


@pytest.fixture
def oms_cli(tmp_path: Path) -> Oms:
    """`oms` on a SQLite file of its own, waiting at most 200 ms for the write lock."""
    env = {**{k: v for k, v in os.environ.items() if not k.startswith("OMS_")},
           "OMS_DATABASE_URL": f"sqlite:///{tmp_path / 'oms.db'}", "OMS_SQLITE_BUSY_TIMEOUT_MS": "200"}

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([OMS, *args], capture_output=True, text=True, env=env, cwd=tmp_path, timeout=90)

    return run


@contextmanager
def write_lock_held(path: Path) -> Iterator[None]:
    """Another process's writer, as SQLite sees it: a connection in BEGIN IMMEDIATE until the block ends."""
    holder = sqlite3.connect(path, isolation_level=None)
    try:
        holder.execute("BEGIN IMMEDIATE")
        yield
    finally:
        holder.rollback()
        holder.close()


def test_a_write_that_cannot_get_the_lock_in_time_exits_75_with_one_line_and_changes_nothing(
        oms_cli: Oms, tmp_path: Path) -> None:
    assert oms_cli("branch", "create", "BER", "--name", "Berlin", "--currency", "EUR", "--jurisdiction", "DE"
                   ).returncode == 0

    with write_lock_held(tmp_path / "oms.db"):
        refused = oms_cli("branch", "create", "MUC", "--name", "Munich", "--currency", "EUR", "--jurisdiction", "DE")

    assert (refused.returncode, refused.stdout, refused.stderr) == (75, "", BUSY)
    assert [b["code"] for b in json.loads(oms_cli("branch", "list", "--json").stdout)["items"]] == ["BER"]


def test_reads_answer_while_another_process_holds_the_write_lock(oms_cli: Oms, tmp_path: Path) -> None:
    oms_cli("branch", "create", "BER", "--name", "Berlin", "--currency", "EUR", "--jurisdiction", "DE")

    with write_lock_held(tmp_path / "oms.db"):
        listed = oms_cli("branch", "list", "--json")
        shown = oms_cli("branch", "show", "BER")

    assert listed.returncode == 0, listed.stderr
    assert [b["code"] for b in json.loads(listed.stdout)["items"]] == ["BER"]
    assert (shown.returncode, shown.stderr) == (0, "")
