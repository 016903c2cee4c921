"""SQL adapter: subscriptions (to come)."""
