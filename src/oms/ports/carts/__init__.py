"""Ports of the carts context (to come)."""
