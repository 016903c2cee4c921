"""`oms db upgrade` and `oms db current`, through the real `oms` command group, and the settings they read."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from oms.adapters.sql import head_revision
from oms.entrypoints.cli import main
from oms.entrypoints.settings import DEFAULT_DATABASE_URL, Settings


def test_upgrade_migrates_a_new_database_and_current_then_reports_head(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'cli.db'}"
    runner = CliRunner()

    before = runner.invoke(main, ["db", "current", "--url", url])
    upgraded = runner.invoke(main, ["db", "upgrade", "--url", url])
    again = runner.invoke(main, ["db", "upgrade", "--url", url])
    after = runner.invoke(main, ["db", "current", "--url", url])

    assert (before.exit_code, upgraded.exit_code, again.exit_code, after.exit_code) == (0, 0, 0, 0)
    assert "not migrated" in before.output
    assert f"{head_revision()} (head)" in after.output
    assert again.output == upgraded.output


def test_the_database_comes_from_oms_database_url(tmp_path: Path) -> None:
    path = tmp_path / "from-env.db"

    result = CliRunner().invoke(main, ["db", "upgrade"], env={"OMS_DATABASE_URL": f"sqlite:///{path}"})

    assert result.exit_code == 0
    assert path.exists()


def test_the_database_comes_from_the_option_of_oms_itself(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)  # where the default ./oms.db would be made
    url = f"sqlite:///{tmp_path / 'given.db'}"

    upgraded = CliRunner().invoke(main, ["--database-url", url, "db", "upgrade"], env={"OMS_DATABASE_URL": None})
    current = CliRunner().invoke(main, ["--database-url", url, "db", "current"], env={"OMS_DATABASE_URL": None})

    assert (upgraded.exit_code, current.exit_code) == (0, 0)
    assert f"{head_revision()} (head)" in current.output
    assert (tmp_path / "given.db").exists()
    assert not (tmp_path / "oms.db").exists()


@pytest.mark.postgres
def test_upgrade_works_on_postgresql(postgres_url: str) -> None:
    result = CliRunner().invoke(main, ["db", "upgrade", "--url", postgres_url])

    assert result.exit_code == 0, result.output
    assert "(head)" in result.output


def test_an_unreachable_database_is_a_one_line_error_not_a_traceback() -> None:
    result = CliRunner().invoke(main, ["db", "current", "--url", "postgresql://nobody@127.0.0.1:9/none"])

    assert result.exit_code == 1
    assert result.output.startswith("Error: cannot read the database: OperationalError")
    assert result.output.count("\n") == 1
    assert "Traceback" not in result.output


def test_settings_default_to_a_sqlite_file_that_is_migrated_on_start() -> None:
    assert Settings.from_env({}) == Settings(database_url=DEFAULT_DATABASE_URL, migrate_on_start=True)
    assert DEFAULT_DATABASE_URL == "sqlite:///oms.db"


def test_settings_leave_postgresql_migrations_to_the_deployment_unless_told() -> None:
    url = "postgresql://oms@db/oms"

    assert Settings.from_env({"OMS_DATABASE_URL": url}).migrate_on_start is False
    assert Settings.from_env({"OMS_DATABASE_URL": url, "OMS_MIGRATE_ON_START": "yes"}).migrate_on_start is True
    assert Settings.from_env({"OMS_MIGRATE_ON_START": "off"}).migrate_on_start is False
    with pytest.raises(ValueError, match="OMS_MIGRATE_ON_START"):
        Settings.from_env({"OMS_MIGRATE_ON_START": "maybe"})
