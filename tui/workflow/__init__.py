"""Workflow maps as swimlanes, today's and redesigned, and the project's ideas."""
