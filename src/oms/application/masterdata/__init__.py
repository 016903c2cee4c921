"""Master data use cases: branches, warehouses, tax rates, products, customers; CSV imports; line pricing."""
