"""SQL adapter: masterdata."""
