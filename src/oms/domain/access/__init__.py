"""Who may use the API: roles and API tokens."""
