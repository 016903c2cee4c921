"""Ports every context uses: the clock, listings, number sequences, the outbox, handled requests, idempotency."""
