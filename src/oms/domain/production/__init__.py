"""Production and service work orders (to come)."""
