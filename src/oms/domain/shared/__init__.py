"""The shared kernel: money, tax, discounts, pricing, priced documents, ids, errors and base events."""
