"""Exports through the installed executable: one whose reader stops early exits quietly, and one shown on a
terminal escapes control characters."""

from __future__ import annotations

import os
import pty
import shutil
import subprocess
import sys
from pathlib import Path

OMS = shutil.which("oms", path=str(Path(sys.executable).parent)) or "oms"


def environment(**settings: str) -> dict[str, str]:
    env = {key: value for key, value in os.environ.items() if not key.startswith("OMS_")}
    return {**env, **settings}


def customers_csv(path: Path, count: int) -> Path:
    rows = "".join(f"C{i:05},Customer number {i} with a name long enough to fill the pipe,c{i}@example.com\n"
                   for i in range(count))
    path.write_text("code,name,email\n" + rows, encoding="utf-8")
    return path


def test_an_export_whose_reader_stops_early_exits_quietly(tmp_path: Path) -> None:
    env = environment(OMS_DATABASE_URL=f"sqlite:///{tmp_path / 'oms.db'}")
    subprocess.run([OMS, "customer", "import", str(customers_csv(tmp_path / "c.csv", 3000))], env=env, check=True,
                   capture_output=True, timeout=120)

    export = subprocess.Popen([OMS, "customer", "export"], stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env)
    assert export.stdout is not None
    assert export.stderr is not None
    header = export.stdout.readline()
    export.stdout.close()  # like `| head -1`
    stderr = export.stderr.read()
    export.wait(60)

    assert header.startswith(b"code,name,email")
    assert stderr == b""
    assert export.returncode == 141


def test_an_export_shown_on_a_terminal_escapes_control_characters(tmp_path: Path) -> None:
    env = environment(OMS_DATABASE_URL=f"sqlite:///{tmp_path / 'oms.db'}")
    (tmp_path / "c.csv").write_text("code,name\nEVIL,Evil\x1b[2J Corp\n", encoding="utf-8")
    subprocess.run([OMS, "customer", "import", str(tmp_path / "c.csv")], env=env, check=True, capture_output=True,
                   timeout=60)
    controller, terminal = pty.openpty()
    try:
        exported = subprocess.run([OMS, "customer", "export"], stdout=terminal, stderr=subprocess.PIPE, env=env,
                                  timeout=60)
        os.close(terminal)
        shown = b""
        while True:
            try:
                chunk = os.read(controller, 4096)
            except OSError:  # the terminal's other end is closed and everything was read
                break
            if not chunk:
                break
            shown += chunk
    finally:
        os.close(controller)

    assert exported.returncode == 0
    assert b"\x1b" not in shown
    assert b"EVIL,Evil\\x1b[2J Corp" in shown
