"""Use cases of the production context (to come)."""
