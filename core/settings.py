"""The user's settings: language, name and initials, theme (a JSON file in the config folder)."""

from __future__ import annotations

import json
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from core.i18n import DEFAULT_LANGUAGE, LANGUAGES
from core.paths import settings_path

THEMES: tuple[str, ...] = ("tavle-projector", "tavle-dark", "tavle-light")
"""The themes offered in settings; the first reads well on a projector (high contrast)."""


class Settings(BaseModel):
    """What the user chose in the settings screen."""

    model_config = ConfigDict(extra="ignore")

    language: str = Field(default=DEFAULT_LANGUAGE, pattern="^(" + "|".join(LANGUAGES) + ")$")
    name: str = Field(default="", max_length=200)
    initials: str = Field(default="", max_length=8)
    """Stamped on every change this user writes."""
    theme: str = Field(default=THEMES[0], pattern="^(" + "|".join(THEMES) + ")$")


def load_settings(path: Path | None = None) -> Settings:
    """Read the settings; a missing or damaged file gives the defaults (never an error)."""
    path = path or settings_path()
    try:
        return Settings.model_validate(json.loads(path.read_text("utf-8")))
    except (OSError, ValueError, ValidationError):
        return Settings()


def save_settings(settings: Settings, path: Path | None = None) -> None:
    """Write the settings atomically (a temporary file, then a rename)."""
    path = path or settings_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp")
    tmp.write_text(settings.model_dump_json(indent=2), "utf-8")
    tmp.replace(path)
