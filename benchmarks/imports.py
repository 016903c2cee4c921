"""Benchmark f: CSV imports of products and customers through the installed `oms` command, on SQLite and PostgreSQL.

Each import is the wall time of a whole `oms --database-url URL product|customer import FILE` (a new process: the
interpreter's and the command's start, reading, checking and writing the file, the commit), on a database freshly
made and migrated with `oms db upgrade`, at two sizes (10,000 and 100,000 rows; 20,000 with --quick) so that the rows
per second at both show whether the import is linear; so does the rate of the rows between the two sizes, beside
the time of the same command on a file with no rows (the fixed cost: the process's start and the command's own,
which weighs on the smaller size most). The products and the customers of one size go into the same
fresh database (they share no table). At the larger size the same file is imported again (every row unchanged: the
case that was slow before), and then a file in which every row differs (new prices and names, new addresses): each
existing record is updated. Issue 9's target: each import under 30 s on this machine.

The files are made here, deterministically, with values a catalogue and a customer list have (SKUs in families,
kinds, units, prices with cents in EUR and USD, tax categories, a few inactive products; customers with e-mail
addresses, billing and shipping addresses in several countries, some tax-exempt with a reference). Each command
runs under a timeout; its CPU time (user + system, from the operating system's accounting of the waited-for child)
is reported beside the wall time, which on a shared machine also holds waiting for the CPU.
"""

from __future__ import annotations

import csv
import os
import random
import resource
import subprocess
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager
from pathlib import Path

from attrs import frozen

from benchmarks.report import Row
from benchmarks.servers import BIN, fresh_postgres, fresh_sqlite, oms_command

TARGET_SECONDS = 30.0
TIMEOUT_SECONDS = 600.0  # one command; far above the target, so a slow import is reported rather than hung
PRODUCT_COLUMNS = ["sku", "name", "kind", "uom", "price", "currency", "tax_category", "active"]
ADDRESS_PARTS = ["line1", "line2", "city", "postal_code", "region", "country"]
CUSTOMER_COLUMNS = ["code", "name", "email", "tax_exempt", "tax_exemption_reference",
                    *(f"billing_{p}" for p in ADDRESS_PARTS), *(f"shipping_{p}" for p in ADDRESS_PARTS)]

FAMILIES = [("DESK", "Desk", "stocked", "unit"), ("CHAIR", "Office chair", "stocked", "unit"),
            ("LAMP", "Desk lamp", "stocked", "unit"), ("PAPER", "Copy paper", "consumable", "box"),
            ("TONER", "Toner cartridge", "consumable", "pack"), ("CABLE", "Network cable", "stocked", "m"),
            ("COFFEE", "Coffee beans", "consumable", "kg"), ("INSTALL", "Installation", "service", "hour")]
MATERIALS = ["oak", "walnut", "steel", "white", "black", "recycled", "premium", "compact"]
CITIES = [("DE", "Berlin", "10115", ""), ("DE", "München", "80331", "BY"), ("FR", "Lyon", "69002", ""),
          ("NL", "Utrecht", "3511 AB", ""), ("US", "Austin", "78701", "TX"), ("GB", "Leeds", "LS1 4AP", ""),
          ("AT", "Wien", "1010", ""), ("ES", "Sevilla", "41001", "")]
STREETS = ["Hauptstraße", "Rue de la République", "Main Street", "Kerkstraat", "Calle Mayor", "Ringstraße"]
FIRMS = ["Bäckerei", "Consulting", "Logistics", "Architects", "Dental practice", "Bookshop", "Studio", "Garage"]
SURNAMES = ["Müller", "Dupont", "Smith", "de Vries", "García", "Novak", "O'Brien", "Schmidt", "Rossi", "Jansen"]


