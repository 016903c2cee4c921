"""The in-memory repository of requests for quotation."""

from __future__ import annotations

from oms.adapters.memory.repository import InMemoryRepository
from oms.domain.procurement.rfqs import Rfq


class InMemoryRfqRepository(InMemoryRepository[Rfq]):
    kind = "rfq"

    @staticmethod
    def natural_key(rfq: Rfq) -> str:
        return rfq.number

    def by_number(self, number: str) -> Rfq | None:
        return self._by_natural_key(number)
