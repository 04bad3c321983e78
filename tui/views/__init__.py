"""The portfolio across units and presentation mode."""
