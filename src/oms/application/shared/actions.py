"""Actions: every command declared once, in a plain table per context, with what the front doors need to offer it.

A declaration says which kind of thing the command acts on (a `Resource`: sales orders, products, ...), its name,
the role it needs, a summary, and how the HTTP API serves it (method, path under the resource, success status).
From that one line the HTTP API makes its route and OpenAPI entry, the CLI its command, and the console its button
and form; what the command answers is read from the aggregates in hand, in the command's own transaction.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from typing import Any, TypeVar

from attrs import field, frozen

from oms.application.shared.commands import Command
from oms.domain.access.tokens import Role

V = TypeVar("V")
Show = Callable[[Any, str], Any]
"""How a resource is shown: (an open unit of work of its context, the name of one) -> its view."""
Answer = Callable[[Any, Any, Any], Any]
"""What an action answers, from the unit of work its command ran in: (uow, command, the command's result) -> view."""
Prepare = Callable[[Any, Any, Any], Any]
"""A process run before an action's command, in transactions of its own: (the system, its payment provider or None,
the command) -> anything (a checkout with a payment: authorised, checked out, captured)."""


@frozen(kw_only=True)
class Resource:
    """A kind of thing commands act on and reads show: its `path` in the HTTP API (`/sales-orders`), the URL variable
    naming one (`ref`, `sku`, `code`) and the command field it fills (`order_id`), its CLI group (`order`), and how
    to show one by that name (`show`) and tell its name in the view (`key`, for Location headers)."""

    name: str
    title: str
    path: str
    cli: str
    tag: str
    show: Show | None = None
    ref: str = "ref"
    ref_field: str = "ref"
    key: Callable[[Any], str] = field(default=lambda view: str(view.number))


@frozen
class Action:
    """One command, declared once. `path` is relative to one resource (`confirm`, `lines/<line_id>`; "" is the
    resource itself) unless `collection`, then relative to the collection (`""` is POST /sales-orders). The
    command's fields are filled from the URL variables of the same name (the resource's `ref` fills its
    `ref_field`), the rest from the body, or the whole body fills `body_field`. `answer` says what to answer
    (default: the resource as shown after the command); `creates` makes it a creation: 201 with a Location.
    `arguments` names the command fields the CLI takes as positional arguments, in order, after the resource's ref
    (`oms stock receive SKU WAREHOUSE QUANTITY`); the others are options. `when` names the statuses of the resource
    in which the console offers the action, taken from the domain's own transition tables (None: whatever its
    status); the domain still decides, the console only leaves out buttons that could not work. `headers` maps HTTP
    request headers to the command fields they fill (`X-Cart-Token` -> `cart_token`; elsewhere an option).
    `prepare` runs a process before the command (see `Prepare`); the command, idempotent, then answers what the
    process made."""

    resource: Resource
    name: str
    command: type[Command[Any]]
    role: Role
    summary: str
    method: str = "POST"
    path: str | None = None
    collection: bool = False
    status: int = 200
    body_field: str | None = None
    answer: Answer | None = None
    creates: Resource | None = None
    operation: str | None = None  # the HTTP operation's id, where it is not <name>_<resource> (add_order_line)
    arguments: tuple[str, ...] = ()
    when: frozenset[str] | None = None
    headers: dict[str, str] = field(factory=dict)
    prepare: Prepare | None = None

    def offered_in(self, status: str | None) -> bool:
        """Whether the console offers the action on a resource in `status`."""
        return self.when is None or status is None or status in self.when

    @property
    def relative_path(self) -> str:
        return self.name if self.path is None else self.path

    @property
    def rule(self) -> str:
        """The URL rule under the API's prefix, in Flask's syntax (`/sales-orders/<ref>/confirm`)."""
        base = self.resource.path if self.collection else f"{self.resource.path}/<{self.resource.ref}>"
        return f"{base}/{self.relative_path}".rstrip("/")

    @property
    def url_fields(self) -> dict[str, str]:
        """URL variable -> command field."""
        names = re.findall(r"<(?:\w+:)?(\w+)>", self.rule)
        return {name: self.resource.ref_field if name == self.resource.ref else name for name in names}

    def respond(self, uow: Any, command: Command[Any], result: Any) -> Any:
        """The action's answer: its own, or the resource it created or acted on, as shown now."""
        if self.answer is not None:
            return self.answer(uow, command, result)
        if self.creates is None:
            ref = getattr(command, self.resource.ref_field)
        elif self.collection:  # a new one: named by the command (a SKU, a code) or by the id it returned
            ref = getattr(command, self.creates.ref_field, None) or result
        else:  # made from this one (a revision, an order): by the id it returned
            ref = result
        target = self.creates or self.resource
        assert target.show is not None, f"{target.name} has no view: declare the answer of {self.name}"
        return target.show(uow, ref)


def answers_result(_uow: Any, _command: Command[Any], result: V) -> V:
    """An action that answers what its command returned (a report, a number)."""
    return result


def actions_of(*tables: Sequence[Action]) -> list[Action]:
    """Every declared action of the given tables, refusing a command declared twice."""
    found = [action for table in tables for action in table]
    commands = [action.command for action in found]
    twice = {command.__name__ for command in commands if commands.count(command) > 1}
    if twice:
        raise ValueError(f"commands declared by more than one action: {sorted(twice)}")
    return found
