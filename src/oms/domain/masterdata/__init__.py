"""Master data: products, customers, branches and warehouses."""
