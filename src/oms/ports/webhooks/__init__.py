"""Ports of webhooks: where subscriptions and deliveries are kept, and what sends a delivery."""
