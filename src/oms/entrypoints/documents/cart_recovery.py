"""The recovery message of an abandoned cart as its customer receives it: a text and an HTML body rendered by
Jinja2 from templates kept with the other customer documents (templates/cart_recovery.*), beside the invoice's, so
that whoever restyles what customers get finds it all in one place. Stage 1 reminds; later stages urge."""

from __future__ import annotations

import functools
from decimal import Decimal
from typing import TYPE_CHECKING

from oms.application.processes.cart_messages import RecoveryMail, RenderedMail

if TYPE_CHECKING:
    from jinja2 import Environment

SUBJECTS = {1: "You left something in your cart"}
LATER_SUBJECT = "Your cart is still waiting for you"


def money(value: Decimal, currency: str) -> str:
    return f"{value} {currency}"


def quantity(value: Decimal) -> str:
    """A quantity without trailing zeros: 2, 1.5."""
    return f"{value.normalize():f}"


@functools.cache
def _templates() -> Environment:
    """Made on first use: jinja2 takes a noticeable part of a second to import."""
    from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape

    environment = Environment(loader=PackageLoader("oms.entrypoints.documents"), undefined=StrictUndefined,
                              autoescape=select_autoescape(), keep_trailing_newline=True)
    environment.filters.update(money=money, quantity=quantity)
    return environment


def render_recovery_mail(mail: RecoveryMail) -> RenderedMail:
    """The subject and both bodies of the message: greeting by name when the cart's customer is known."""
    subject = SUBJECTS.get(mail.stage, LATER_SUBJECT)
    greeting = f"Hello {mail.customer_name}," if mail.customer_name else "Hello,"
    context = {"m": mail, "first": mail.stage == 1, "greeting": greeting, "subject": subject}
    return RenderedMail(subject=subject, text=_templates().get_template("cart_recovery.txt").render(context),
                        html=_templates().get_template("cart_recovery.html").render(context))
