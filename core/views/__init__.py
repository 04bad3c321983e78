"""Read-only views across a project or the portfolio: overview, portfolio, presentation."""
