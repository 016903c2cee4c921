"""Webhooks: subscriptions of outside URLs to oms events, and the deliveries of those events to them."""
