"""`oms rfq ...`: an RFQ created, sent, answered, compared as a table and awarded at the terminal."""

from __future__ import annotations

import json

import oms
from tests.unit.cli.conftest import Run
from tests.unit.rfq_support import seed_suppliers


def test_an_rfq_is_answered_compared_as_a_table_and_awarded_at_the_terminal(run: Run,
                                                                             system: oms.OrderManagement) -> None:
    seed_suppliers(system)
    created = run("rfq", "create", "NYC", "--line", "DESK:100:2026-03-20", "--supplier", "S1", "--supplier", "S2",
                  "--supplier", "S3", "--json")
    number = json.loads(created.stdout)["number"]
    assert run("rfq", "send", number).exit_code == 0
    assert run("rfq", "answer", number, "S1", "--offer", "1:10.00:100:14", "--valid-until", "2026-04-30").exit_code == 0
    assert run("rfq", "answer", number, "S2", "--offer", "1:9.50:100:5", "--valid-until", "2026-04-30").exit_code == 0
    assert run("rfq", "answer", number, "S3", "--offer", "1:9.90:100:30",
               "--valid-until", "2026-03-01").exit_code == 0

    table = run("rfq", "compare", number)
    awarded = run("rfq", "award", number, "--line", "1:S1:100")
    listed = run("rfq", "list")

    assert table.exit_code == 0, table.stderr
    rows = {line.split()[3]: line for line in table.stdout.splitlines() if line.startswith("1 ")}
    assert set(rows) == {"S1", "S2"}
    assert "10.00 *" in rows["S1"]
    assert "cheapest" in rows["S1"]
    assert "10.26" in rows["S2"]
    assert "5d *" in rows["S2"]
    assert "fastest" in rows["S2"]
    assert "1 EUR = 1.08 USD" in table.stdout
    assert "1 USD = 1 USD" not in table.stdout  # the branch's own currency needs no rate
    assert "S3" in run("rfq", "compare", number, "--include-expired").stdout
    assert awarded.exit_code == 0, awarded.stderr
    assert "PO-000001" in awarded.stdout
    assert number in listed.stdout
    assert "closed" in listed.stdout


def test_a_bad_offer_is_refused_in_one_line(run: Run, system: oms.OrderManagement) -> None:
    seed_suppliers(system)
    number = json.loads(run("rfq", "create", "NYC", "--line", "DESK:10", "--supplier", "S1", "--json").stdout)[
        "number"]
    run("rfq", "send", number)

    refused = run("rfq", "answer", number, "S1", "--offer", "1:10.00", "--valid-until", "2026-04-30")
    over = run("rfq", "award", number, "--line", "1:S1:5")

    assert refused.exit_code != 0
    assert "LINE:PRICE:QTY" in refused.stderr
    assert over.exit_code == 1
    assert "OfferMustExist" in over.stderr
    assert len(over.stderr.strip().splitlines()) == 1
