"""A column the database keeps itself (a trigger's) is declared on a child entity, never on a root: the session
leaves it out of a child's rows when it compares them, but compares a root's row whole."""

from __future__ import annotations

import pytest
from attrs import define, field
from sqlalchemy import Boolean, Column, Integer, MetaData, String, Table

from oms.adapters.sql.shared.mapping import Aggregate, Children, Entity, check

metadata = MetaData()
roots = Table("roots", metadata, Column("id", String, primary_key=True))
roots_with_a_flag = Table("roots_with_a_flag", metadata, Column("id", String, primary_key=True),
                          Column("closed", Boolean))
children = Table("children", metadata, Column("id", String, primary_key=True), Column("parent_id", String),
                 Column("position", Integer), Column("closed", Boolean))


@define(slots=False)
class Child:
    id: str


@define(slots=False)
class Parent:
    id: str
    items: list[Child] = field(factory=list)


CHILDREN = Children("items", Entity(Child, children, kept_by_database=frozenset({"closed"})),
                    parent_column="parent_id")


def test_a_childs_column_kept_by_the_database_is_declared() -> None:
    check(Aggregate("parent", Entity(Parent, roots, children=(CHILDREN,))))


def test_a_roots_column_kept_by_the_database_is_refused() -> None:
    with pytest.raises(TypeError, match="only a child's columns may be kept by the database"):
        check(Aggregate("parent", Entity(Parent, roots_with_a_flag, kept_by_database=frozenset({"closed"}),
                                         children=(CHILDREN,))))
