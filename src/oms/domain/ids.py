"""Identifiers and human document numbers."""

from __future__ import annotations

import enum
import uuid


def new_id() -> str:
    """A fresh opaque identifier (UUID4 hex)."""
    return uuid.uuid4().hex


class DocumentType(enum.StrEnum):
    """Each document type has its own number sequence and prefix: SO-000001, GI-000001, ..."""

    QUOTATION = "Q"
    SALES_ORDER = "SO"
    GOODS_ISSUE = "GI"
    STOCK_ADJUSTMENT = "ADJ"
    GOODS_RECEIPT = "GR"
    RFQ = "RFQ"
    PURCHASE_ORDER = "PO"
    WORK_ORDER = "WO"
    SUBSCRIPTION = "SUB"
    INVOICE = "INV"


def document_number(kind: DocumentType, sequence_value: int) -> str:
    return f"{kind.value}-{sequence_value:06d}"
