"""API tokens: issue, revoke, authenticate."""
