"""The `oms` command through Click's runner."""

from __future__ import annotations

from click.testing import CliRunner

from oms.entrypoints.cli import main


def test_the_demo_walks_through_quotation_order_and_goods_issue() -> None:
    result = CliRunner().invoke(main, ["demo"])

    assert result.exit_code == 0, result.output
    assert "Q-000001 accepted and converted into SO-000001" in result.output
    assert "GI-000002" in result.output
    assert "SO-000001 is completed" in result.output
