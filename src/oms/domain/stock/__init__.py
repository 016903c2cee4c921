"""Stock: levels per product and warehouse, immutable movements, reservations."""
