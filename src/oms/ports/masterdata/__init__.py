"""Repositories of master data."""
