"""Closing (phase 6): decisions on each change, and benefits."""
