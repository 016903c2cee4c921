"""Properties of pricing over random documents: exact sums, amounts in the minor unit, documented rounding."""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal

from attrs import evolve, frozen
from hypothesis import example, given, settings
from hypothesis import strategies as st

from oms.domain.sales.quotation import Quotation
from oms.domain.sales.sales_order import SalesOrder
from oms.domain.shared.discounts import Discount, DiscountKind
from oms.domain.shared.documents import DocumentLine, LineDraft, totals_of
from oms.domain.shared.money import Currency, decimals_of
from oms.domain.shared.pricing import DocumentTotals, PricingLine, PricingTerms, price_document
from oms.domain.shared.tax import TaxCategory, TaxRounding

from .builders import AT, make_order, make_product, make_quotation

CURRENCIES = [Currency.of("EUR"), Currency.of("JPY"), Currency.of("KWD")]
RATES = [Decimal(rate) for rate in ("0", "0.07", "0.19", "0.21")]  # few rates, so lines share them


@st.composite
def discounts(draw: st.DrawFn, currency: Currency, base: Decimal, *, over_base: bool = False) -> Discount | None:
    """No discount, a percent, or an amount up to `base` (beyond it with `over_base`)."""
    kind = draw(st.sampled_from(["none", "percent", "amount"]))
    if kind == "percent":
        return Discount.percent(draw(st.decimals(min_value=0, max_value=100, places=2)))
    if kind == "amount":
        top = base * 2 if over_base else base
        units = draw(st.integers(0, int(top.scaleb(currency.minor_units))))
        return Discount.amount(Decimal(units).scaleb(-currency.minor_units))
    return None


@st.composite
def pricing_lines(draw: st.DrawFn, currency: Currency) -> PricingLine:
    quantity = draw(st.decimals(min_value=Decimal("0.001"), max_value=10_000, places=draw(st.integers(0, 3))))
    unit_price = draw(st.decimals(min_value=0, max_value=100_000, places=draw(st.integers(0, 6))))
    rate = draw(st.sampled_from(RATES))
    return PricingLine(quantity=quantity, unit_price=unit_price, tax_rate=rate,
                       tax_category=TaxCategory.STANDARD if rate else TaxCategory.ZERO,
                       discount=draw(discounts(currency, currency.round(quantity * unit_price))))


@st.composite
def documents(draw: st.DrawFn) -> tuple[list[PricingLine], PricingTerms]:
    currency = draw(st.sampled_from(CURRENCIES))
    lines = draw(st.lists(pricing_lines(currency), min_size=1, max_size=8))
    terms = PricingTerms(currency=currency, prices_include_tax=draw(st.booleans()),
                         tax_rounding=draw(st.sampled_from(TaxRounding)), tax_exempt=draw(st.booleans()),
                         order_discount=draw(discounts(currency, Decimal(1000), over_base=True)))
    return lines, terms


def every_amount(totals: DocumentTotals) -> list[Decimal]:
    per_line = [amount for line in totals.lines for amount in (line.gross_amount, line.line_discount,
                                                                 line.order_discount, line.net, line.tax, line.total)]
    breakdown = [amount for tax in totals.taxes for amount in (tax.base, tax.tax)]
    return [*per_line, *breakdown, totals.gross_amount, totals.discount_total, totals.net_total, totals.tax_total,
            totals.grand_total]


def assert_in_minor_unit(amounts: list[Decimal], currency: Currency) -> None:
    wrong = [amount for amount in amounts if decimals_of(amount) > currency.minor_units]
    assert not wrong, f"amounts with digits below the {currency} minor unit: {wrong}"


@settings(max_examples=200, deadline=None)
@given(document=documents())
def test_the_lines_of_a_random_document_sum_exactly_to_its_totals(
        document: tuple[list[PricingLine], PricingTerms]) -> None:
    lines, terms = document

    totals = price_document(lines, terms)

    def total_of(name: str) -> Decimal:
        return sum((getattr(line, name) for line in totals.lines), Decimal(0))

    assert totals.gross_amount == total_of("gross_amount")
    assert totals.discount_total == total_of("line_discount") + total_of("order_discount")
    assert totals.net_total == total_of("net")
    assert totals.tax_total == total_of("tax") == sum((tax.tax for tax in totals.taxes), Decimal(0))
    assert totals.grand_total == total_of("total") == totals.net_total + totals.tax_total
    assert all(line.net + line.tax == line.total for line in totals.lines)
    assert all(line.net >= 0 and line.tax >= 0 for line in totals.lines)


