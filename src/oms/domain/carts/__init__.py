"""Active carts: checkout and abandoned-cart recovery (to come)."""
