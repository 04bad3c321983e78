"""The driver diagram on screen, and the three questions on the project screen."""
