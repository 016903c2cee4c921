"""CSV files of products and customers in the console: an upload runs the declared import action (all or nothing
unless partial) and shows every refused row with its number and field; a download exports in the columns the
import takes. Both read and write the files as `oms product|customer import|export` do (`csvfiles`)."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterator
from typing import Any

from attrs import frozen
from flask import Blueprint, render_template, request, stream_with_context
from werkzeug.wrappers import Response

from oms.application.masterdata.actions import CUSTOMER, PRODUCT
from oms.application.masterdata.imports import (
    ImportCustomers,
    ImportProducts,
    ImportReport,
    RowError,
    customer_problems,
    product_problems,
)
from oms.application.masterdata.queries import customer_page, product_page
from oms.application.shared.actions import Action
from oms.domain.shared.errors import DomainError
from oms.entrypoints.console.actions import action_named
from oms.entrypoints.console.auth import actor, require
from oms.entrypoints.csvfiles import CUSTOMERS, PRODUCTS, BadColumns, FileKind, csv_writer, every, imported, records
from oms.entrypoints.http.config import api
from oms.entrypoints.http.problems import problem_for


@frozen(kw_only=True)
class CsvFile:
    """What importing and exporting one kind of record takes: its file, command, checks and listing."""

    what: str
    kind: FileKind
    command: type[ImportProducts] | type[ImportCustomers]
    problems: Callable[..., tuple[RowError, ...]]
    page: Callable[..., Any]


FILES = {PRODUCT.name: CsvFile(what="products", kind=PRODUCTS, command=ImportProducts, problems=product_problems,
                               page=product_page),
         CUSTOMER.name: CsvFile(what="customers", kind=CUSTOMERS, command=ImportCustomers,
                                problems=customer_problems, page=customer_page)}


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


def _import(file: CsvFile, partial: bool) -> ImportReport:
    rows, unreadable = _rows(file)
    return imported(rows, unreadable, partial, file.kind.columns,
                    lambda rows: api().system.read(file.problems, rows),
                    lambda rows: api().system.handle(file.command(rows=tuple(rows), partial=partial,
                                                                  actor=actor())))


def import_page(resource: str) -> Any:
    file = FILES[resource]
    action: Action = action_named(resource, "import")
    user = require(action.role)
    if isinstance(user, Response):
        return user
    report, errors, message, status = None, {}, "", 200
    partial = request.form.get("partial") in ("true", "on")
    if request.method == "POST":
        try:
            report = _import(file, partial)
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
    for item in every(api().listings, file.page):
        write(file.kind.cells(item))
        yield buffer.getvalue()
        buffer.seek(0)
        buffer.truncate()
    yield buffer.getvalue()


def export(resource: str) -> Any:
    user = require()
    if isinstance(user, Response):
        return user
    file = FILES[resource]
    return Response(stream_with_context(_lines(file)), mimetype="text/csv",
                    headers={"Content-Disposition": f'attachment; filename="{file.what}.csv"'})


def register(bp: Blueprint) -> None:
    for resource, file in FILES.items():  # before the generic forms: a file upload is not a form of inputs
        bp.add_url_rule(f"/{resource}/do/import", f"import_{file.what}", lambda resource=resource: import_page(
            resource), methods=["GET", "POST"])
        bp.add_url_rule(f"/{file.what}.csv", f"export_{file.what}", lambda resource=resource: export(resource))
