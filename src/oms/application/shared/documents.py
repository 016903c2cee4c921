"""Numbered documents: a fresh number from the document type's sequence, and a document by its id or number (or
the id a listing's filter by it looks for)."""

from __future__ import annotations

from typing import Protocol, TypeVar

from oms.domain.shared.errors import NotFound
from oms.domain.shared.ids import DocumentType, document_number
from oms.ports.shared.documents import DocumentRef, DocumentRepository
from oms.ports.shared.listings import NO_MATCH
from oms.ports.shared.unit_of_work import SharedUnitOfWork

T = TypeVar("T")


class Identified(Protocol):
    @property
    def id(self) -> str: ...


D = TypeVar("D", bound=Identified)


def next_number(uow: SharedUnitOfWork, kind: DocumentType, period: str | None = None) -> str:
    """The next human number of the document type (SO-000001, ...), from its sequence in this transaction; with a
    `period` (a fiscal year) from that period's series (INV-2026-000001)."""
    return document_number(kind, uow.sequences.next_value(kind, period), period)


def find(documents: DocumentRepository[T], ref: DocumentRef, kind: str) -> T:
    """The document `ref` names: its number (SO-000001, Q-000001-R2) or its id; NotFound(kind, ref) otherwise."""
    if "-" in ref:  # numbers have a hyphen, oms's own ids (hex) never do
        found = documents.by_number(ref)
        if found is not None:
            return found
    try:
        return documents.get(ref)
    except NotFound:
        raise NotFound(kind, ref) from None


def matching_id(documents: DocumentRepository[D], ref: DocumentRef | None, kind: str) -> str | None:
    """The id a listing's filter by a document (its number or id) looks for: none when no document is named, one
    no document has when the named one does not exist (the filter then matches nothing)."""
    if ref is None:
        return None
    try:
        return find(documents, ref, kind).id
    except NotFound:
        return NO_MATCH
