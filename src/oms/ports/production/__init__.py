"""Ports of the production context: bills of materials, work orders and service orders."""
