"""SQL adapter: carts (to come)."""
