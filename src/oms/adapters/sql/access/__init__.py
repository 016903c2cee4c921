"""SQL adapter: access."""