def product_rows(count: int, *, revision: int = 0) -> Iterator[list[str]]:
    """`count` products; `revision` 1 gives every one of them a new price and name (same SKU, kind, unit, currency),
    as a new price list would."""
    rng = random.Random(9 + revision)
    for number in range(count):
        code, label, kind, uom = FAMILIES[number % len(FAMILIES)]
        material = MATERIALS[(number // len(FAMILIES)) % len(MATERIALS)]
        price = f"{rng.randint(50, 250_000) / 100:.2f}"
        name = f"{label}, {material}, model {number:06}" + (" (2025)" if revision else "")
        currency = "USD" if number % 10 == 7 else "EUR"
        category = "reduced" if code == "COFFEE" else "standard"
        active = "false" if number % 50 == 49 else "true"
        yield [f"{code}-{number:06}", name, kind, uom, price, currency, category, active]


def customer_rows(count: int, *, revision: int = 0) -> Iterator[list[str]]:
    """`count` customers; `revision` 1 moves every one of them (new street and e-mail address)."""
    rng = random.Random(11 + revision)
    for number in range(count):
        country, city, postal, region = CITIES[number % len(CITIES)]
        surname = SURNAMES[rng.randrange(len(SURNAMES))]
        firm = FIRMS[number % len(FIRMS)]
        street = f"{STREETS[rng.randrange(len(STREETS))]} {rng.randint(1, 250)}"
        billing = [street, f"Floor {rng.randint(1, 9)}" if number % 3 == 0 else "", city, postal, region, country]
        shipping = billing if number % 4 else [f"Lager {rng.randint(1, 40)}", "Tor 3", city, postal, region, country]
        exempt = number % 25 == 0
        mailbox = "".join(c for c in surname.lower() if c.isalpha())
        email = f"orders+{number}@{mailbox}.{'example.org' if revision else 'example.com'}"
        yield [f"CUST-{number:06}", f"{surname} {firm}", email, "true" if exempt else "false",
               f"EU-VAT-{number:08}" if exempt else "", *billing, *shipping]


def write_csv(path: Path, columns: list[str], rows: Iterator[list[str]]) -> Path:
    with path.open("w", newline="", encoding="utf-8") as file:
        writer = csv.writer(file, lineterminator="\r\n")
        writer.writerow(columns)
        writer.writerows(rows)
    return path


@frozen
class Timed:
    wall: float
    cpu: float
    output: str


def timed_import(database_url: str, what: str, path: Path) -> Timed:
    """`oms --database-url URL <what> import FILE` in a new process: its wall time, its CPU time, what it printed."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    result = subprocess.run([str(BIN / "oms"), "--database-url", database_url, what, "import", str(path)],
                            capture_output=True, text=True, timeout=TIMEOUT_SECONDS,
                            env={**os.environ, "OMS_DATABASE_URL": database_url}, check=False)
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if result.returncode != 0:
        raise RuntimeError(f"oms {what} import {path.name} failed ({result.returncode}): "
                           f"{result.stderr.strip()[-2000:]}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return Timed(wall, cpu, result.stdout.strip())


KINDS = {"product": ("products", PRODUCT_COLUMNS, product_rows),
         "customer": ("customers", CUSTOMER_COLUMNS, customer_rows)}


def _files(directory: Path, sizes: tuple[int, ...]) -> dict[tuple[str, int, int], Path]:
    """(kind, rows, revision) -> a CSV file; revision 1 only at the largest size; 0 rows: the header alone."""
    files = {}
    for kind, (plural, columns, rows_of) in KINDS.items():
        files[kind, 0, 0] = write_csv(directory / f"{plural}-empty.csv", columns, iter([]))
        for size in sizes:
            for revision in (0, 1) if size == max(sizes) else (0,):
                path = directory / f"{plural}-{size}-{revision}.csv"
                files[kind, size, revision] = write_csv(path, columns, rows_of(size, revision=revision))
    return files


def _rate(rows: int, timed: Timed) -> str:
    return f"{rows / timed.wall:,.0f} rows/s"


def _backend_rows(label: str, fresh: Callable[[], AbstractContextManager[str]], sizes: tuple[int, ...],
                  files: dict[tuple[str, int, int], Path], progress: Callable[[str], None]) -> list[Row]:
    small, large = min(sizes), max(sizes)
    times: dict[tuple[str, int, str], Timed] = {}
    for size in sizes:
        with fresh() as url:
            oms_command(url, "db", "upgrade")
            for kind in KINDS:
                progress(f"  f. {label}: {size:,} {KINDS[kind][0]}")
                if size == small:  # the fixed cost: the process's start, the command's and the database's
                    times[kind, 0, "new"] = timed_import(url, kind, files[kind, 0, 0])
                times[kind, size, "new"] = timed_import(url, kind, files[kind, size, 0])
                if size == large:
                    times[kind, size, "same"] = timed_import(url, kind, files[kind, size, 0])
                    times[kind, size, "changed"] = timed_import(url, kind, files[kind, size, 1])
    rows = []
    for kind, (plural, _, _) in KINDS.items():
        empty, first, second = times[kind, 0, "new"], times[kind, small, "new"], times[kind, large, "new"]
        linear = (large / second.wall) / (small / first.wall)
        marginal = (large - small) / (second.wall - first.wall) if second.wall > first.wall else float("inf")
        cases = [
            ("new", f"{large:,} {plural} imported", second,
             f"{_rate(small, first)} at {small:,} ({first.wall:.1f} s), {_rate(large, second)} at {large:,} "
             f"(the rate at {large:,} is {linear:.0%} of that at {small:,}; the rows from {small:,} to {large:,} "
             f"went at {marginal:,.0f} rows/s; the command on a file with no rows takes {empty.wall:.1f} s)"),
            ("same", f"the same {large:,} {plural} imported again (all unchanged)", times[kind, large, "same"], ""),
            ("changed", f"{large:,} {plural} imported again, every row changed (all updated)",
             times[kind, large, "changed"], ""),
        ]
        for case, name, timed, rates in cases:
            where = "on a fresh migrated database" if case == "new" else f"on the {large:,} imported just before"
            note = (f"{rates or _rate(large, timed)}; the wall time of the whole command, a new process (its start "
                    f"included), {where}; its CPU {timed.cpu:.1f} s; it printed: {timed.output}")
            rows.append(Row(name=f"f. {label}: {name} (oms {kind} import)", figure=timed.wall, unit="s",
                            target=f"< {TARGET_SECONDS:.0f} s", met=timed.wall < TARGET_SECONDS, note=note))
    return rows


def run(sizes: tuple[int, ...], progress: Callable[[str], None] = print) -> list[Row]:
    rows: list[Row] = []
    with tempfile.TemporaryDirectory(prefix="oms-bench-import-") as directory:
        files = _files(Path(directory), sizes)
        rows += _backend_rows("SQLite", fresh_sqlite, sizes, files, progress)
        rows += _backend_rows("PostgreSQL", fresh_postgres, sizes, files, progress)
    return rows
