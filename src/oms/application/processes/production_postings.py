"""Postings of production to the books, in the transaction of the command that reports the output: one entry per
output, Dr finished goods inventory / Cr component inventory / Cr labour absorbed / Cr overhead absorbed, so the
inventory account moves by exactly what the stock levels' values moved (the consumption and production movements
themselves post nothing of their own)."""

from __future__ import annotations

from oms.application.accounting.books import record_entry
from oms.domain.accounting.journal import SourceKind
from oms.domain.accounting.postings import production_legs
from oms.domain.production.events import OutputReported
from oms.domain.shared.events import DomainEvent
from oms.ports.unit_of_work import UnitOfWork


def post_output_entry(uow: UnitOfWork, event: DomainEvent) -> None:
    """An output reported: its value into the warehouse's inventory, its components out of it, labour and overhead
    absorbed; dated as the output."""
    assert isinstance(event, OutputReported)
    warehouse = uow.masterdata.warehouses.get(event.warehouse_id)
    legs = production_legs(value=event.value, component_value=event.component_value,
                           labour_value=event.labour_value, overhead_value=event.overhead_value,
                           warehouse=warehouse.code)
    record_entry(uow, legs, entry_date=event.occurred_at.date(), currency=event.currency,
                 source=(SourceKind.STOCK, event.reference), description=f"Production {event.reference}",
                 at=event.occurred_at, actor=event.actor)
