"""Requests for quotation with their suppliers' quotations and awards."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

from oms.domain.procurement.rfqs import Rfq
from oms.ports.shared.documents import DocumentRepository


class RfqRepository(DocumentRepository[Rfq], Protocol):
    """RFQs, each with its lines, invitations, quotations and awards; loading one in a changing transaction locks
    it, so awards of the same RFQ take turns (its checks count every award made before)."""

    def list(self) -> Sequence[Rfq]:
        """Every RFQ, oldest first."""
        ...
