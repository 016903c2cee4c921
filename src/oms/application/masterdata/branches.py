"""Branches (selling units with a currency and a tax jurisdiction) and their warehouses."""

from __future__ import annotations

from attrs import frozen

from oms.application.masterdata.lookups import branch_by_code
from oms.application.shared.commands import Command, Handlers
from oms.domain.masterdata.parties import Branch, Warehouse
from oms.domain.shared.errors import AlreadyExists
from oms.domain.shared.ids import new_id
from oms.ports.masterdata.repositories import MasterDataUnitOfWork
from oms.ports.shared.clock import Clock


@frozen(kw_only=True)
class CreateBranch(Command[str]):
    """A branch; returns its id."""

    code: str
    name: str
    currency: str
    tax_jurisdiction: str


@frozen(kw_only=True)
class CreateWarehouse(Command[str]):
    """A warehouse of a branch; orders reserve from the lowest `priority` number first. Returns its id."""

    code: str
    name: str
    branch_code: str
    priority: int = 100


def create_branch(cmd: CreateBranch, uow: MasterDataUnitOfWork, clock: Clock) -> str:
    if uow.masterdata.branches.by_code(cmd.code) is not None:
        raise AlreadyExists("branch", cmd.code)
    branch = Branch(new_id(), cmd.code, cmd.name, cmd.currency, cmd.tax_jurisdiction)
    uow.masterdata.branches.add(branch)
    return branch.id


def create_warehouse(cmd: CreateWarehouse, uow: MasterDataUnitOfWork, clock: Clock) -> str:
    if uow.masterdata.warehouses.by_code(cmd.code) is not None:
        raise AlreadyExists("warehouse", cmd.code)
    branch = branch_by_code(uow, cmd.branch_code, "branch_code")
    warehouse = Warehouse(new_id(), cmd.code, cmd.name, branch.id, cmd.priority)
    uow.masterdata.warehouses.add(warehouse)
    return warehouse.id


HANDLERS: Handlers = {CreateBranch: create_branch, CreateWarehouse: create_warehouse}
