"""Integration tests: the SQL adapters on SQLite and PostgreSQL, migrations, the db command, concurrency."""
