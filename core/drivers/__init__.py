"""The driver diagram (driverdiagram): aim, drivers, change ideas, their states and the three
questions."""
