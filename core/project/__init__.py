"""Projects, their charter (projektkommissorium) and the work through the six phases."""
