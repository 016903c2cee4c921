"""`oms demo`: the walk through the sales flow in memory."""

from __future__ import annotations

from click.testing import CliRunner

from oms.entrypoints.cli import main


def test_the_demo_walks_through_quotation_order_and_goods_issue() -> None:
    result = CliRunner().invoke(main, ["demo"])

    assert result.exit_code == 0, result.output
    assert "accepted and converted into SO-" in result.output
    assert "partially_issued" in result.output
    assert "is completed; audit trail" in result.output
