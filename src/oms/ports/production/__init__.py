"""Ports of the production context (to come)."""
