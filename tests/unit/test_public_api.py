"""The public Python API: the README's example runs as written, and `import oms` exports what it documents."""

from __future__ import annotations

import ast
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

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
    from oms.application.actions import ACTIONS
    from oms.application.handlers import COMMAND_HANDLERS, JOB_COMMANDS

    declared = {action.command for action in ACTIONS} | JOB_COMMANDS

    assert sorted(command.__name__ for command in COMMAND_HANDLERS if command not in declared) == []


def test_importing_oms_loads_no_context_until_a_name_is_used() -> None:
    code = ("import json, sys, oms; before = [m for m in ('oms.application.procurement', 'oms.domain.sales', "
            "'attrs', 'sqlalchemy') if m in sys.modules]; oms.PurchaseOrder; "
            "print(json.dumps([before, 'oms.application.procurement' in sys.modules]))")

    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)

    assert json.loads(result.stdout) == [[], False]


def test_every_name_in_all_resolves_in_a_fresh_interpreter() -> None:
    code = "import oms; print(sorted(name for name in oms.__all__ if getattr(oms, name, None) is None))"

    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)

    assert result.stdout.strip() == "[]"


def test_a_public_name_is_the_object_of_its_module_and_kept_after_first_use() -> None:
    from oms.domain.sales.sales_order import SalesOrder

    assert oms.SalesOrder is SalesOrder
    assert vars(oms)["SalesOrder"] is SalesOrder


def test_a_name_oms_does_not_export_is_an_attribute_error() -> None:
    with pytest.raises(AttributeError, match="no attribute 'NoSuchName'"):
        _ = oms.NoSuchName  # type: ignore[attr-defined]


def test_dir_lists_every_public_name() -> None:
    assert set(oms.__all__) <= set(dir(oms))


def test_the_names_given_to_type_checkers_are_the_names_imported_on_first_use() -> None:
    tree = ast.parse(Path(oms.__file__).read_text())
    checked = next(node for node in tree.body if isinstance(node, ast.If) and ast.unparse(node.test) == "TYPE_CHECKING")

    imported = {(alias.name, node.module) for node in checked.body if isinstance(node, ast.ImportFrom)
                for alias in node.names}

    assert imported == {(name, module) for module, names in oms._PLACES.items() for name in names}
    assert sorted(name for name, _ in imported) == sorted(oms.__all__)
