"""The event catalogue: docs/events.md lists every event type with its version and described fields, as the catalogue
module renders it from the domain; each type's payload schema fits what oms writes; no field is a secret."""

from __future__ import annotations

import importlib
import json
import pkgutil
import re
import types
import typing
from datetime import UTC, date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any, ClassVar

import attrs
import pytest
from attrs import frozen
from hypothesis import given
from hypothesis import strategies as st
from jsonschema import Draft202012Validator

from oms.adapters.broker.rabbitmq import message_body, message_properties
from oms.adapters.event_json import decode, encode
from oms.application.webhooks.delivery import body_of
from oms.domain.event_types import EVENT_TYPES, schema_version
from oms.domain.invoicing.invoices import InvoiceKind, InvoicePosted
from oms.domain.sales.events import GoodsIssued
from oms.domain.shared.events import DomainEvent
from oms.domain.webhooks.webhooks import WebhookDelivery
from oms.entrypoints.event_schemas import (
    DECIMAL_PATTERN,
    envelope_schema,
    field_schema,
    payload_schema,
    schema_name,
    undescribed,
)
from oms.entrypoints.events_catalogue import event_types, render
from oms.ports.shared.relay import PublishedEvent

DOCUMENT = Path(__file__).parents[2] / "docs" / "events.md"
AT = datetime(2026, 5, 4, 12, 0, tzinfo=UTC)
# A payload carries ids, numbers, amounts and user names. No field may be named like a credential; an identifier a
# client chose (an idempotency key) would be no secret and is the one exception, should an event ever carry one.
SECRET_WORDS = {"secret", "password", "passwd", "token", "key", "credential", "credentials", "apikey", "pin"}
NOT_SECRETS = {"idempotency_key"}
NAMES = sorted(EVENT_TYPES)
EVERY_TYPE = [EVENT_TYPES[name] for name in NAMES]


def _subclasses_in_the_domain() -> set[type[DomainEvent]]:
    package = importlib.import_module("oms.domain")
    for module in pkgutil.walk_packages(package.__path__, "oms.domain."):
        importlib.import_module(module.name)
    found: set[type[DomainEvent]] = set()
    todo = list(DomainEvent.__subclasses__())
    while todo:
        cls = todo.pop()
        if cls.__module__.startswith("oms.domain."):  # not the ones tests make up
            found.add(cls)
        todo.extend(cls.__subclasses__())
    return found


def test_the_event_catalogue_lists_every_event_type_and_is_up_to_date() -> None:
    text = DOCUMENT.read_text(encoding="utf-8")
    names = [cls.__name__ for cls in event_types()]

    assert {"DocumentCreated", "StatusChanged", "GoodsIssued", "InvoicePosted", "StockMoved"} <= set(names)
    assert [name for name in names if f"\n## {name}\n\nVersion " not in text] == []
    assert text == render(), "run `python -m oms.entrypoints.events_catalogue`"


def test_every_event_class_of_the_domain_is_a_published_type_under_its_own_name() -> None:
    assert set(EVENT_TYPES.values()) == _subclasses_in_the_domain()
    assert all(name == cls.__name__ for name, cls in EVENT_TYPES.items())


@pytest.mark.parametrize("cls", EVERY_TYPE, ids=NAMES)
def test_every_event_says_when_it_is_published_and_describes_every_field(cls: type[DomainEvent]) -> None:
    assert cls.__doc__, f"{cls.__name__} needs a docstring saying when it is published"
    assert undescribed(cls) == []
    assert isinstance(cls.schema_version, int)
    assert cls.schema_version >= 1


def test_a_field_without_a_description_is_found() -> None:
    @frozen(kw_only=True)
    class Made(DomainEvent):
        """Made up."""

        field_descriptions: ClassVar[dict[str, str]] = {"told": "Something."}
        told: str
        untold: str
        blank: str = ""

    assert undescribed(Made) == ["untold", "blank"]


@pytest.mark.parametrize("cls", EVERY_TYPE, ids=NAMES)
def test_no_event_field_is_named_like_a_secret(cls: type[DomainEvent]) -> None:
    secret_like = [f.name for f in attrs.fields(cls)
                   if f.name not in NOT_SECRETS and SECRET_WORDS & set(f.name.lower().split("_"))]

    assert secret_like == []


def test_the_secret_check_would_catch_a_credential() -> None:
    names = ["api_key", "webhook_secret", "password", "access_token", "number", "customer_id", "idempotency_key"]

    caught = [name for name in names if name not in NOT_SECRETS and SECRET_WORDS & set(name.split("_"))]

    assert caught == ["api_key", "webhook_secret", "password", "access_token"]


