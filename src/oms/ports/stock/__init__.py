"""The stock repository."""
