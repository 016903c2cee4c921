"""The stock repository: levels (locked for a command), and the movement ledger."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from decimal import Decimal
from typing import Protocol

from attrs import frozen

from oms.domain.stock.levels import StockLevel, StockMovement
from oms.ports.masterdata.repositories import MasterDataUnitOfWork
from oms.ports.stock.holds import StockHoldRepository


@frozen(kw_only=True)
class StockBalance:
    """The sums of one level's movements up to a time: the quantity and the value on hand then."""

    product_id: str
    warehouse_id: str
    quantity: Decimal
    value: Decimal


class StockRepository(Protocol):
    def levels(self, product_ids: Sequence[str], warehouse_ids: Sequence[str]) -> list[StockLevel]:
        """Every (product, warehouse) level asked for, a zero level where none exists yet, each one tracked
        for the commit. Stores that lock take the rows in (product, warehouse) order."""
        ...
    def level(self, product_id: str, warehouse_id: str) -> StockLevel: ...
    def for_product(self, product_id: str) -> Sequence[StockLevel]: ...
    def movements(self, product_id: str | None = None, warehouse_id: str | None = None) -> Sequence[StockMovement]:
        """The movements, oldest first, in the order they were recorded."""
        ...
    def balances(self, until: datetime | None = None, warehouse_id: str | None = None) -> Sequence[StockBalance]:
        """Per (product, warehouse) with movements before `until` (all of them if None), in one warehouse or all:
        the sums of their quantities and values, exactly."""
        ...


class StockUnitOfWork(MasterDataUnitOfWork, Protocol):
    """What the stock use cases work in: master data and stock."""

    @property
    def stock(self) -> StockRepository: ...

    @property
    def stock_holds(self) -> StockHoldRepository: ...
