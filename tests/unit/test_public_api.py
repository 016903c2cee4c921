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


def test_every_handled_command_is_in_the_public_api() -> None:
    from oms.application.handlers import COMMAND_HANDLERS

    missing = sorted(command.__name__ for command in COMMAND_HANDLERS
                     if getattr(oms, command.__name__, None) is not command or command.__name__ not in oms.__all__)

    assert missing == []


def test_every_handled_command_is_declared_by_an_action() -> None:
    from oms.application.actions import ACTIONS, DECLARED_ONLY
    from oms.application.handlers import COMMAND_HANDLERS

    declared = {action.command for action in [*ACTIONS, *DECLARED_ONLY]}

    assert sorted(command.__name__ for command in COMMAND_HANDLERS if command not in declared) == []
