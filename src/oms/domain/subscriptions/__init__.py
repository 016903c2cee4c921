"""Subscriptions: plans, periods, renewals and dunning (to come)."""
