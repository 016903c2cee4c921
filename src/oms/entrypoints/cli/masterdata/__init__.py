"""`oms product|customer|branch|warehouse|tax`: master data in one vocabulary, its lists and CSV files by hand, every
change made from the action table (see `oms.entrypoints.cli.actions`)."""

from oms.entrypoints.cli.masterdata import files, imports
from oms.entrypoints.cli.masterdata.groups import branch, customer, product, tax, warehouse

__all__ = ["branch", "customer", "files", "imports", "product", "tax", "warehouse"]
