"""The action plan's grid, its filters and its CSV for Excel."""
