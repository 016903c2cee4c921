"""Benchmark results: rows with a figure, a target and a verdict, printed as a table and written as JSON."""

from __future__ import annotations

import json
import os
import platform
import sys
from datetime import UTC, datetime
from pathlib import Path

import attrs


@attrs.frozen(kw_only=True)
class Row:
    name: str
    figure: float
    unit: str
    reference: float | None = None  # the raw ceiling or bare endpoint measured in the same run
    target: str = ""
    met: bool | None = None
    note: str = ""

    @property
    def ratio(self) -> float | None:
        return None if not self.reference else self.figure / self.reference


def _memory() -> str:
    try:
        with open("/proc/meminfo") as meminfo:
            kib = int(meminfo.readline().split()[1])
        return f"{kib / 1024 / 1024:.0f} GiB"
    except (OSError, ValueError, IndexError):
        return "unknown"


def _cpu_model() -> str:
    try:
        with open("/proc/cpuinfo") as cpuinfo:
            for line in cpuinfo:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def machine() -> dict[str, str]:
    return {"python": sys.version.split()[0], "platform": platform.platform(), "cpus": str(os.cpu_count()),
            "processor": _cpu_model(), "memory": _memory(),
            "load_average": " ".join(f"{load:.2f}" for load in os.getloadavg()),
            "when": datetime.now(UTC).isoformat(timespec="seconds")}


def render(rows: list[Row]) -> str:
    headers = ["benchmark", "figure", "unit", "reference", "ratio", "target", "met"]
    cells = [[r.name, f"{r.figure:,.1f}", r.unit, "" if r.reference is None else f"{r.reference:,.1f}",
              "" if r.ratio is None else f"{r.ratio:.0%}", r.target,
              "" if r.met is None else ("yes" if r.met else "NO")] for r in rows]
    widths = [max(len(h), *(len(c[i]) for c in cells)) if cells else len(h) for i, h in enumerate(headers)]
    lines = ["| " + " | ".join(h.ljust(w) for h, w in zip(headers, widths, strict=True)) + " |",
             "|" + "|".join("-" * (w + 2) for w in widths) + "|"]
    lines += ["| " + " | ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)) + " |" for row in cells]
    notes = [f"- {r.name}: {r.note}" for r in rows if r.note]
    return "\n".join(lines + (["", *notes] if notes else []))


def write_json(rows: list[Row], path: Path, *, quick: bool = False) -> None:
    payload = {"machine": machine(), "quick": quick, "rows": [{**attrs.asdict(r), "ratio": r.ratio} for r in rows]}
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(payload, indent=2) + "\n")
