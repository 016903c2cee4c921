"""The base of every command, and the converters that read exact numbers from what callers pass."""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from typing import TYPE_CHECKING, Any, ClassVar, Generic, Protocol, TypeVar

from attrs import frozen

from oms.domain.shared.ids import DocumentType
from oms.domain.shared.money import to_decimal
from oms.domain.shared.tax import parse_rate

if TYPE_CHECKING:
    from oms.ports.shared.clock import Clock

R = TypeVar("R", covariant=True)
C_contra = TypeVar("C_contra", contravariant=True)


@frozen(kw_only=True)
class Command(Generic[R]):
    """An instruction to the system; `R` is what handling it returns. `actor` is who asked (audit trail)."""

    numbered: ClassVar[tuple[DocumentType, ...]] = ()
    """The series a number of which handling the command takes, as a rule: the bus lets the store read them ahead
    (`SequenceRepository.read_ahead`), with the transaction's first statement."""

    actor: str = "system"


class CommandHandler(Protocol[C_contra, R]):
    """A use case: does one command's work inside the unit of work the bus opened (and commits afterwards). Each
    handler types `uow` with the part of the unit of work its context may use (`SalesUnitOfWork`, ...); the bus
    hands every handler the whole one."""

    def __call__(self, command: C_contra, uow: Any, clock: Clock, /) -> R: ...


Handlers = Mapping[type[Command[Any]], CommandHandler[Any, Any]]


def to_quantity(value: object) -> Decimal:
    return to_decimal(value, "quantity")


def to_optional_price(value: object) -> Decimal | None:
    return None if value is None else to_decimal(value, "unit_price")


def to_price(value: object) -> Decimal:
    return to_decimal(value, "price")


def to_percent(value: object) -> Decimal:
    return to_decimal(value, "over_delivery_percent")


def to_optional_decimal(value: object) -> Decimal | None:
    return None if value is None else to_decimal(value, "price")


def to_rate(value: object) -> Decimal:
    return parse_rate(value)


def to_optional_quantity(value: object) -> Decimal | None:
    return None if value is None else to_decimal(value, "quantity")
