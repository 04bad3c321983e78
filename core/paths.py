"""Where Tavle keeps its files on the user's machine (one place, overridable for tests)."""

from __future__ import annotations

import os
from pathlib import Path

APP_NAME = "tavle"
DB_FILENAME = "tavle.db"


def data_dir() -> Path:
    """Return the folder of the user's database (`TAVLE_DATA_DIR` overrides)."""
    override = os.environ.get("TAVLE_DATA_DIR")
    if override:
        return Path(override)
    from platformdirs import user_data_path

    return user_data_path(APP_NAME, appauthor=False)


def config_dir() -> Path:
    """Return the folder of the settings file (`TAVLE_CONFIG_DIR` overrides)."""
    override = os.environ.get("TAVLE_CONFIG_DIR")
    if override:
        return Path(override)
    from platformdirs import user_config_path

    return user_config_path(APP_NAME, appauthor=False)


def export_dir() -> Path:
    """Return the folder exports go to by default: the user's documents (`TAVLE_EXPORT_DIR`
    overrides)."""
    override = os.environ.get("TAVLE_EXPORT_DIR")
    if override:
        return Path(override)
    from platformdirs import user_documents_path

    return user_documents_path()


def default_db_path() -> Path:
    """Return the path of the user's own database."""
    return data_dir() / DB_FILENAME


def settings_path() -> Path:
    """Return the path of the settings file."""
    return config_dir() / "settings.json"
