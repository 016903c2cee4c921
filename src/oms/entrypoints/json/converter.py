"""The one cattrs converter for the JSON oms reads and writes (HTTP, CLI --json): exact decimals, UTC times, no extras.

Reading is strict where cattrs is lax (it has no Decimal support and takes floats and naive datetimes as they come):
a string field takes only a string (without NUL; without any control character if it names something, see
`identifiers`), a number only an integer, a decimal only a decimal string (a JSON float is refused, it cannot hold
cents exactly), a timestamp only an aware one, an object only the fields its class declares. `openapi_schemas`
describes exactly these rules.
"""

from __future__ import annotations

import enum
import re
from collections.abc import Callable
from datetime import UTC, date, datetime
from decimal import Decimal
from typing import Any, TypeVar, get_args, get_origin

import attrs
from cattrs.errors import AttributeValidationNote, ClassValidationError, IterableValidationError, IterableValidationNote
from cattrs.gen import make_dict_structure_fn, override
from cattrs.preconf.json import JsonConverter, make_converter

from oms.application.shared.views import Quantity
from oms.domain.shared.discounts import Discount, DiscountKind
from oms.domain.shared.errors import InvalidValue
from oms.domain.shared.money import Money
from oms.entrypoints.json.field_errors import InvalidBody, InvalidField, dotted_path, field_errors
from oms.entrypoints.json.identifiers import is_identifier_field, unfit

T = TypeVar("T")

DECIMAL_PATTERN = r"^-?[0-9]{1,16}(\.[0-9]{1,12})?$"
DATE_PATTERN = r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$"
DATETIME_PATTERN = r"^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(\.[0-9]{1,6})?(Z|[+-][0-9]{2}:[0-9]{2})$"
TEXT_MAX_LENGTH = 2000
MAX_ITEMS = 1000
INT_MIN, INT_MAX = -(2**31), 2**31 - 1


def _noted(error: Exception, name: str) -> Exception:
    error.add_note(AttributeValidationNote(f"Structuring @ attribute {name}", name, object))
    return error


def _text(value: object, _: object) -> str:
    if not isinstance(value, str):
        raise InvalidField("must be a string")
    if len(value) > TEXT_MAX_LENGTH:
        raise InvalidField(f"must be at most {TEXT_MAX_LENGTH} characters")
    if "\x00" in value:
        raise InvalidField("must not contain NUL characters")
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        raise InvalidField("must not contain unpaired surrogates") from None
    return value


def _identifier(value: object, tp: object) -> str:
    """A string field that names something (`identifiers.is_identifier_field`): no control character either."""
    if isinstance(value, str) and (detail := unfit(value)) is not None:
        raise InvalidField(detail)
    return _text(value, tp)


def _integer(value: object, _: object) -> int:
    if not isinstance(value, int) or isinstance(value, bool):
        raise InvalidField("must be an integer")
    if not INT_MIN <= value <= INT_MAX:
        raise InvalidField(f"must be between {INT_MIN} and {INT_MAX}")
    return value


def _boolean(value: object, _: object) -> bool:
    if not isinstance(value, bool):
        raise InvalidField("must be true or false")
    return value


def parse_decimal(value: object) -> Decimal:
    if isinstance(value, float):
        raise InvalidField('must be a decimal string such as "12.50", not a JSON number')
    if not isinstance(value, str) or not re.fullmatch(DECIMAL_PATTERN, value):
        raise InvalidField('must be a decimal string such as "12.50" (up to 16 digits, 12 decimals)')
    return Decimal(value)


def parse_date(value: object) -> date:
    if not isinstance(value, str) or not re.fullmatch(DATE_PATTERN, value):
        raise InvalidField("must be a date as YYYY-MM-DD")
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise InvalidField("is not a valid date") from None


def parse_datetime(value: object) -> datetime:
    """An RFC 3339 timestamp with its offset (naive ones are refused), returned in UTC."""
    if not isinstance(value, str) or not re.fullmatch(DATETIME_PATTERN, value):
        raise InvalidField("must be an ISO 8601 timestamp with a time zone, such as 2026-03-02T09:30:00Z")
    try:
        return datetime.fromisoformat(value).astimezone(UTC)
    except ValueError:
        raise InvalidField("is not a valid timestamp") from None


def format_datetime(value: datetime) -> str:
    return value.astimezone(UTC).isoformat().replace("+00:00", "Z")


def format_decimal(value: Decimal, places: int = 0) -> str:
    """How every number is shown: `places` decimals, more only where the value has more (without trailing zeros);
    never an exponent, never -0. Amounts take their currency's minor digits, quantities their unit's decimals."""
    whole, _, fraction = format(value, "f").partition(".")
    fraction = fraction.rstrip("0").ljust(places, "0")
    if value == 0:
        whole = "0"
    return f"{whole}.{fraction}" if fraction else whole


def _discount(value: object, _: object) -> Discount:
    if not isinstance(value, dict):
        raise InvalidField("must be an object with kind and value")
    errors = [_noted(InvalidField("is not a field here"), key) for key in value if key not in ("kind", "value")]
    errors += [_noted(InvalidField("is required"), key) for key in ("kind", "value") if key not in value]
    for name, check in (("kind", lambda v, _: _enum(v, DiscountKind)), ("value", lambda v, _: parse_decimal(v))):
        try:
            if name in value:
                check(value[name], None)
        except InvalidField as error:
            errors.append(_noted(error, name))
    if errors:
        raise ClassValidationError("While structuring Discount", errors, Discount)
    try:
        return Discount.parse(value["kind"], parse_decimal(value["value"]), field="discount")
    except InvalidValue as error:
        name = error.field.removeprefix("discount.")
        raise ClassValidationError("While structuring Discount", [_noted(InvalidField(error.detail), name)],
                                   Discount) from None


