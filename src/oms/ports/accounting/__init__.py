"""Ports of the accounting context."""
