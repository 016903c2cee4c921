"""Reports: periods, buckets and the tables and charts reports answer with (no document of their own)."""
