"""Benchmarks of oms: each prints a table row and adds to a JSON report (see docs/benchmarks.md)."""
