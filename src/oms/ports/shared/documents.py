"""What every repository of numbered documents offers: a document by its id or by its human number."""

from __future__ import annotations

from typing import Protocol, TypeAlias, TypeVar

T = TypeVar("T")

DocumentRef: TypeAlias = str
"""A document's id (32 hex digits) or its number (SO-000001, Q-000001-R2): commands and reads take either."""


class DocumentRepository(Protocol[T]):
    def add(self, document: T) -> None: ...
    def get(self, document_id: str) -> T:
        """The document with this id; raises NotFound."""
        ...
    def by_number(self, number: str) -> T | None: ...