# Found by this property: global rounding once stored a tax of 0.3344 on each of these lines.
THREE_LINES_OF_1_76 = ([PricingLine(quantity=Decimal(1), unit_price=Decimal("1.76"), tax_rate=Decimal("0.19"))] * 3,
                       PricingTerms(currency=Currency.of("EUR"), tax_rounding=TaxRounding.GLOBAL))


@settings(max_examples=200, deadline=None)
@given(document=documents())
@example(document=THREE_LINES_OF_1_76)
def test_no_amount_of_a_random_document_has_digits_below_the_minor_unit(
        document: tuple[list[PricingLine], PricingTerms]) -> None:
    lines, terms = document

    totals = price_document(lines, terms)

    assert_in_minor_unit(every_amount(totals), terms.currency)
    assert all(amount == terms.currency.round(amount) for amount in every_amount(totals))


@settings(max_examples=200, deadline=None)
@given(document=documents())
def test_the_customer_pays_the_discounted_price_and_the_order_discount_is_as_given(
        document: tuple[list[PricingLine], PricingTerms]) -> None:
    lines, terms = document
    currency = terms.currency

    totals = price_document(lines, terms)

    after_line_discounts = sum((line.gross_amount - line.line_discount for line in totals.lines), Decimal(0))
    discount = terms.order_discount
    if discount is None:
        expected_off = Decimal(0)
    elif discount.kind is DiscountKind.PERCENT:
        expected_off = currency.round(after_line_discounts * discount.value / 100)
    else:
        expected_off = min(currency.round(discount.value), after_line_discounts)
    assert sum((line.order_discount for line in totals.lines), Decimal(0)) == expected_off
    for line in totals.lines:
        paid = line.gross_amount - line.line_discount - line.order_discount
        assert 0 <= line.order_discount <= line.gross_amount - line.line_discount
        if not (terms.prices_include_tax and terms.tax_exempt):
            assert (line.total if terms.prices_include_tax else line.net) == paid


@settings(max_examples=200, deadline=None)
@given(document=documents())
def test_tax_is_rounded_per_line_or_once_per_rate_as_the_terms_say(
        document: tuple[list[PricingLine], PricingTerms]) -> None:
    lines, terms = document
    currency = terms.currency

    totals = price_document(lines, terms)

    unrounded_by_rate: dict[Decimal, Decimal] = defaultdict(Decimal)
    rounded_by_rate: dict[Decimal, Decimal] = defaultdict(Decimal)
    for line, line_totals in zip(lines, totals.lines, strict=True):
        paid = line_totals.gross_amount - line_totals.line_discount - line_totals.order_discount
        tax = paid - paid / (1 + line.tax_rate) if terms.prices_include_tax else paid * line.tax_rate
        unrounded = Decimal(0) if terms.tax_exempt else tax
        if terms.tax_rounding is TaxRounding.PER_LINE:
            assert line_totals.tax == currency.round(unrounded)
        unrounded_by_rate[line.tax_rate] += unrounded
        rounded_by_rate[line.tax_rate] += line_totals.tax
    if terms.tax_rounding is TaxRounding.GLOBAL:
        assert rounded_by_rate == {rate: currency.round(tax) for rate, tax in unrounded_by_rate.items()}


@settings(max_examples=200, deadline=None)
@given(document=documents())
def test_an_exempt_customer_pays_exactly_the_nets_of_a_taxed_customers_lines(
        document: tuple[list[PricingLine], PricingTerms]) -> None:
    lines, terms = document

    taxed = price_document(lines, evolve(terms, tax_exempt=False))
    exempt = price_document(lines, evolve(terms, tax_exempt=True))

    assert [line.net for line in exempt.lines] == [line.net for line in taxed.lines]
    assert [line.total for line in exempt.lines] == [line.net for line in taxed.lines]
    assert exempt.tax_total == 0


@settings(max_examples=300, deadline=None)
@given(cents=st.integers(1, 100_000), rate=st.sampled_from([*RATES[1:], Decimal("0.2")]),
       rounding=st.sampled_from(TaxRounding))
