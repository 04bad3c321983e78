"""The built-in demo: a realistic project in its test phase, teams and a learning network."""
