"""What reports read: figures aggregated by the stores, each family behind a port of its own."""