@example(cents=105, rate=Decimal("0.2"), rounding=TaxRounding.PER_LINE)  # 0.875: the taxed net is 0.87
@example(cents=3, rate=Decimal("0.2"), rounding=TaxRounding.GLOBAL)  # 0.025: the taxed net is 0.02
def test_at_every_tax_inclusive_price_an_exempt_customer_never_pays_more_than_the_taxed_net(
        cents: int, rate: Decimal, rounding: TaxRounding) -> None:
    eur = Currency.of("EUR")
    line = [PricingLine(quantity=Decimal(1), unit_price=Decimal(cents) / 100, tax_rate=rate)]
    terms = PricingTerms(currency=eur, prices_include_tax=True, tax_rounding=rounding)

    taxed = price_document(line, terms)
    exempt = price_document(line, evolve(terms, tax_exempt=True))

    assert exempt.grand_total == taxed.net_total


@frozen
class DraftDocument:
    """What a random quotation or order is made of."""

    lines: tuple[LineDraft, ...]
    prices_include_tax: bool
    tax_rounding: TaxRounding
    tax_exempt: bool
    order_discount: Discount | None

    def order(self) -> SalesOrder:
        return make_order(*self.lines, prices_include_tax=self.prices_include_tax, tax_rounding=self.tax_rounding,
                          tax_exempt=self.tax_exempt, order_discount=self.order_discount)

    def quotation(self) -> Quotation:
        return make_quotation(*self.lines, prices_include_tax=self.prices_include_tax,
                              tax_rounding=self.tax_rounding, tax_exempt=self.tax_exempt,
                              order_discount=self.order_discount)


@st.composite
def draft_documents(draw: st.DrawFn) -> DraftDocument:
    """Up to 6 lines in EUR of random products (pieces or kg), prices, quantities, rates and discounts."""
    eur = Currency.of("EUR")
    drafts = []
    for i in range(draw(st.integers(1, 6))):
        uom = draw(st.sampled_from(["unit", "kg"]))
        quantity = draw(st.decimals(min_value=Decimal(1), max_value=1000, places=0 if uom == "unit" else 3))
        price = draw(st.decimals(min_value=0, max_value=10_000, places=draw(st.integers(0, 6))))
        product = make_product(f"SKU-{i}", price=str(price), uom=uom,
                               category=draw(st.sampled_from([TaxCategory.STANDARD, TaxCategory.REDUCED])))
        drafts.append(LineDraft(product=product, quantity=quantity, tax_rate=draw(st.sampled_from(RATES[1:])),
                                discount=draw(discounts(eur, eur.round(quantity * price)))))
    return DraftDocument(lines=tuple(drafts), prices_include_tax=draw(st.booleans()),
                         tax_rounding=draw(st.sampled_from(TaxRounding)), tax_exempt=draw(st.booleans()),
                         order_discount=draw(discounts(eur, Decimal(5000), over_base=True)))


def stored_amounts(document: SalesOrder | Quotation) -> list[Decimal]:
    lines: list[DocumentLine] = list(document.lines)
    per_line = [amount for line in lines for amount in (line.gross_amount, line.line_discount, line.order_discount,
                                                         line.net, line.tax, line.total)]
    return [*per_line, document.gross_amount, document.discount_total, document.net_total, document.tax_total,
            document.grand_total]


@settings(max_examples=100, deadline=None)
@given(draft=draft_documents())
def test_a_random_order_stores_amounts_in_the_minor_unit_that_its_lines_add_up_to(draft: DraftDocument) -> None:
    order = draft.order()

    stored = stored_amounts(order)

    assert_in_minor_unit(stored, Currency.of(order.currency))
    assert order.gross_amount == sum((line.gross_amount for line in order.lines), Decimal(0))
    assert order.discount_total == sum((line.line_discount + line.order_discount for line in order.lines),
                                       Decimal(0))
    assert order.net_total == sum((line.net for line in order.lines), Decimal(0))
    assert order.tax_total == sum((line.tax for line in order.lines), Decimal(0))
    assert order.grand_total == sum((line.total for line in order.lines), Decimal(0)) == totals_of(order).grand_total


@settings(max_examples=100, deadline=None)
@given(draft=draft_documents())
def test_an_order_made_from_a_quotation_costs_exactly_what_was_quoted(draft: DraftDocument) -> None:
    quotation = draft.quotation()

    order = SalesOrder.from_quotation(quotation, order_id="order", number="SO-000002", at=AT)

    assert stored_amounts(order) == stored_amounts(quotation)
    assert_in_minor_unit(stored_amounts(quotation), Currency.of(quotation.currency))
