"""Tavle's schema history as sqlite-utils `Migrations` (append only; never edit a shipped step)."""

from migrations.migrations import migrations

__all__ = ["migrations"]
