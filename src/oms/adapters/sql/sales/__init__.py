"""SQL adapter: sales."""
