"""JSON as every front door reads and writes it (the HTTP API, the CLI's --json): one converter, no web framework."""
