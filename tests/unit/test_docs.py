"""The repository's own documents say what the code does: README.md and docs/ against the code and the tests."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from oms.domain.access.tokens import describe_roles
from oms.entrypoints.cli import main
from oms.entrypoints.http.openapi import DESCRIPTION

ROOT = Path(__file__).resolve().parents[2]


def _words(text: str) -> str:
    return " ".join(text.split())


def test_the_readme_describes_the_roles_in_the_words_of_the_code() -> None:
    readme = (ROOT / "README.md").read_text()

    assert _words(describe_roles()) in _words(readme)


def test_the_openapi_document_and_the_cli_help_describe_the_roles_in_the_same_words() -> None:
    help_text = CliRunner().invoke(main, ["token", "create", "--help"], terminal_width=1000).stdout

    assert _words(describe_roles(lambda role: f"`{role}`")) in _words(DESCRIPTION)
    assert _words(describe_roles()) in _words(help_text)


TEST_REFERENCE = re.compile(r"(tests/[\w/]+\.py)::(\w+)")
SOURCE_PATH = re.compile(r"`((?:src|tests)/[\w/.]+\.py)`")
DOCS = ("docs/rules.md", "docs/architecture.md")


def _test_functions(path: Path) -> set[str]:
    tree = ast.parse(path.read_text())
    return {node.name for node in ast.walk(tree)
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef) and node.name.startswith("test_")}


def _missing_tests(text: str) -> list[str]:
    missing = []
    for path, name in TEST_REFERENCE.findall(text):
        file = ROOT / path
        if not file.is_file() or name not in _test_functions(file):
            missing.append(f"{path}::{name}")
    return missing


@pytest.mark.parametrize("document", DOCS)
def test_every_test_a_document_names_exists(document: str) -> None:
    text = (ROOT / document).read_text()

    assert _missing_tests(text) == []


def test_every_rule_points_to_at_least_one_test() -> None:
    text = (ROOT / "docs/rules.md").read_text()
    rules = [block for block in re.split(r"\n(?=- \*\*)", text) if block.startswith("- **")]

    assert len(rules) > 40
    assert [rule.splitlines()[0] for rule in rules if not TEST_REFERENCE.search(rule)] == []


@pytest.mark.parametrize("document", DOCS)
def test_every_file_a_document_names_from_the_repository_root_exists(document: str) -> None:
    text = (ROOT / document).read_text()

    assert [path for path in SOURCE_PATH.findall(text) if not (ROOT / path).is_file()] == []


def test_a_reference_to_a_test_that_does_not_exist_is_caught() -> None:
    text = "`tests/unit/test_docs.py::test_nothing_of_the_sort` and `tests/unit/nowhere.py::test_anything`"

    assert _missing_tests(text) == ["tests/unit/test_docs.py::test_nothing_of_the_sort",
                                    "tests/unit/nowhere.py::test_anything"]


def test_no_source_or_test_sends_its_reader_to_notes_outside_the_repository() -> None:
    outside = re.compile(r"\b(DESIGN|STYLE)\.md\b")
    files = [*(ROOT / "src").rglob("*.py"), *(ROOT / "tests").rglob("*.py")]

    assert sorted(str(f.relative_to(ROOT)) for f in files
                  if f.name != "test_docs.py" and outside.search(f.read_text())) == []


def test_every_picture_the_readme_shows_exists() -> None:
    pictures = re.findall(r"!\[[^\]]*\]\(([^)]+)\)", (ROOT / "README.md").read_text())

    assert pictures
    assert [picture for picture in pictures if not (ROOT / picture).is_file()] == []
