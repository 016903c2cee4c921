"""SQL adapter: procurement (to come)."""
