"""Sales use cases: quotations and sales orders."""
