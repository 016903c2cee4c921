"""Benchmark e: how long the installed `oms` executable takes to answer `--help` and `--version` (the median wall
time of N runs, each a new process), beside a bare interpreter's start measured in the same run."""

from __future__ import annotations

import compileall
import statistics
import subprocess
import sys
import time
from pathlib import Path

import oms
from benchmarks.report import Row

BIN = Path(sys.executable).parent
TARGET_MS = 250.0


def median_ms(command: list[str], runs: int) -> float:
    """The median wall time of `runs` runs of the command, after one run that warms the file cache."""
    subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True, timeout=60)
    times: list[float] = []
    for _ in range(runs):
        started = time.perf_counter()
        subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True, timeout=60)
        times.append(time.perf_counter() - started)
    return statistics.median(times) * 1000


def run(runs: int) -> list[Row]:
    # The modules compiled as pip leaves an installed package: with PYTHONDONTWRITEBYTECODE set (as on the machines
    # here) an editable install would otherwise compile every module of oms again at each start.
    compileall.compile_dir(Path(oms.__file__).parent, quiet=1)
    bare = median_ms([sys.executable, "-c", "pass"], runs)
    rows = []
    for args in (["--help"], ["--version"]):
        figure = median_ms([str(BIN / "oms"), *args], runs)
        rows.append(Row(name=f"e. CLI: oms {' '.join(args)} (median of {runs} runs)", figure=figure, unit="ms",
                        reference=bare, target=f"< {TARGET_MS:.0f} ms", met=figure < TARGET_MS))
    return rows
