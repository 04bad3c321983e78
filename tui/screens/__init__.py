"""Tavle's screens."""
