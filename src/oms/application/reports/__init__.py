"""Reports and analytics (to come)."""
