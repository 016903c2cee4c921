"""What `oms` loads to start: help, --version and the commands kept in memory import neither SQLAlchemy nor Flask."""

from __future__ import annotations

import json
import subprocess
import sys
from importlib.metadata import version

import pytest
from click.testing import CliRunner

from oms.entrypoints.cli import main

PRODUCTION = ("oms.application.production", "oms.domain.production", "oms.entrypoints.cli.boms",
              "oms.entrypoints.cli.work_orders", "oms.entrypoints.cli.service_orders")
CLI_START = {"oms.entrypoints.cli.lazy", "oms.entrypoints.cli.exits"}  # the group of commands, and how they end
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
                                  ["product", "import", "--help"], ["system", "--help"], ["wo", "output", "--help"],
                                  ["bom", "--help"], ["demo"]])
def test_help_version_and_commands_kept_in_memory_import_neither_sqlalchemy_nor_flask(args: list[str]) -> None:
    result = subprocess.run([sys.executable, "-c", PROBE, *args], capture_output=True, text=True, timeout=60,
                            check=True)

    imported = json.loads(result.stderr.splitlines()[-1])

    assert imported == []


MODULES = """
import json, sys
from oms.entrypoints.cli import main
try:
    main(sys.argv[1:], prog_name="oms")
except SystemExit:
    pass
print(json.dumps(sorted(name for name in sys.modules if name.startswith(("oms.", "attrs")))), file=sys.stderr)
"""


def _imported_by(*args: str) -> list[str]:
    result = subprocess.run([sys.executable, "-c", MODULES, *args], capture_output=True, text=True, timeout=60,
                            check=True)
    imported: list[str] = json.loads(result.stderr.splitlines()[-1])
    return imported


@pytest.mark.parametrize("args", [["--help"], ["--version"]])
def test_help_and_version_import_no_command_no_context_and_not_attrs(args: list[str]) -> None:
    imported = _imported_by(*args)

    assert [name for name in imported if name.startswith(("oms.application", "oms.adapters", "attrs"))
            or (name.startswith("oms.entrypoints.cli.") and name not in CLI_START)] == []


def test_a_groups_help_imports_that_group_and_not_the_others() -> None:
    imported = _imported_by("order", "--help")

    assert "oms.entrypoints.cli.sales" in imported
    assert [name for name in ("oms.entrypoints.cli.rfqs", "oms.entrypoints.cli.procurement",
                              "oms.entrypoints.cli.accounting", "oms.entrypoints.cli.masterdata",
                              "oms.entrypoints.cli.vendor_bills", "oms.application.actions") if name in imported] == []


def test_oms_help_lists_the_production_groups_without_importing_production() -> None:
    listed = CliRunner().invoke(main, ["--help"])
    imported = _imported_by("--help")

    assert {"bom", "wo", "service"} <= {line.split()[0] for line in listed.stdout.split("Commands:\n")[1].splitlines()
                                        if line.startswith("  ") and line[2] != " "}
    assert [name for name in imported if name.startswith(PRODUCTION)] == []


def test_the_json_converter_imports_no_web_framework() -> None:
    probe = ("import json, sys; import oms.entrypoints.json.converter; "
             "print(json.dumps([m for m in ('flask', 'werkzeug', 'sqlalchemy') if m in sys.modules]))")

    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, timeout=60, check=True)

    assert json.loads(result.stdout) == []


def test_version_prints_the_name_and_the_installed_version() -> None:
    result = CliRunner().invoke(main, ["--version"])

    assert result.exit_code == 0
    assert result.stdout == f"oms {version('oms')}\n"
