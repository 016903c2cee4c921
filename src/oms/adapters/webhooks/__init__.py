"""Webhooks over HTTP: the sender of deliveries."""
