"""Subscriptions: plans, periods from an anchor, renewal by a pointer, proration, pause, cancellation and dunning."""