def _enum(value: object, tp: type[enum.Enum]) -> enum.Enum:
    values = {str(member.value): member for member in tp}
    if not isinstance(value, str) or value not in values:
        raise InvalidField(f"must be one of {', '.join(values)}")
    return values[value]


def _is_sequence(tp: Any) -> bool:
    args = get_args(tp)
    return (get_origin(tp) is tuple and len(args) == 2 and args[1] is Ellipsis) or get_origin(tp) is list


def _is_structured_class(tp: Any) -> bool:
    return isinstance(tp, type) and attrs.has(tp) and tp not in (Discount, Money, Quantity)


def make_api_converter() -> JsonConverter:
    """Build the converter; `CONVERTER` below is the one the API uses."""
    converter = make_converter(forbid_extra_keys=True)
    converter.register_structure_hook(str, _text)
    converter.register_structure_hook(int, _integer)
    converter.register_structure_hook(bool, _boolean)
    converter.register_structure_hook(Decimal, lambda value, _: parse_decimal(value))
    converter.register_structure_hook(date, lambda value, _: parse_date(value))
    converter.register_structure_hook(datetime, lambda value, _: parse_datetime(value))
    converter.register_structure_hook(Discount, _discount)
    for base in (enum.Enum, enum.StrEnum):  # StrEnum too, or the hook of `str` would take string enums
        converter.register_structure_hook(base, _enum)
        converter.register_unstructure_hook(base, lambda member: member.value)
    converter.register_unstructure_hook(Decimal, format_decimal)
    converter.register_unstructure_hook(datetime, format_datetime)
    converter.register_unstructure_hook(Discount, lambda d: {"kind": d.kind.value, "value": format_decimal(d.value)})
    converter.register_unstructure_hook(Money, lambda m: {"amount": format_decimal(m.amount, m.currency.minor_units),
                                                          "currency": m.currency.code})
    converter.register_unstructure_hook(Quantity, lambda q: format_decimal(q.value, q.unit.decimals))

    def sequence_hook(tp: Any) -> Callable[[object, object], object]:
        item_type = get_args(tp)[0]

        def structure(value: object, _: object) -> object:
            if not isinstance(value, list):
                raise InvalidField("must be an array")
            if len(value) > MAX_ITEMS:
                raise InvalidField(f"must have at most {MAX_ITEMS} items")
            items, errors = [], []
            for index, element in enumerate(value):
                try:
                    items.append(converter.structure(element, item_type))
                except Exception as error:
                    error.add_note(IterableValidationNote(f"Structuring @ index {index}", index, item_type))
                    errors.append(error)
            if errors:
                raise IterableValidationError(f"While structuring {tp!r}", errors, tp)
            return tuple(items) if get_origin(tp) is tuple else items

        return structure

    def class_hook(cls: type[Any]) -> Callable[[object, object], object]:
        identifiers: dict[str, Any] = {  # overrides of fields that name something: `_identifier`, not `_text`
            field.name: override(struct_hook=_identifier) for field in attrs.fields(attrs.resolve_types(cls))
            if field.type is str and is_identifier_field(field.name)}
        base = make_dict_structure_fn(cls, converter, _cattrs_forbid_extra_keys=False, **identifiers)
        names = {field.name for field in attrs.fields(cls) if field.init}

        def structure(value: object, _: object) -> object:
            if not isinstance(value, dict):
                raise InvalidField("must be an object")
            errors = [_noted(InvalidField("is not a field here"), key) for key in value if key not in names]
            try:
                result = base(value, cls)
            except ClassValidationError as error:
                errors = [*error.exceptions, *errors]
            except InvalidValue as error:  # a converter or check of the class itself refused a value
                errors += _from_domain(error, names)
            if errors:
                raise ClassValidationError(f"While structuring {cls.__name__}", errors, cls)
            return result

        return structure

    converter.register_structure_hook_factory(_is_sequence, sequence_hook)
    converter.register_structure_hook_factory(_is_structured_class, class_hook)
    return converter


def _from_domain(error: InvalidValue, names: set[str]) -> list[Exception]:
    """The domain's refusal as an error at each field it names (its own path when it is no field of the class)."""
    return [_noted(InvalidField(error.detail), field) if field in names
            else InvalidField(error.detail, dotted_path(field)) for field in error.fields]


CONVERTER = make_api_converter()


def structure(data: object, cls: type[T]) -> T:
    """Structure a parsed JSON body into `cls`; raises `InvalidBody` naming every offending field."""
    try:
        return CONVERTER.structure(data, cls)
    except (ClassValidationError, IterableValidationError, InvalidField, InvalidValue) as error:
        raise InvalidBody(field_errors(error)) from None


def unstructure(obj: object) -> Any:
    """The JSON-ready form of a view: dicts, lists, strings, numbers, booleans and None."""
    return CONVERTER.unstructure(obj)
