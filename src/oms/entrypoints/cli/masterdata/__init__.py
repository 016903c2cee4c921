"""`oms product|customer|branch|warehouse|tax|supplier|rate`: master data in one vocabulary, its lists and CSV files
by hand, every change made from the action table (see `oms.entrypoints.cli.actions`)."""

from oms.entrypoints.cli.masterdata import files, imports
from oms.entrypoints.cli.masterdata.groups import branch, customer, product, tax, warehouse
from oms.entrypoints.cli.masterdata.suppliers import rate, supplier

__all__ = ["branch", "customer", "files", "imports", "product", "rate", "supplier", "tax", "warehouse"]
