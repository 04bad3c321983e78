"""The start screen, the project screen with its six phases, and the charter."""
