"""Where API tokens are kept."""
