"""Closing and normal operation (phase 6): decisions on each change, benefits (gevinster)."""
