"""The public Python API: the README's example runs as written, and `import oms` exports what it documents."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import oms

README = Path(__file__).resolve().parents[2] / "README.md"


def test_the_readme_example_runs_as_written() -> None:
    example = re.findall(r"```python\n(.*?)```", README.read_text(), re.S)[0]

    exec(compile(example, "README.md", "exec"), {})


def test_everything_in_all_is_importable_from_oms() -> None:
    missing = [name for name in oms.__all__ if not hasattr(oms, name)]

    assert missing == []


def test_importing_oms_starts_nothing_and_loads_no_web_or_database_framework() -> None:
    code = "import sys, oms; print(sorted(m for m in ('flask', 'sqlalchemy', 'apscheduler') if m in sys.modules))"

    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)

    assert result.stdout.strip() == "[]"
