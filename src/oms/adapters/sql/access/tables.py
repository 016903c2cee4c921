"""The tables of access: API tokens (only the hash of each secret) and console users (only a password hash)."""

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

users = Table(
    "users", metadata,
    Column("id", String(ID), primary_key=True),
    Column("username", String(50), nullable=False, unique=True),  # kept lower-case, so unique in any case
    Column("name", String(100), nullable=False),
    Column("role", StrEnumType(Role), nullable=False),
    Column("password_hash", String(255), nullable=False),
    Column("created_at", UtcDateTime(), nullable=False),
    Column("disabled_at", UtcDateTime(), nullable=True),
    Column("failed_sign_ins", Integer(), nullable=False),
    Column("locked_until", UtcDateTime(), nullable=True),
    Column("last_sign_in_at", UtcDateTime(), nullable=True),
    Column("version", Integer(), nullable=False),
)
