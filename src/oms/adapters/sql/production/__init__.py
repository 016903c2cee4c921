"""SQL adapter: production (to come)."""
