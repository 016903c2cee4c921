"""The listings of products, customers and suppliers, by SKU or code: `active` (true or false) and `search` (a part
of the SKU or code, or of the name, in any case); products also by `category` (exactly that category)."""

from __future__ import annotations

from oms.domain.masterdata.parties import Customer
from oms.domain.masterdata.products import Product
from oms.domain.masterdata.suppliers import Supplier
from oms.ports.shared.listings import Listing

PRODUCTS: Listing[Product] = Listing(name="products", filters=frozenset({"active", "search", "category"}),
                                     by_time=False)
CUSTOMERS: Listing[Customer] = Listing(name="customers", filters=frozenset({"active", "search"}), by_time=False)
SUPPLIERS: Listing[Supplier] = Listing(name="suppliers", filters=frozenset({"active", "search"}), by_time=False)
