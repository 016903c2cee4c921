"""The table of API tokens: one row per token, only the hash of its secret."""

from __future__ import annotations

from sqlalchemy import Column, Integer, String, Table

from oms.adapters.sql.shared.metadata import ID, metadata
from oms.adapters.sql.shared.types import StrEnumType, UtcDateTime
from oms.domain.access.tokens import Role

api_tokens = Table(
    "api_tokens", metadata,
    Column("id", String(ID), primary_key=True),
    Column("name", String(100), nullable=False),
    Column("role", StrEnumType(Role), nullable=False),
    Column("token_hash", String(64), nullable=False, unique=True),
    Column("created_at", UtcDateTime(), nullable=False),
    Column("revoked_at", UtcDateTime(), nullable=True),
    Column("version", Integer(), nullable=False),
)
