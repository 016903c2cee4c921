"""A deterministic payment provider for tests and demos: what it answers is chosen by the amount's cents or by a
script, each idempotency key is served once (a repeated call gets the first answer back), and every call is kept.

By the cents of the amount (when the script is empty): .01 fails (declined); .02 is unknown, and asking again with
the same key tells it succeeded; .03 is unknown, and asking again tells it failed; anything else succeeds. A capture
never takes more than is left of its authorisation, nor a refund more than is left of its capture (failed).
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal

from attrs import define, field, frozen

from oms.domain.shared.money import Money
from oms.ports.invoicing.payment_provider import ProviderOutcome, ProviderResult

FAILED, SUCCEEDED, UNKNOWN = ProviderOutcome.FAILED, ProviderOutcome.SUCCEEDED, ProviderOutcome.UNKNOWN
BY_CENTS = {1: (FAILED, FAILED), 2: (UNKNOWN, SUCCEEDED), 3: (UNKNOWN, FAILED)}  # (first answer, the truth)


@frozen(kw_only=True)
class ProviderCall:
    """One call as the provider saw it, and what it answered; `replayed` when its key had been served before."""

    operation: str
    idempotency_key: str
    amount: Money
    target: str  # the payer (authorise), the authorisation (capture) or the capture (refund)
    result: ProviderResult
    replayed: bool


@define(kw_only=True)
class _Served:
    request: tuple[str, Money, str]
    truth: ProviderResult


@define
class ScriptedPaymentProvider:
    """`script`: outcomes to answer, in order, before the amount rule applies (an `unknown` in it resolves to the
    next scripted outcome, or succeeded, when the same key is asked again)."""

    script: list[ProviderOutcome] = field(factory=list)
    calls: list[ProviderCall] = field(factory=list, init=False)
    _served: dict[str, _Served] = field(factory=dict, init=False)
    _left: dict[str, Decimal] = field(factory=dict, init=False)  # reference -> what may still be captured/refunded
    _made: int = field(default=0, init=False)

    def authorise(self, *, idempotency_key: str, amount: Money, payer: str) -> ProviderResult:
        return self._call("authorise", idempotency_key, amount, payer, None)

    def capture(self, *, idempotency_key: str, authorisation: str, amount: Money) -> ProviderResult:
        return self._call("capture", idempotency_key, amount, authorisation, authorisation)

    def refund(self, *, idempotency_key: str, capture: str, amount: Money) -> ProviderResult:
        return self._call("refund", idempotency_key, amount, capture, capture)

    def _call(self, operation: str, key: str, amount: Money, target: str, takes_from: str | None) -> ProviderResult:
        request = (operation, amount, target)
        served = self._served.get(key)
        if served is not None:
            result = self._again(served, request)
        else:
            first, truth = self._outcomes(amount)
            truth_result = self._do(operation, amount, takes_from, truth)
            result = truth_result if first is not UNKNOWN else ProviderResult(
                outcome=UNKNOWN, detail="no answer in time: ask again with the same key")
            self._served[key] = _Served(request=request, truth=truth_result)
        self.calls.append(ProviderCall(operation=operation, idempotency_key=key, amount=amount, target=target,
                                       result=result, replayed=served is not None))
        return result

    def _again(self, served: _Served, request: tuple[str, Money, str]) -> ProviderResult:
        if served.request != request:
            return ProviderResult(outcome=FAILED, detail="the idempotency key was used for another request")
        return served.truth

    def _outcomes(self, amount: Money) -> tuple[ProviderOutcome, ProviderOutcome]:
        if self.script:
            first = self.script.pop(0)
            if first is UNKNOWN:
                return UNKNOWN, self.script.pop(0) if self.script else SUCCEEDED
            return first, first
        cents = int((amount.amount * 100) % 100)
        return BY_CENTS.get(cents, (SUCCEEDED, SUCCEEDED))

    def _do(self, operation: str, amount: Money, takes_from: str | None, outcome: ProviderOutcome) -> ProviderResult:
        """What the call really did (the answer a caller gets now or, after `unknown`, when it asks again)."""
        if outcome is FAILED:
            return ProviderResult(outcome=FAILED, detail="declined")
        if takes_from is not None:
            left = self._left.get(takes_from)
            if left is None:
                return ProviderResult(outcome=FAILED, detail=f"{takes_from} is not a successful authorisation or "
                                                             "capture")
            if amount.amount > left:
                return ProviderResult(outcome=FAILED, detail=f"only {left} is left of {takes_from}")
            self._left[takes_from] = left - amount.amount
        self._made += 1
        reference = f"{operation[:3]}_{self._made:06d}"
        self._left[reference] = amount.amount
        return ProviderResult(outcome=SUCCEEDED, reference=reference)

    def effects(self, operation: str | None = None) -> Iterable[ProviderCall]:
        """The calls that did something (not replays), of one operation or all."""
        return [c for c in self.calls if not c.replayed and operation in (None, c.operation)]
