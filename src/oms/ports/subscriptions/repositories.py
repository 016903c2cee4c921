"""Subscription plans (their versions), subscriptions, what they billed and the charges of their invoices, and the
unit of work the subscription use cases run in."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date, datetime
from decimal import Decimal
from typing import Protocol

from attrs import frozen

from oms.domain.subscriptions.charges import Charge
from oms.domain.subscriptions.plans import PlanVersion
from oms.domain.subscriptions.subscriptions import Subscription
from oms.ports.masterdata.repositories import MasterDataUnitOfWork
from oms.ports.shared.documents import DocumentRepository
from oms.ports.subscriptions.recurring import BilledPrice, SubscriptionTerms


class PlanRepository(Protocol):
    """The versions of every plan; a plan's current version is its latest (one current version per plan)."""

    def add(self, version: PlanVersion) -> None: ...
    def get(self, version_id: str) -> PlanVersion:
        """The plan version with this id; raises NotFound."""
        ...
    def version(self, code: str, version: int) -> PlanVersion | None:
        """Version `version` of the plan `code`, if there is one."""
        ...
    def versions(self, code: str) -> Sequence[PlanVersion]:
        """Every version of the plan `code`, first version first."""
        ...
    def current(self, code: str) -> PlanVersion | None:
        """The plan's current (latest) version, if the plan exists."""
        ...
    def current_of(self, plan_id: str) -> PlanVersion:
        """The current version of the plan with this id (what a renewal bills at); raises NotFound."""
        ...


class SubscriptionRepository(DocumentRepository[Subscription], Protocol):
    """Subscriptions by id and number (SUB-000001); loading one in a changing transaction locks it."""

    def list(self) -> Sequence[Subscription]:
        """Every subscription, oldest first."""
        ...

    def terms(self) -> Sequence[SubscriptionTerms]:
        """Every subscription's terms (what MRR reads of it), in the order of `list`, read at once without loading
        the aggregates: as stored, for the measures and reports, which change nothing."""
        ...

    def claim(self, ref: str) -> Subscription | None:
        """The subscription of this id or number, held for this transaction, or None when it does not exist or
        another transaction holds it now (on PostgreSQL: FOR UPDATE SKIP LOCKED), so that renewal jobs running at
        once share the work instead of waiting for each other."""
        ...

    def claim_many(self, refs: Sequence[str]) -> Mapping[str, Subscription]:
        """As `claim`, for a batch in one round trip: the subscriptions of these ids or numbers held for this
        transaction, by the ref that named them; those that do not exist or another transaction holds now are
        left out."""
        ...

    def due(self, today: date) -> Sequence[Subscription]:
        """The subscriptions with a period to renew by `today`: the next period starts on or before it, they still
        renew (not cancelled, expired or unpaid) and are not in payment exception; by next period start, then id."""
        ...

    def due_numbers(self, today: date) -> Sequence[str]:
        """The numbers of `due(today)`, in its order, read without loading the subscriptions (the renewal job's list:
        100,000 due at once)."""
        ...

    def in_dunning(self) -> Sequence[Subscription]:
        """The subscriptions past_due or unpaid (with overdue invoices to chase or to see paid), by id."""
        ...


@frozen(kw_only=True, slots=False)  # a __dict__, as the SQL store keeps aggregates
class BillingRecord:
    """What one renewal or prorated change of a subscription billed: the period, the change (`renewal`, or
    quantity, plan, pause, resume, cancellation), the amounts before tax, and the invoice and credit note made. A
    renewal's record is unique by (subscription, period start): a period is recorded, so billed, once.
    `recurring` is the whole-period price, before tax, of the lines billed from `effective_on` on (what MRR is
    computed from; None on records made before it was kept)."""

    id: str
    subscription_id: str
    change: str
    period_start: date
    period_end: date
    effective_on: date
    currency: str
    charged: Decimal
    credited: Decimal
    invoice_id: str | None
    invoice_number: str | None
    credit_note_id: str | None
    credit_note_number: str | None
    at: datetime
    actor: str
    recurring: Decimal | None = None
    order_id: str | None = None  # a renewal's sales order (S15)
    order_number: str | None = None

    @property
    def renewal_key(self) -> str | None:
        """(subscription, period start) of a renewal: the key no two renewals share."""
        return f"{self.subscription_id}#{self.period_start.isoformat()}" if self.change == RENEWAL else None


RENEWAL = "renewal"


class BillingRecordRepository(Protocol):
    def add(self, record: BillingRecord) -> None:
        """Keep it; a second renewal of the same (subscription, period start) fails at commit (AlreadyExists)."""
        ...

    def of_subscription(self, subscription_id: str) -> Sequence[BillingRecord]:
        """The subscription's records, oldest first."""
        ...

    def prices(self) -> Mapping[str, Sequence[BilledPrice]]:
        """What MRR reads of every subscription's records (one read for them all, not the records whole), by
        subscription id, in the order they took effect: by effective day, then oldest first (the moment made, then
        id); a record that repeats the one just before it in all of that but its day is left out (a renewal at an
        unchanged price: MRR is the same whether it is read from that day or from the day before's record). As
        stored, for the measures and reports, which change nothing."""
        ...

    def of_invoice(self, invoice_id: str) -> BillingRecord | None:
        """The record of the renewal or change that made this invoice, if a subscription's did."""
        ...

    def invoiced_since(self, day: date) -> Sequence[BillingRecord]:
        """The records made on or after `day` that made an invoice, oldest first."""
        ...


class ChargeRepository(Protocol):
    """Attempts at charging subscriptions' invoices; (invoice, attempt) is unique."""

    def add(self, charge: Charge) -> None:
        """Keep it; a second attempt with the same (invoice, attempt) fails at commit (AlreadyExists in memory, a
        ConcurrencyConflict on SQL: the bus runs the command again, which then sees the attempt claimed)."""
        ...

    def get(self, charge_id: str) -> Charge: ...

    def attempt(self, invoice_id: str, attempt: int) -> Charge | None:
        """Attempt `attempt` at the invoice, if it was claimed."""
        ...

    def of_invoice(self, invoice_id: str) -> Sequence[Charge]:
        """The attempts at the invoice, first attempt first."""
        ...

    def of_subscription(self, subscription_id: str) -> Sequence[Charge]:
        """The attempts at the subscription's invoices, in the order they were claimed."""
        ...

    def pending(self) -> Sequence[Charge]:
        """The attempts claimed whose answer is not recorded yet, in the order they were claimed."""
        ...


class SubscriptionDocuments(Protocol):
    @property
    def plans(self) -> PlanRepository: ...

    @property
    def subscriptions(self) -> SubscriptionRepository: ...

    @property
    def billing(self) -> BillingRecordRepository: ...

    @property
    def charges(self) -> ChargeRepository: ...


class SubscriptionsUnitOfWork(MasterDataUnitOfWork, Protocol):
    """What the subscription use cases work in: master data and the subscription documents."""

    @property
    def subscriptions(self) -> SubscriptionDocuments: ...
