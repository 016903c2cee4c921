"""The accounting context: a chart of accounts, journal entries that balance to the cent, and the lock date."""
