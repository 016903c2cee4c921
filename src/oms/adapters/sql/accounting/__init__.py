"""SQL adapter: the books (chart of accounts, account mapping, journal, settings)."""
