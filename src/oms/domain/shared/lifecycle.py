"""Document lifecycles: status transitions allowed from named states, each kept in an audit trail with an event."""

from __future__ import annotations

import enum
from collections.abc import Mapping
from datetime import datetime
from typing import Generic, Protocol, TypeVar

from attrs import frozen

from oms.domain.shared.errors import refuse
from oms.domain.shared.events import DomainEvent, StatusChanged

S = TypeVar("S", bound=enum.StrEnum)


@frozen(kw_only=True)
class StatusChange:
    """One entry of a document's audit trail."""

    at: datetime
    actor: str
    from_status: str
    to_status: str
    reason: str = ""


class TrackedDocument(Protocol[S]):
    id: str
    number: str
    status: S
    history: list[StatusChange]
    events: list[DomainEvent]


@frozen(kw_only=True)
class Transition(Generic[S]):
    """A status change allowed only from `sources`; `rule` names what a refusal broke."""

    sources: frozenset[S]
    rule: str


def change_status(document: TrackedDocument[S], target: S, table: Mapping[S, Transition[S]], *,
                  at: datetime, actor: str, reason: str = "", document_type: str) -> None:
    """Move the document to `target` if the table allows it from its status, recording who, when and why."""
    transition = table[target]
    if document.status not in transition.sources:
        allowed = ", ".join(sorted(str(s) for s in transition.sources))
        raise refuse(transition.rule,
                     f"{document.number} is {document.status}; it can become {target} only from {allowed}")
    previous = document.status
    document.status = target
    document.history.append(StatusChange(at=at, actor=actor, from_status=str(previous),
                                         to_status=str(target), reason=reason))
    document.events.append(StatusChanged(aggregate_id=document.id, occurred_at=at, document_type=document_type,
                                         number=document.number, from_status=str(previous),
                                         to_status=str(target), actor=actor, reason=reason))
