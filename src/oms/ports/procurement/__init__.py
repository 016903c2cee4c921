"""Ports of the procurement context (to come)."""