def test_a_schema_says_each_type_as_it_is_written() -> None:
    assert field_schema(Decimal) == {"type": "string", "pattern": DECIMAL_PATTERN}
    assert field_schema(date) == {"type": "string", "format": "date"}
    assert field_schema(InvoiceKind) == {"type": "string", "enum": ["invoice", "credit_note"]}
    assert field_schema(tuple[tuple[str, Decimal], ...]) == {"type": "array", "items": {
        "type": "array", "prefixItems": [{"type": "string"}, {"type": "string", "pattern": DECIMAL_PATTERN}],
        "items": False, "minItems": 2, "maxItems": 2}}
    assert payload_schema(GoodsIssued)["title"] == schema_name(GoodsIssued) == "GoodsIssued.v1"


def _sample(cls: type[DomainEvent]) -> DomainEvent:
    """An event of `cls` with a value of the right type in every field."""
    hints = typing.get_type_hints(cls)
    return cls(**{f.name: _value(f.name, hints[f.name]) for f in attrs.fields(cls)})


def _value(name: str, tp: Any) -> Any:
    if tp is Decimal:
        return Decimal("-12.50")
    if tp is datetime:
        return AT
    if tp is date:
        return AT.date()
    if tp is str:
        return f"{name}-1"
    if tp is bool:
        return True
    if tp is int:
        return 3
    if isinstance(tp, type) and hasattr(tp, "__members__"):
        return next(iter(tp))  # type: ignore[call-overload]
    if isinstance(tp, types.UnionType):  # X | None: an X
        return _value(name, next(arg for arg in typing.get_args(tp) if arg is not type(None)))
    if typing.get_origin(tp) is tuple:  # tuple[X, ...]: two items; tuple[X, Y]: one of each
        items = typing.get_args(tp)
        if len(items) == 2 and items[1] is Ellipsis:
            return tuple(_value(f"{name}{n}", items[0]) for n in (1, 2))
        return tuple(_value(f"{name}{n}", item) for n, item in enumerate(items))
    raise TypeError(f"no sample value for {name}: {tp!r}")


@pytest.mark.parametrize("cls", EVERY_TYPE, ids=NAMES)
def test_what_the_outbox_writes_of_every_event_fits_its_schema_and_reads_back(cls: type[DomainEvent]) -> None:
    event = _sample(cls)

    payload = json.loads(json.dumps(encode(event)))

    Draft202012Validator(payload_schema(cls), format_checker=Draft202012Validator.FORMAT_CHECKER).validate(payload)
    assert decode(cls.__name__, payload) == event


def test_a_payload_of_the_wrong_shape_does_not_fit_its_schema() -> None:
    payload = json.loads(json.dumps(encode(_sample(GoodsIssued))))
    validator = Draft202012Validator(payload_schema(GoodsIssued))

    assert not validator.is_valid({**payload, "lines": [["line-1", 2]]})  # a number, not a decimal string
    assert not validator.is_valid({k: v for k, v in payload.items() if k != "warehouse_id"})
    assert validator.is_valid({**payload, "added_later": "x"})  # an added field: the same version


@given(st.decimals(allow_nan=False, allow_infinity=False))
def test_a_decimal_of_a_payload_is_written_without_an_exponent_and_reads_back_exactly(value: Decimal) -> None:
    event = InvoicePosted(aggregate_id="inv-1", occurred_at=AT, kind=InvoiceKind.INVOICE, number="INV-1",
                          customer_id="c-1", grand_total=value, currency="EUR")

    written = encode(event)["grand_total"]

    assert re.fullmatch(DECIMAL_PATTERN, written)
    assert decode("InvoicePosted", encode(event)) == event


def _published(cls: type[DomainEvent]) -> PublishedEvent:
    event = _sample(cls)
    return PublishedEvent(id="evt_000000000007", seq=7, type=cls.__name__, aggregate_id=event.aggregate_id,
                          occurred_at=AT, payload=json.loads(json.dumps(encode(event))))


def test_a_webhook_body_and_a_broker_message_carry_the_version_of_the_events_type(
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(GoodsIssued, "schema_version", 2)
    published = _published(GoodsIssued)
    delivery = WebhookDelivery(id="d-1", subscription_id="s-1", event_id=published.id, event_type=published.type,
                               aggregate_id=published.aggregate_id, occurred_at=AT, payload=dict(published.payload),
                               created_at=AT, next_attempt_at=AT)

    webhook, message = json.loads(body_of(delivery)), json.loads(message_body(published))

    assert webhook["version"] == message["version"] == message_properties(published).headers["version"] == 2
    assert webhook == message
    envelope = envelope_schema(GoodsIssued, payload_schema(GoodsIssued))
    Draft202012Validator(envelope, format_checker=Draft202012Validator.FORMAT_CHECKER).validate(webhook)
    assert schema_version("StatusChanged") == 1
    assert schema_version("NoSuchEvent") == 1
