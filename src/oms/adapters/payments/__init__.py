"""Payment providers: a deterministic one for tests and demos (`scripted.py`); real ones come with their contracts.

`payment_provider(name)` is how a deployment chooses one by name (OMS_PAYMENT_PROVIDER): "test", the scripted provider
answering by the amount's cents (.01 declined, .02 and .03 unknown at first; anything else succeeds), which keeps
what it answered in the memory of its process; none: no provider, subscription invoices wait for a payment.
"""

from __future__ import annotations

from oms.adapters.payments.scripted import ScriptedPaymentProvider
from oms.ports.invoicing.payment_provider import PaymentProvider

PROVIDERS = ("test",)


def payment_provider(name: str | None) -> PaymentProvider | None:
    """The provider of this name, or None for none; a name of no provider is refused (ValueError)."""
    if not name:
        return None
    if name == "test":
        return ScriptedPaymentProvider()
    raise ValueError(f"OMS_PAYMENT_PROVIDER must be one of {', '.join(PROVIDERS)} (or unset), not {name!r}")
