"""Use cases of the accounting context: the chart of accounts, the account mapping, journal entries, the lock date
and the reports."""
