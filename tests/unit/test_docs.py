"""The repository's own documents say what the code does: README.md and docs/ against the code and the tests."""

from __future__ import annotations

from pathlib import Path

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
