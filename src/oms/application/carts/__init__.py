"""Use cases of the carts context (to come)."""
