"""Use cases of the subscriptions context (to come)."""
