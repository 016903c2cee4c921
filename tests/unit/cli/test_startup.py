"""What `oms` loads to start: help, --version and the commands kept in memory import neither SQLAlchemy nor Flask."""

from __future__ import annotations

import json
import subprocess
import sys
from importlib.metadata import version

import pytest
from click.testing import CliRunner

from oms.entrypoints.cli import main

PROBE = """
import json, sys
from oms.entrypoints.cli import main
try:
    main(sys.argv[1:], prog_name="oms")
except SystemExit:
    pass
print(json.dumps([name for name in ("sqlalchemy", "flask", "alembic", "apscheduler") if name in sys.modules]),
      file=sys.stderr)
"""


@pytest.mark.parametrize("args", [["--help"], ["--version"], ["db", "--help"], ["serve", "--help"],
                                  ["order", "issue", "--help"], ["quotation", "update-line", "--help"],
                                  ["product", "import", "--help"], ["system", "--help"], ["demo"]])
def test_help_version_and_commands_kept_in_memory_import_neither_sqlalchemy_nor_flask(args: list[str]) -> None:
    result = subprocess.run([sys.executable, "-c", PROBE, *args], capture_output=True, text=True, timeout=60,
                            check=True)

    imported = json.loads(result.stderr.splitlines()[-1])

    assert imported == []


def test_the_json_converter_imports_no_web_framework() -> None:
    probe = ("import json, sys; import oms.entrypoints.json.converter; "
             "print(json.dumps([m for m in ('flask', 'werkzeug', 'sqlalchemy') if m in sys.modules]))")

    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, timeout=60, check=True)

    assert json.loads(result.stdout) == []


def test_version_prints_the_name_and_the_installed_version() -> None:
    result = CliRunner().invoke(main, ["--version"])

    assert result.exit_code == 0
    assert result.stdout == f"oms {version('oms')}\n"
