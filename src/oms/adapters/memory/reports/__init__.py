"""Report figures computed from the in-memory store's committed documents."""
