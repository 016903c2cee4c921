"""Ports of the subscriptions context (to come)."""
