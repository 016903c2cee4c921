"""CSV files of master data in the console (products, customers, suppliers, supplier prices, exchange rates): an
upload runs the declared import action (all or nothing unless partial) and shows every refused row with its number
and field; a download exports in the columns the import takes. Both read and write the files as `oms ... import|
export` do (`csvfiles`)."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterator
from typing import Any

from attrs import frozen
from flask import Blueprint, render_template, request, stream_with_context
from werkzeug.wrappers import Response

from oms.application.masterdata.actions import CUSTOMER, EXCHANGE_RATE, PRODUCT, SUPPLIER
from oms.application.masterdata.exchange_rate_imports import exchange_rate_problems
from oms.application.masterdata.imports import ImportReport, RowError, customer_problems, product_problems
from oms.application.masterdata.supplier_imports import supplier_price_problems, supplier_problems
from oms.application.shared.actions import Action, Resource
from oms.domain.shared.errors import DomainError
from oms.entrypoints.console.actions import action_named
from oms.entrypoints.console.auth import actor, require
from oms.entrypoints.csvfiles import (
    CUSTOMERS,
    EXCHANGE_RATES,
    PRODUCTS,
    SUPPLIER_PRICES,
    SUPPLIERS,
    BadColumns,
    FileKind,
    csv_writer,
    imported,
    records,
)
from oms.entrypoints.http.config import api
from oms.entrypoints.http.problems import problem_for


@frozen(kw_only=True)
class CsvFile:
    """What importing and exporting one kind of record takes: its import action (by resource and name), its file
    (`name`.csv), the list page it belongs to (`page`), and the checks of its rows."""

    resource: Resource
    action: str
    what: str
    name: str
    page: str
    kind: FileKind
    problems: Callable[..., tuple[RowError, ...]]


FILES = {(f.resource.name, f.action): f for f in (
    CsvFile(resource=PRODUCT, action="import", what="products", name="products", page="products", kind=PRODUCTS,
            problems=product_problems),
    CsvFile(resource=CUSTOMER, action="import", what="customers", name="customers", page="customers",
            kind=CUSTOMERS, problems=customer_problems),
    CsvFile(resource=SUPPLIER, action="import", what="suppliers", name="suppliers", page="suppliers",
            kind=SUPPLIERS, problems=supplier_problems),
    CsvFile(resource=SUPPLIER, action="import-prices", what="supplier prices", name="supplier_prices",
            page="suppliers", kind=SUPPLIER_PRICES, problems=supplier_price_problems),
    CsvFile(resource=EXCHANGE_RATE, action="import", what="exchange rates", name="exchange_rates",
            page="exchange_rates", kind=EXCHANGE_RATES, problems=exchange_rate_problems))}


class Unreadable(ValueError):
    """An upload that is not a CSV file the import can take (no file, not UTF-8, wrong columns)."""


def _rows(file: CsvFile) -> tuple[list[Any], list[RowError]]:
    upload = request.files.get("file")
    if upload is None or not upload.filename:
        raise Unreadable("choose a CSV file to import")
    rows, unreadable = [], []
    try:
        with io.TextIOWrapper(upload.stream, encoding="utf-8-sig", newline="") as handle:
            for number, record in records(handle, file.kind, upload.filename):
                row, errors = file.kind.build(number, record)
                rows.append(row)
                unreadable.extend(errors)
    except (BadColumns, csv.Error) as error:
        raise Unreadable(str(error)) from None
    except UnicodeDecodeError:
        raise Unreadable(f"{upload.filename}: must be a CSV file in UTF-8") from None
    return rows, unreadable


def _import(file: CsvFile, action: Action, partial: bool) -> ImportReport:
    rows, unreadable = _rows(file)
    command: Any = action.command  # an import: its rows and whether partial
    return imported(rows, unreadable, partial, file.kind.columns,
                    lambda rows: api().system.read(file.problems, rows),
                    lambda rows: api().system.handle(command(rows=tuple(rows), partial=partial, actor=actor())))


def import_page(file: CsvFile) -> Any:
    action: Action = action_named(file.resource.name, file.action)
    user = require(action.role)
    if isinstance(user, Response):
        return user
    report, errors, message, status = None, {}, "", 200
    partial = request.form.get("partial") in ("true", "on")
    if request.method == "POST":
        try:
            report = _import(file, action, partial)
        except Unreadable as refused:
            errors, message, status = {"file": str(refused)}, "Correct the fields marked below.", 400
        except DomainError as refused:
            problem = problem_for(refused)
            message, status = problem.detail, problem.status
        else:
            status = 200 if report.applied else 422
    return render_template("console/import.html", action=action, file=file, report=report, errors=errors,
                           message=message, partial=partial, back=request.values.get("_back", "")), status


def _lines(file: CsvFile) -> Iterator[str]:
    buffer = io.StringIO()
    write = csv_writer(buffer)
    write(file.kind.columns)
    for item in file.kind.items(api().listings, api().system.read):
        write(file.kind.cells(item))
        yield buffer.getvalue()
        buffer.seek(0)
        buffer.truncate()
    yield buffer.getvalue()


def export(file: CsvFile) -> Any:
    user = require()
    if isinstance(user, Response):
        return user
    return Response(stream_with_context(_lines(file)), mimetype="text/csv",
                    headers={"Content-Disposition": f'attachment; filename="{file.name}.csv"'})


def register(bp: Blueprint) -> None:
    for (resource, name), file in FILES.items():  # before the generic forms: a file upload is not a form of inputs
        bp.add_url_rule(f"/{resource}/do/{name}", f"import_{file.name}", lambda file=file: import_page(file),
                        methods=["GET", "POST"])
        bp.add_url_rule(f"/{file.name}.csv", f"export_{file.name}", lambda file=file: export(file))
