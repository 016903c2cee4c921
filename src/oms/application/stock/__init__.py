"""Stock use cases: receipts, adjustments, and reads of levels and movements."""
