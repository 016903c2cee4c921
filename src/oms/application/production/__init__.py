"""Use cases of the production context: bills of materials, production work orders and service orders."""
