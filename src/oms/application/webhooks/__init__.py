"""Use cases of webhooks: keep subscriptions, record deliveries from the relay, send them."""
