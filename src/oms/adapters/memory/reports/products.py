"""Which products a report's product and category filters keep, as the SQL stores filter them."""

from __future__ import annotations

from collections.abc import Callable

from oms.adapters.memory.store import InMemoryStore


def kept_products(store: InMemoryStore, product_id: str | None, category: str | None) -> Callable[[str], bool]:
    """Whether a line's product passes the filters: that product (if given) and of that category (if given; a
    category is a product's)."""
    of_category = None if category is None else {
        product.id for product in store.load_all("product") if product.category == category}
    return lambda found: product_id in (None, found) and (of_category is None or found in of_category)
