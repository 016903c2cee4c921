"""SQL adapter: stock."""
