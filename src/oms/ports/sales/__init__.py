"""Repositories of quotations and sales orders."""
