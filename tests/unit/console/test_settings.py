"""The console's secret key: given, kept beside the embedded SQLite file, or refused to workers that must share it."""

from __future__ import annotations

import stat
from pathlib import Path

import pytest

from oms.entrypoints.console.config import ConsoleSettings


def test_the_embedded_default_makes_a_key_once_keeps_it_beside_the_database_and_lets_only_its_owner_read_it(
        tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'oms.db'}"

    first = ConsoleSettings.from_env({}, database_url=url)
    again = ConsoleSettings.from_env({}, database_url=url, shared=True)

    keyfile = tmp_path / "oms.db.secret"
    assert first.secret_key == again.secret_key == keyfile.read_text().strip()
    assert len(first.secret_key) >= 40
    assert stat.S_IMODE(keyfile.stat().st_mode) == 0o600


def test_a_given_key_wins_and_workers_sharing_a_server_database_must_be_given_one() -> None:
    url = "postgresql+psycopg://oms@db/oms"

    given = ConsoleSettings.from_env({"OMS_SECRET_KEY": "s3cret"}, database_url=url, shared=True)
    alone = ConsoleSettings.from_env({}, database_url=url)

    assert given.secret_key == "s3cret"
    assert alone.secret_key != ConsoleSettings.from_env({}, database_url=url).secret_key  # per process
    with pytest.raises(ValueError, match="OMS_SECRET_KEY"):
        ConsoleSettings.from_env({}, database_url=url, shared=True)
