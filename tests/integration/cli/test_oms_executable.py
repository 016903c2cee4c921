"""The installed `oms` executable, in a subprocess, on a temporary SQLite file: quotation -> order -> goods issue."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

OMS = shutil.which("oms", path=str(Path(sys.executable).parent)) or "oms"


OmsCli = Callable[..., subprocess.CompletedProcess[str]]


@pytest.fixture
def oms_cli(tmp_path: Path) -> OmsCli:
    env = {**os.environ, "OMS_DATABASE_URL": f"sqlite:///{tmp_path / 'oms.db'}"}

    def run(*args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
        result = subprocess.run([OMS, *args], capture_output=True, text=True, env=env, cwd=tmp_path, timeout=60)
        if check and result.returncode != 0:
            raise AssertionError(f"oms {' '.join(args)} failed ({result.returncode}): {result.stderr}")
        return result

    return run


def test_a_whole_sales_flow_through_the_installed_executable(oms_cli: OmsCli, tmp_path: Path) -> None:
    (tmp_path / "products.csv").write_text("sku,name,kind,uom,price,currency,tax_category\n"
                                           "DESK,Oak desk,stocked,unit,349.00,EUR,standard\n")
    (tmp_path / "customers.csv").write_text("code,name,shipping_country\nACME,Acme GmbH,DE\n")
    oms_cli("db", "upgrade")
    oms_cli("branch", "create", "BER", "--name", "Berlin", "--currency", "EUR", "--jurisdiction", "DE")
    oms_cli("warehouse", "create", "BER-1", "--name", "Berlin main", "--branch", "BER", "--priority", "10")
    oms_cli("tax", "set", "DE", "standard", "0.19")
    oms_cli("product", "import", "products.csv")
    oms_cli("customer", "import", "customers.csv")
    oms_cli("stock", "receive", "DESK", "BER-1", "6", "--reference", "PO-1", "--unit-cost", "150.00")

    oms_cli("quotation", "create", "--customer", "ACME", "--branch", "BER", "--line", "DESK:5", "--discount", "10%")
    oms_cli("quotation", "send", "Q-000001")
    oms_cli("quotation", "accept", "Q-000001")
    converted = oms_cli("quotation", "convert", "Q-000001")
    oms_cli("order", "confirm", "SO-000001")
    issued = oms_cli("order", "issue", "SO-000001", "1=3", "--warehouse", "BER-1")
    refused = oms_cli("order", "issue", "SO-000001", "1=3", "--warehouse", "BER-1", check=False)
    shown = json.loads(oms_cli("order", "show", "SO-000001", "--json").stdout)
    stock = json.loads(oms_cli("stock", "show", "DESK", "--json").stdout)

    assert converted.stdout.startswith("SO-000001 draft: 1 line, net 1570.50, tax 298.40, total 1868.90 EUR")
    assert issued.stdout.startswith("GI-000001: issued 3 units from BER-1")
    assert refused.returncode == 1
    assert refused.stderr.startswith("Error: refused (CannotIssueMoreThanOrdered)")
    assert "Traceback" not in refused.stderr
    assert (shown["status"], shown["lines"][0]["quantity_issued"]) == ("partially_issued", "3")
    assert stock == {"items": [{"sku": "DESK", "warehouse_code": "BER-1", "on_hand": "3", "reserved": "2",
                                "available": "1", "value": {"amount": "450.00", "currency": "EUR"},
                                "average_cost": {"amount": "150.00", "currency": "EUR"}}]}
