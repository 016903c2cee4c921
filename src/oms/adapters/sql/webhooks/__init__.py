"""Webhooks in SQL."""
