"""The roles the application needs from the outside world, as Protocols."""
