"""Exit codes of `oms`: 1 refused, 2 usage, 3 unexpected (one line that says where the traceback went)."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

from click.testing import CliRunner, Result

from oms.entrypoints.cli import main
from oms.entrypoints.cli.support import CliContext
from oms.entrypoints.runtime import Runtime

Run = Callable[..., Result]


def broken() -> Runtime:
    raise RuntimeError("the disk caught fire\nsecond line of the message")


def test_a_refusal_exits_1_and_bad_input_exits_2(run: Run, confirmed_order: str) -> None:
    refused = run("order", "issue", confirmed_order, "1=99", "--warehouse", "BER-1")
    bad = run("order", "issue", confirmed_order, "1=abc", "--warehouse", "BER-1")

    assert (refused.exit_code, bad.exit_code) == (1, 2)


def test_an_unexpected_error_exits_3_with_one_line_naming_the_file_that_holds_its_traceback() -> None:
    result = CliRunner().invoke(main, ["customer", "list"], obj=CliContext(broken))

    [line] = result.stderr.splitlines()
    found = re.fullmatch(r"Error: unexpected RuntimeError: the disk caught fire; the traceback is in (\S+) "
                         r"\(set OMS_DEBUG=1 to print it here\)", line)
    assert result.exit_code == 3
    assert found is not None, line
    log = Path(found.group(1))
    try:
        assert "Traceback (most recent call last)" in log.read_text()
        assert "RuntimeError: the disk caught fire" in log.read_text()
        assert log.stat().st_mode & 0o077 == 0  # readable by its owner only
    finally:
        log.unlink()


def test_with_oms_debug_an_unexpected_error_prints_its_traceback_and_still_exits_3() -> None:
    result = CliRunner().invoke(main, ["customer", "list"], obj=CliContext(broken), env={"OMS_DEBUG": "1"})

    assert result.exit_code == 3
    assert "Traceback (most recent call last)" in result.stderr
    assert result.stderr.splitlines()[-1] == ("Error: unexpected RuntimeError: the disk caught fire "
                                              "(the traceback is above)")


def test_a_malformed_setting_is_a_usage_error_not_an_unexpected_one() -> None:
    result = CliRunner().invoke(main, ["customer", "list"], env={"OMS_MIGRATE_ON_START": "maybe"})

    assert result.exit_code == 2
    assert result.stderr.startswith("Error: OMS_MIGRATE_ON_START must be one of")


def test_a_malformed_log_setting_stops_serve_before_it_opens_anything() -> None:
    result = CliRunner().invoke(main, ["serve"], obj=CliContext(broken), env={"OMS_LOG_FORMAT": "xml"})

    assert result.exit_code == 2
    assert result.stderr == "Error: OMS_LOG_FORMAT must be one of text, json, not 'xml'\n"


def test_a_malformed_busy_timeout_is_a_usage_error() -> None:
    result = CliRunner().invoke(main, ["customer", "list"], env={"OMS_SQLITE_BUSY_TIMEOUT_MS": "soon"})

    assert result.exit_code == 2
    assert result.stderr == "Error: OMS_SQLITE_BUSY_TIMEOUT_MS must be a whole number of milliseconds, not 'soon'\n"
