"""SQL adapter: shared."""
