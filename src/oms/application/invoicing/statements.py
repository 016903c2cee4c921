"""A customer's statement and the receivables' ageing, read from posted documents and payments (never counters).

- the statement, per currency: the balance before `from_date`, then each posted invoice (+), credit note (-) and
  payment (-) in date order with the running balance, and the customer's unallocated credit (payments not
  allocated, and credit notes beyond what their invoices still owed);
- the ageing, as of a date: each posted invoice's residual then (documents dated and payments received by that
  date) in one bucket by days past its due date: current, 1-30, 31-60, 61-90, over 90; per customer and currency,
  and totals per currency.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from datetime import date
from decimal import Decimal

from attrs import frozen

from oms.application.invoicing.views import AgeingRow, AgeingView, CurrencyStatement, StatementLine, StatementView
from oms.application.masterdata.lookups import customer_by_code
from oms.application.shared.views import money
from oms.domain.invoicing.invoices import Invoice, InvoiceKind
from oms.domain.invoicing.payments import Payment
from oms.domain.invoicing.receivables import BUCKETS, Receivable, bucket, is_posted, paid_by, receivables
from oms.domain.masterdata.parties import Customer
from oms.domain.shared.errors import InvalidValue
from oms.ports.invoicing.repositories import InvoicingUnitOfWork

ORDER = {"invoice": 0, "credit_note": 1, "payment": 2}


@frozen(kw_only=True)
class _Account:
    """One customer's posted documents and payments up to a date, and the receivables they give."""

    documents: list[Invoice]
    payments: list[Payment]
    owed: dict[str, Receivable]

    @classmethod
    def of(cls, uow: InvoicingUnitOfWork, customer: Customer, as_of: date) -> _Account:
        documents = [d for d in uow.invoicing.invoices.of_customer(customer.id) if is_posted(d, as_of)]
        payments = [p for p in uow.invoicing.payments.of_customer(customer.id) if p.payment_date <= as_of]
        return cls(documents=documents, payments=payments, owed=receivables(documents, paid_by(payments), as_of))

    def currencies(self) -> list[str]:
        return sorted({d.currency for d in self.documents} | {p.currency for p in self.payments})

    def credit(self, currency: str) -> Decimal:
        by_id = {d.id: d for d in self.documents}
        return (sum((p.unallocated for p in self.payments if p.currency == currency), Decimal(0))
                + sum((r.excess_credit for r in self.owed.values() if by_id[r.invoice_id].currency == currency),
                      Decimal(0)))


Entry = tuple[date, int, str, str, Decimal, Invoice | None]


def _entries(account: _Account, currency: str) -> list[Entry]:
    entries: list[Entry] = [(d.invoice_date or date.min, ORDER[d.kind], str(d.kind), d.number or d.id,
                d.totals.grand_total if d.kind is InvoiceKind.INVOICE else -d.totals.grand_total, d)
               for d in account.documents if d.currency == currency]
    entries += [(p.payment_date, ORDER["payment"], "payment", p.number, -p.amount, None)
                for p in account.payments if p.currency == currency]
    return sorted(entries, key=lambda entry: entry[:4])


def _statement(account: _Account, currency: str, from_date: date | None) -> CurrencyStatement:
    entries = _entries(account, currency)
    opening = sum((e[4] for e in entries if from_date is not None and e[0] < from_date), Decimal(0))
    balance, lines = opening, []
    for day, _, kind, number, amount, document in entries:
        if from_date is not None and day < from_date:
            continue
        balance += amount
        owed = account.owed.get(document.id) if document is not None else None
        lines.append(StatementLine(entry_date=day, kind=kind, number=number, amount=money(amount, currency),
                                   balance=money(balance, currency),
                                   due_date=document.due_date if document is not None else None,
                                   residual=None if owed is None else money(owed.residual, currency)))
    return CurrencyStatement(currency=currency, opening_balance=money(opening, currency), lines=lines,
                             closing_balance=money(balance, currency),
                             unallocated_credit=money(account.credit(currency), currency))


def customer_statement(uow: InvoicingUnitOfWork, customer_code: str, *, today: date, from_date: date | None = None,
                       to_date: date | None = None) -> StatementView:
    """A customer's account per currency: posted invoices, credit notes and payments in date order with the
    running balance from the opening balance on `from_date`, up to `to_date` (today), and its unallocated credit."""
    customer = customer_by_code(uow, customer_code)
    end = to_date or today
    if from_date is not None and from_date > end:
        raise InvalidValue("from_date", f"the statement ends on {end}: start on or before it")
    account = _Account.of(uow, customer, end)
    return StatementView(customer_code=customer.code, from_date=from_date, to_date=end,
                         currencies=[_statement(account, currency, from_date) for currency in account.currencies()])


def _row(code: str, currency: str, sums: dict[str, Decimal]) -> AgeingRow:
    return AgeingRow(customer_code=code, currency=currency,
                     total=money(sum(sums.values(), Decimal(0)), currency),
                     **{name: money(sums.get(name, Decimal(0)), currency) for name in BUCKETS})


def receivables_ageing(uow: InvoicingUnitOfWork, *, as_of: date,
                       customers: Sequence[Customer] | None = None) -> AgeingView:
    """What customers owe as of a date, by days past due: current, 1-30, 31-60, 61-90 and over 90 days."""
    rows: list[AgeingRow] = []
    totals: dict[str, dict[str, Decimal]] = defaultdict(lambda: defaultdict(Decimal))
    for customer in sorted(customers or uow.masterdata.customers.list(), key=lambda c: c.code):
        account = _Account.of(uow, customer, as_of)
        sums: dict[str, dict[str, Decimal]] = defaultdict(lambda: defaultdict(Decimal))
        for document in account.documents:
            owed = account.owed.get(document.id)
            if owed is not None and owed.residual > 0:
                sums[document.currency][bucket(document.due_date, as_of)] += owed.residual
        for currency, found in sorted(sums.items()):
            rows.append(_row(customer.code, currency, found))
            for name, amount in found.items():
                totals[currency][name] += amount
    return AgeingView(as_of=as_of, customers=rows,
                      totals=[_row("", currency, found) for currency, found in sorted(totals.items())])
