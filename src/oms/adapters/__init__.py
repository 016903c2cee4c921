"""Adapters: the technologies behind the ports (memory, SQL, clocks)."""
