"""The learning network's screens and forms."""
