"""Use cases of the procurement context (to come)."""
