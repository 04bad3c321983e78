"""Measures and their charts: entry, run chart and control chart, signals, the glance, the words."""
