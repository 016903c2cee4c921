"""The chart of accounts and the account mapping: which account each role of a posting uses.

Rules (docs/rules.md, Accounting):
- an account has a unique code, a name, a type (asset, liability, equity, income, expense) and may be deactivated;
  an account with entries is never deleted (AccountHasEntries), an inactive one takes no new entry;
- a role (receivable, revenue, tax payable, ...) maps to an account, with overrides per scope: per tax rate for tax
  payable, per product or tax category for revenue, per warehouse for inventory; the most specific scope wins, then
  the role's own mapping, then the default chart's account.
"""

from __future__ import annotations

import enum
from decimal import Decimal

from attrs import define, frozen

from oms.domain.shared.errors import InvalidValue


class AccountType(enum.StrEnum):
    ASSET = "asset"
    LIABILITY = "liability"
    EQUITY = "equity"
    INCOME = "income"
    EXPENSE = "expense"


class AccountRole(enum.StrEnum):
    RECEIVABLE = "receivable"
    BANK = "bank"
    INVENTORY = "inventory"
    TAX_PAYABLE = "tax_payable"
    GRNI = "grni"
    CUSTOMER_CREDIT = "customer_credit"
    REVENUE = "revenue"
    COGS = "cogs"
    STOCK_ADJUSTMENT = "stock_adjustment"
    ROUNDING = "rounding"
    PAYABLE = "payable"
    INPUT_TAX = "input_tax"
    PRICE_DIFFERENCE = "price_difference"
    LABOUR_ABSORBED = "labour_absorbed"
    OVERHEAD_ABSORBED = "overhead_absorbed"


@frozen
class DefaultAccount:
    code: str
    name: str
    type: AccountType
    role: AccountRole


DEFAULT_CHART = (
    DefaultAccount("1100", "Receivables", AccountType.ASSET, AccountRole.RECEIVABLE),
    DefaultAccount("1200", "Bank", AccountType.ASSET, AccountRole.BANK),
    DefaultAccount("1300", "Inventory", AccountType.ASSET, AccountRole.INVENTORY),
    DefaultAccount("2100", "Tax payable (VAT)", AccountType.LIABILITY, AccountRole.TAX_PAYABLE),
    DefaultAccount("2200", "Goods received not invoiced", AccountType.LIABILITY, AccountRole.GRNI),
    DefaultAccount("2300", "Customer credit / advances", AccountType.LIABILITY, AccountRole.CUSTOMER_CREDIT),
    DefaultAccount("4000", "Revenue", AccountType.INCOME, AccountRole.REVENUE),
    DefaultAccount("5000", "Cost of goods sold", AccountType.EXPENSE, AccountRole.COGS),
    DefaultAccount("5100", "Stock adjustments", AccountType.EXPENSE, AccountRole.STOCK_ADJUSTMENT),
    DefaultAccount("7900", "Rounding differences", AccountType.EXPENSE, AccountRole.ROUNDING),
    DefaultAccount("1400", "Input tax (VAT receivable)", AccountType.ASSET, AccountRole.INPUT_TAX),
    DefaultAccount("2000", "Accounts payable", AccountType.LIABILITY, AccountRole.PAYABLE),
    DefaultAccount("5200", "Purchase price differences", AccountType.EXPENSE, AccountRole.PRICE_DIFFERENCE),
    DefaultAccount("5300", "Labour absorbed by production", AccountType.EXPENSE, AccountRole.LABOUR_ABSORBED),
    DefaultAccount("5400", "Overhead absorbed by production", AccountType.EXPENSE, AccountRole.OVERHEAD_ABSORBED),
)
DEFAULT_ROLES = {account.role: account.code for account in DEFAULT_CHART}


def _code(code: str) -> str:
    if not 0 < len(code) <= 16 or not code.replace("-", "").replace(".", "").isalnum():
        raise InvalidValue("code", f"an account code is 1 to 16 letters, digits, dots or dashes, not {code!r}")
    return code


def _name(name: str) -> str:
    if not name.strip():
        raise InvalidValue("name", "an account needs a name")
    return name.strip()


@define(slots=False, eq=False, kw_only=True)
class Account:
    """An account of the chart, found by its code."""

    id: str
    code: str
    name: str
    type: AccountType
    active: bool = True
    version: int = 0

    def __attrs_post_init__(self) -> None:
        _code(self.code)
        self.name = _name(self.name)

    def update(self, *, name: str | None = None, active: bool | None = None) -> None:
        if name is not None:
            self.name = _name(name)
        if active is not None:
            self.active = active

    def balance_sign(self) -> Decimal:
        """+1 where a debit raises the balance (assets, expenses), -1 where a credit does."""
        return Decimal(1) if self.type in (AccountType.ASSET, AccountType.EXPENSE) else Decimal(-1)


class ScopeKind(enum.StrEnum):
    """What an override of a role's account applies to: a tax rate (`standard/0.2`), a product (its SKU), a tax
    category of products, a warehouse (its code); `all` is the role's own mapping."""

    ALL = "all"
    TAX = "tax"
    PRODUCT = "product"
    CATEGORY = "category"
    WAREHOUSE = "warehouse"


SCOPE_KEY_LENGTH = 64


def tax_scope(category: str, rate: Decimal) -> str:
    """The scope key of a tax rate: its category and its rate, normalised (`standard/0.2`)."""
    return f"{category}/{rate.normalize():f}"


@define(slots=False, eq=False, kw_only=True)
class AccountMapping:
    """`role` posts to `account_code` for `scope` (`scope_key` within it; empty for ALL)."""

    id: str
    role: AccountRole
    scope: ScopeKind
    scope_key: str
    account_code: str
    version: int = 0

    def __attrs_post_init__(self) -> None:
        if (self.scope is ScopeKind.ALL) != (not self.scope_key):
            raise InvalidValue("scope_key", "name what the override applies to (none for scope `all`)")
        if len(self.scope_key) > SCOPE_KEY_LENGTH:
            raise InvalidValue("scope_key", f"at most {SCOPE_KEY_LENGTH} characters (a SKU, a code, a tax rate)")

    @staticmethod
    def key(role: AccountRole, scope: ScopeKind, scope_key: str) -> str:
        return f"{role}:{scope}:{scope_key}"


def resolve(mappings: dict[str, str], role: AccountRole, scopes: tuple[tuple[ScopeKind, str], ...] = ()) -> str:
    """The account code `role` posts to: the first scope given that has an override, then the role's own
    mapping, then the default chart's account (`mappings` by `AccountMapping.key`)."""
    for scope, key in (*scopes, (ScopeKind.ALL, "")):
        found = mappings.get(AccountMapping.key(role, scope, key))
        if found is not None:
            return found
    return DEFAULT_ROLES[role]
