"""The README's walkthrough, run as written against `oms serve --demo` in a real process on a fresh SQLite file."""

from __future__ import annotations

import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
OMS = Path(sys.executable).parent / "oms"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def wait_until_healthy(url: str, server: subprocess.Popen[bytes], seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise AssertionError(f"oms serve exited with {server.returncode}")
        try:
            with urllib.request.urlopen(f"{url}/healthz", timeout=2):
                return
        except OSError:
            time.sleep(0.2)
    raise AssertionError("oms serve did not answer /healthz in time")


def run_walkthrough(tmp_path: Path, block: int, cwd: Path = ROOT) -> list[str]:
    """The README's `block`-th sh block, run with bash against `oms serve --demo` on a fresh SQLite file: its
    output lines (the run must succeed)."""
    walkthrough = re.findall(r"```sh\n(.*?)```", (ROOT / "README.md").read_text(), re.S)[block]
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    env = {**os.environ, "OMS_DATABASE_URL": f"sqlite:///{tmp_path / 'oms.db'}", "OMS_URL": url,
           "PATH": f"{OMS.parent}{os.pathsep}{os.environ['PATH']}"}
    server = subprocess.Popen([str(OMS), "serve", "--demo", "--port", str(port)], env=env, cwd=tmp_path,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    try:
        wait_until_healthy(url, server)

        result = subprocess.run(["bash", "-euo", "pipefail", "-c", walkthrough], env=env, cwd=cwd,
                                capture_output=True, text=True, timeout=180)
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)

    assert result.returncode == 0, result.stderr
    return result.stdout.splitlines()


def test_the_readme_walkthrough_works_as_written(tmp_path: Path) -> None:
    lines = run_walkthrough(tmp_path, 1)

    assert "confirmed" in lines
    assert "issued" in lines
    assert lines.count("Q-000009") == 1  # the retried POST answered with the first quotation
    assert any(re.fullmatch(r"SO-\d{6} completed.*", line) for line in lines)  # its number follows the demo's
    assert lines[-1] == "GoodsReturned"  # the order's last event: the desk sent back


def test_the_readme_procurement_walkthrough_works_as_written(tmp_path: Path) -> None:
    lines = run_walkthrough(tmp_path, 2)

    offers = [line.split() for line in lines if "DESK-OAK" in line]
    assert [(offer[3], offer[-1]) for offer in offers] == [("PACIFIC", "cheapest"), ("OAKWORKS", "fastest")]
    assert any(" to_approve " in line for line in lines)  # 40 desks at 155.00 USD: above 5,000.00 EUR
    assert any(line.endswith(" ordered") for line in lines)
    assert any("match ok" in line and "4611.25 USD" in line for line in lines)  # 25 x 155.00 + 19%
    assert lines[-1].endswith(": 4611.25 USD")


def test_the_readme_production_walkthrough_works_as_written(tmp_path: Path) -> None:
    lines = run_walkthrough(tmp_path, 3)

    assert lines[0].startswith("TABLE revision 2 (active)")
    assert "4 TOP missing" in lines[1]
    assert "missing" not in lines[2]  # reserved once the tops came
    assert any(line.endswith(" TABLE into stock at 76.066667 EUR a unit, 228.20 in all") for line in lines)
    assert any(" to_close: 4 of 4 TABLE made" in line for line in lines)
    assert any(line.split()[1:2] == ["done:"] for line in lines)
    assert any(" posted: 1 line, net 180.00, tax 34.20, total 214.20 EUR" in line for line in lines)
    assert "4 delivered, 0 to invoice" in lines[-1]


def test_the_readme_subscriptions_walkthrough_works_as_written(tmp_path: Path) -> None:
    lines = run_walkthrough(tmp_path, 4)

    billed = [line.split() for line in lines if line.startswith(("renewal ", "quantity "))]
    movements = lines.index(next(line for line in lines if line.startswith("Movements in ")))
    [eur] = [line.split()[1:] for line in lines[movements:] if line.startswith("EUR ")]
    start, new, expansion, reactivation, contraction, churn, mrr = (Decimal(amount) for amount in eur)
    assert lines[0] == "REPAIR version 1: Repair hours, every month, 120.00 EUR a period (1 version)"
    assert lines[1:3] == [f"SUB-000011: 1 invoice {billed[0][5]}",  # the demo has 10 subscriptions
                          "1 subscription renewed, 1 invoice made"]
    assert lines[3] == "0 subscriptions renewed, 0 invoices made"  # the demo's are up to date, ACME's billed once
    assert "Repair service, SUB-000011, " in lines[4]
    assert [row[0] for row in billed] == ["renewal", "quantity"]
    assert billed[1][-1].startswith("CN-")  # the days left credited at 3 hours, charged at 5
    assert start + new + expansion + reactivation - contraction - churn == mrr


def test_the_readme_carts_walkthrough_works_as_written(tmp_path: Path) -> None:
    lines = run_walkthrough(tmp_path, 5)

    abandoned = [line.split() for line in lines[2:4]]
    ordered = [line for line in lines if line.startswith("checked out: ")]
    assert [row[1:3] for row in abandoned] == [["active", "-"], ["active", "CUST-003"]]  # the demo's two
    assert all(row[-2:-1] == ["yes"] for row in abandoned)
    assert len(ordered) == 2
    assert ordered[0] == ordered[1]  # a cart is checked out once: the retry answers the same order
    assert lines[-1] == "2 carts looked at, 0 stage(s) claimed"  # the two abandoned, their stages claimed


def test_the_readme_reports_walkthrough_works_as_written(tmp_path: Path) -> None:
    files = tmp_path / "files"
    files.mkdir()

    lines = run_walkthrough(tmp_path, 6, cwd=files)

    assert lines[0].split()[0] == "name"
    assert "Sales by month" in lines
    assert "Sales by customer" in lines
    assert any(line.startswith("Total") for line in lines)
    assert "the daily sales summary was rebuilt from the documents" in lines
    assert (files / "sales.png").read_bytes().startswith(b"\x89PNG")
    assert lines[-2:] == ["Period,Currency,Quantity,Net amount,Previous period,Change %",
                          (files / "sales.csv").read_text().splitlines()[1]]
