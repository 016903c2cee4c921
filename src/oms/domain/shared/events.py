"""Domain events: facts in the past tense that aggregates record and the outbox publishes."""

from __future__ import annotations

from datetime import datetime

from attrs import frozen


@frozen(kw_only=True)
class DomainEvent:
    aggregate_id: str
    occurred_at: datetime

    @property
    def name(self) -> str:
        return type(self).__name__


@frozen(kw_only=True)
class DocumentCreated(DomainEvent):
    document_type: str
    number: str


@frozen(kw_only=True)
class StatusChanged(DomainEvent):
    document_type: str
    number: str
    from_status: str
    to_status: str
    actor: str
    reason: str












