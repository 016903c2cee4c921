"""Entrypoints: the wiring, and the ways in (Python API, CLI; HTTP and the scheduler to come)."""
