"""The refusal of a sync file: a catalog key that says what is wrong and what to do."""

from __future__ import annotations

from core.errors import TavleError


class SyncFileError(TavleError):
    """A file that cannot be imported (or written); the database is exactly as before."""


PASSPHRASE_KEYS = ("sync.error.passphrase_needed", "sync.error.wrong_passphrase")
"""Refusals of a sealed file that the user answers by typing the project's passphrase."""
