"""SQL adapter: invoicing (to come)."""
