"""Tavle's reusable widgets."""
