"""Identifiers and human document numbers."""

from __future__ import annotations

import enum
import functools
import itertools
import os
import time

from oms.domain.shared.errors import InvalidValue

PERIOD_LENGTH = 8  # a fiscal year ("2026"), or a longer label of one ("2026-27")

_counter = itertools.count()
_TAILS_FETCHED = 1024  # the random parts of as many identifiers asked of the OS at once (one system call)
_tails: list[str] = []  # random parts not handed out yet


def _fetch_tails() -> None:
    random = os.urandom(6 * _TAILS_FETCHED).hex()
    _tails.extend(random[start:start + 12] for start in range(0, len(random), 12))


os.register_at_fork(after_in_child=_tails.clear)  # a forked process (a server's worker) never hands out its parent's


def new_id() -> str:
    """A fresh opaque identifier of 32 hex digits that sorts in creation order within a process (nanosecond time,
    then a counter, then 48 random bits from the OS), so rows made in the same instant still list in the order they
    were made."""
    while True:
        try:
            tail = _tails.pop()  # atomic: threads never share one
            break
        except IndexError:
            _fetch_tails()
    return f"{time.time_ns():016x}{next(_counter) % 0x10000:04x}{tail}"


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
    CREDIT_NOTE = "CN"
    PAYMENT = "PAY"
    RETURN = "RMA"  # a customer return authorisation
    SUPPLIER_RETURN = "RTS"  # received goods returned to the supplier
    JOURNAL_ENTRY = "JE"
    VENDOR_BILL = "BILL"
    DEBIT_NOTE = "DN"
    SUPPLIER_PAYMENT = "SPAY"

    @property
    def gapless(self) -> bool:
        """Whether its numbers may have no gaps: those of legal documents (invoices, credit notes, journal
        entries), taken in the transaction that posts the document, which holds its series' counter until it ends
        (payments too: they are posted when recorded). Other documents' numbers never repeat but may skip one a
        rolled back command took, so that commands creating them never wait for each other."""
        return self in (DocumentType.INVOICE, DocumentType.CREDIT_NOTE, DocumentType.PAYMENT,
                        DocumentType.JOURNAL_ENTRY, DocumentType.VENDOR_BILL, DocumentType.DEBIT_NOTE,
                        DocumentType.SUPPLIER_PAYMENT)


@functools.lru_cache(maxsize=256)  # a few periods (fiscal years) are checked for every number taken
def check_period(period: str) -> str:
    """A series' period as given, or InvalidValue naming `period`: 1 to 8 letters, digits or dashes."""
    if not 0 < len(period) <= PERIOD_LENGTH or not all(c.isascii() and (c.isalnum() or c == "-") for c in period):
        raise InvalidValue("period", f"a period is 1 to {PERIOD_LENGTH} letters, digits or dashes, not {period!r}")
    return period


def document_number(kind: DocumentType, sequence_value: int, period: str | None = None) -> str:
    """SO-000001; with a period (a fiscal year, for series that restart every year): INV-2026-000001."""
    if period is None:
        return f"{kind.value}-{sequence_value:06d}"
    return f"{kind.value}-{check_period(period)}-{sequence_value:06d}"
