"""Sales: quotations, sales orders and their goods issues."""
