"""Measures: the overview, one measure's run chart and entry, annotations and pastes."""
