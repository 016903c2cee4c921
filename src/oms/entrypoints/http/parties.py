"""Customers (kept by managers), branches and warehouses (kept by admins); read by viewers."""

from __future__ import annotations

from flask import url_for

from oms.application.masterdata.commands import CreateBranch, CreateCustomer, CreateWarehouse
from oms.application.masterdata.lookups import branch_by_code, customer_by_code, warehouse_by_code
from oms.application.service import OrderManagement
from oms.domain.access.tokens import Role
from oms.entrypoints.http import presenters as present
from oms.entrypoints.http import views as v
from oms.entrypoints.http.endpoints import ApiBlueprint, Call, Reply

bp = ApiBlueprint("parties", __name__, tag="parties")


def _customer(system: OrderManagement, code: str) -> v.CustomerView:
    with present.reading(system) as (uow, _):
        return present.customer(customer_by_code(uow, code))


def _branch(system: OrderManagement, code: str) -> v.BranchView:
    with present.reading(system) as (uow, _):
        return present.branch(branch_by_code(uow, code))


def _warehouse(system: OrderManagement, code: str) -> v.WarehouseView:
    with present.reading(system) as (uow, codes):
        return present.warehouse(warehouse_by_code(uow, code), codes)


@bp.operation("GET", "/customers", summary="List the customers, by code", role=Role.VIEWER, response=v.CustomerList)
def list_customers(call: Call) -> v.CustomerList:
    with present.reading(call.system) as (uow, _):
        customers = sorted(uow.customers.list(), key=lambda c: c.code)
        return v.CustomerList(items=[present.customer(c) for c in customers])


@bp.operation("POST", "/customers", summary="Create a customer", role=Role.MANAGER, response=v.CustomerView,
              status=201, command=CreateCustomer)
def create_customer(call: Call) -> Reply:
    command = call.command(CreateCustomer)
    call.handle(command)
    return Reply(_customer(call.system, command.code), url_for(".get_customer", code=command.code))


@bp.operation("GET", "/customers/<code>", summary="Show a customer", role=Role.VIEWER, response=v.CustomerView)
def get_customer(call: Call) -> v.CustomerView:
    return _customer(call.system, call.args["code"])


@bp.operation("GET", "/branches", summary="List the branches, by code", role=Role.VIEWER, response=v.BranchList)
def list_branches(call: Call) -> v.BranchList:
    with present.reading(call.system) as (uow, _):
        return v.BranchList(items=[present.branch(b) for b in sorted(uow.branches.list(), key=lambda b: b.code)])


@bp.operation("POST", "/branches", summary="Create a branch", role=Role.ADMIN, response=v.BranchView, status=201,
              command=CreateBranch)
def create_branch(call: Call) -> Reply:
    command = call.command(CreateBranch)
    call.handle(command)
    return Reply(_branch(call.system, command.code), url_for(".get_branch", code=command.code))


@bp.operation("GET", "/branches/<code>", summary="Show a branch", role=Role.VIEWER, response=v.BranchView)
def get_branch(call: Call) -> v.BranchView:
    return _branch(call.system, call.args["code"])


@bp.operation("GET", "/warehouses", summary="List the warehouses, by code", role=Role.VIEWER,
              response=v.WarehouseList)
def list_warehouses(call: Call) -> v.WarehouseList:
    with present.reading(call.system) as (uow, codes):
        warehouses = sorted(uow.warehouses.list(), key=lambda w: w.code)
        return v.WarehouseList(items=[present.warehouse(w, codes) for w in warehouses])


@bp.operation("POST", "/warehouses", summary="Create a warehouse of a branch", role=Role.ADMIN,
              response=v.WarehouseView, status=201, command=CreateWarehouse)
def create_warehouse(call: Call) -> Reply:
    command = call.command(CreateWarehouse)
    call.handle(command)
    return Reply(_warehouse(call.system, command.code), url_for(".get_warehouse", code=command.code))


@bp.operation("GET", "/warehouses/<code>", summary="Show a warehouse", role=Role.VIEWER, response=v.WarehouseView)
def get_warehouse(call: Call) -> v.WarehouseView:
    return _warehouse(call.system, call.args["code"])
