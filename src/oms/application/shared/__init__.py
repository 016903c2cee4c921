"""What every use case shares: commands, the message bus, handled requests, housekeeping."""
