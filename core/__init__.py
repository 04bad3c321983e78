"""Tavle's core: the product without a screen (models, store, change log, phases, demo).

Nothing in this package imports Textual.
"""

__version__ = "0.1.0"
