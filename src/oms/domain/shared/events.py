"""Domain events: facts in the past tense that aggregates record and the outbox publishes."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import ClassVar

from attrs import frozen


@frozen(kw_only=True)
class DomainEvent:
    """A fact an aggregate recorded.

    `schema_version`: the version of the event's payload, published next to its type (`GoodsIssued` version 1). A
    change a consumer could misread (a field removed, renamed or retyped, a meaning changed) makes a new version;
    a field added does not. `field_descriptions`: a line per field saying what it holds (the catalogue,
    docs/events.md and the OpenAPI webhooks show them; a test fails when a field has none)."""

    schema_version: ClassVar[int] = 1
    field_descriptions: ClassVar[Mapping[str, str]] = {
        "aggregate_id": "The id of the document or record the event happened to.",
        "occurred_at": "When it happened (UTC).",
    }

    aggregate_id: str
    occurred_at: datetime

    @property
    def name(self) -> str:
        return type(self).__name__


@frozen(kw_only=True)
class DocumentCreated(DomainEvent):
    """A document was created (a quotation, a sales order, a work order or a service order), with its number."""

    field_descriptions: ClassVar[Mapping[str, str]] = {
        "document_type": "The kind of document: quotation, sales_order, work_order or service_order.",
        "number": "The document's number (Q-000001, SO-000001, WO-000001).",
    }

    document_type: str
    number: str


@frozen(kw_only=True)
class StatusChanged(DomainEvent):
    """A document moved from one status to another (confirmed, cancelled, issued, posted, ...): one per change,
    as its audit trail records it."""

    field_descriptions: ClassVar[Mapping[str, str]] = {
        "document_type": "The kind of document: quotation, sales_order, invoice, work_order, service_order, ...",
        "number": "The document's number.",
        "from_status": "The status it had.",
        "to_status": "The status it has now.",
        "actor": "Who changed it: a user's or token's name, or `scheduler`.",
        "reason": "Why, as given (empty when none was).",
    }

    document_type: str
    number: str
    from_status: str
    to_status: str
    actor: str
    reason: str
