"""What the session compares to tell that an aggregate's row is unchanged without building it: the stored values,
where a list of values that cannot change is taken as its items, so an item appended, removed or replaced in place
shows, and a list whose items could change themselves is never taken (the row is built and compared instead)."""

from __future__ import annotations

from datetime import date

from attrs import Factory, define
from sqlalchemy import Column, MetaData, Table, Text

from oms.adapters.sql.shared.mapping import Entity
from oms.domain.subscriptions.records import Pause

COLUMNS = ("id", "pauses", "tags", "note")


@define(slots=False, eq=False, kw_only=True)
class Held:
    id: str
    pauses: list[Pause]
    tags: list[str]
    note: str


@define(slots=False, eq=False, kw_only=True)
class Nested:
    id: str
    pauses: list[list[Pause]]
    tags: list[str]
    note: str


def _entity(cls: type[object]) -> Entity:
    return Entity(cls, Table(cls.__name__.lower(), MetaData(), *(Column(name, Text) for name in COLUMNS)))


def test_a_list_of_values_that_cannot_change_is_taken_as_its_items_so_a_change_in_place_shows() -> None:
    take = _entity(Held).stored_values
    assert take is not None
    held = Held(id="h1", pauses=[Pause(start=date(2026, 1, 1), end=date(2026, 2, 1))], tags=["a"], note="n")
    before = take(vars(held))

    held.pauses.append(Pause(start=date(2026, 3, 1), end=date(2026, 4, 1)))
    appended = take(vars(held))
    held.pauses[1] = Pause(start=date(2026, 3, 5), end=date(2026, 4, 1))
    replaced = take(vars(held))
    del held.pauses[1]
    held.tags.append("b")
    tagged = take(vars(held))
    held.tags.remove("b")

    assert len({before, appended, replaced, tagged}) == 4
    assert take(vars(held)) == before  # equal items again: an equal row


def test_a_list_whose_items_could_change_in_place_is_never_taken() -> None:
    assert _entity(Nested).stored_values is None


@define(slots=False, eq=False, kw_only=True)
class Plain:
    id: str
    note: str
    since: date
    events: list[object] = Factory(list)


def test_objects_of_one_row_share_values_only_when_none_can_change_and_never_their_own_attributes() -> None:
    plain = Entity(Plain, Table("plain", MetaData(), *(Column(name, Text) for name in ("id", "note", "since"))),
                   not_stored=frozenset({"events"}))
    made = plain.build({"id": "p1", "note": "n", "since": date(2026, 1, 1)})

    first, second = plain.copy_of({"id": "p1", "note": "n", "since": made.since}), plain.copy_of(vars(made))
    first.note = "changed"
    first.events.append("raised")

    assert plain.values_unchangeable
    assert not _entity(Held).values_unchangeable  # its lists could be appended to: every object builds its own
    assert (second.id, second.note, second.since, second.events) == ("p1", "n", date(2026, 1, 1), [])
    assert made.note == "n"
    assert made.events == []
