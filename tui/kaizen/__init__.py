"""The kaizen board, a card with its cycles, and kaizen meetings."""
