"""Report figures aggregated by the database: each document's child table summed on its own before any join, only
posted or booked documents counted."""
