"""Use cases: one handler per command, each one transaction through the unit of work."""
