"""Procurement settings of a branch: the approval threshold of its purchase orders, its over-receipt tolerance and
the products' own tolerances."""

from __future__ import annotations

from decimal import Decimal

from attrs import field, frozen

from oms.application.masterdata.lookups import branch_by_code, product_by_sku
from oms.application.shared.commands import Command, Handlers
from oms.domain.procurement.settings import DEFAULT_PRICE_TOLERANCE, ProcurementSettings
from oms.domain.shared.ids import new_id
from oms.domain.shared.money import to_decimal
from oms.ports.procurement.repositories import ProcurementUnitOfWork
from oms.ports.shared.clock import Clock


def _threshold(value: object) -> Decimal | None:
    return None if value is None else to_decimal(value, "approval_threshold")


def _percent(value: object) -> Decimal:
    return to_decimal(value, "over_receipt_percent")


def _price_percent(value: object) -> Decimal:
    return to_decimal(value, "price_tolerance_percent")


def _optional_percent(value: object) -> Decimal | None:
    return None if value is None else to_decimal(value, "percent")


@frozen(kw_only=True)
class SetProcurementSettings(Command[None]):
    """Set a branch's approval threshold (in its currency; null: no approval), over-receipt tolerance (a percentage
    of the ordered quantity) and the price tolerance of its vendor bills (a percentage of the order's unit price)."""

    branch_code: str
    approval_threshold: Decimal | None = field(default=None, converter=_threshold)
    over_receipt_percent: Decimal = field(default=Decimal(0), converter=_percent)
    price_tolerance_percent: Decimal = field(default=DEFAULT_PRICE_TOLERANCE, converter=_price_percent)


@frozen(kw_only=True)
class SetReceiptTolerance(Command[None]):
    """Set a product's own over-receipt tolerance in a branch (null: the branch's applies again)."""

    branch_code: str
    sku: str
    percent: Decimal | None = field(default=None, converter=_optional_percent)


def _settings(uow: ProcurementUnitOfWork, branch_code: str) -> ProcurementSettings:
    branch = branch_by_code(uow, branch_code, "branch_code")
    settings = uow.procurement.settings.find(branch.id)
    if settings is None:
        settings = ProcurementSettings(id=branch.id)
        uow.procurement.settings.add(settings)
    return settings


def set_procurement_settings(cmd: SetProcurementSettings, uow: ProcurementUnitOfWork, clock: Clock) -> None:
    _settings(uow, cmd.branch_code).change(approval_threshold=cmd.approval_threshold,
                                           over_receipt_percent=cmd.over_receipt_percent,
                                           price_tolerance_percent=cmd.price_tolerance_percent)


def set_receipt_tolerance(cmd: SetReceiptTolerance, uow: ProcurementUnitOfWork, clock: Clock) -> None:
    product = product_by_sku(uow, cmd.sku, "sku")
    _settings(uow, cmd.branch_code).set_tolerance(product.id, cmd.percent, new_id())


HANDLERS: Handlers = {SetProcurementSettings: set_procurement_settings, SetReceiptTolerance: set_receipt_tolerance}
