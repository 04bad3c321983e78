"""The user's settings: language, name and initials, theme (a JSON file in the config folder).

A plain dataclass, not a pydantic model: settings are read before the first screen, and
pydantic is left to load with the first write (start-up stays close to a bare Textual app).
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, fields
from pathlib import Path

from core.i18n import DEFAULT_LANGUAGE, LANGUAGES
from core.paths import settings_path

THEMES: tuple[str, ...] = ("tavle-projector", "tavle-dark", "tavle-light")
"""The themes offered in settings; the first reads well on a projector (high contrast)."""

CPR_GUARD_MODES: tuple[str, ...] = ("warn", "block")
"""The CPR guard's settings (core/sync/cpr_guard.py)."""

MAX_NAME = 200
MAX_INITIALS = 8


@dataclass(frozen=True)
class Settings:
    """What the user chose in the settings screen."""

    language: str = DEFAULT_LANGUAGE
    name: str = ""
    initials: str = ""
    """Stamped on every change this user writes."""
    theme: str = THEMES[0]
    cpr_guard: str = "warn"
    """The CPR guard (core/sync/cpr_guard.py): "warn" lets a file go with a logged reason, "block"
    only lets it go once the numbers are edited away."""

    def __post_init__(self) -> None:
        if self.language not in LANGUAGES:
            raise ValueError(f"unknown language {self.language!r}")
        if self.theme not in THEMES:
            raise ValueError(f"unknown theme {self.theme!r}")
        if self.cpr_guard not in CPR_GUARD_MODES:
            raise ValueError(f"unknown CPR guard mode {self.cpr_guard!r}")
        if not isinstance(self.name, str) or len(self.name) > MAX_NAME:
            raise ValueError("name must be text of at most 200 characters")
        if not isinstance(self.initials, str) or len(self.initials) > MAX_INITIALS:
            raise ValueError("initials must be text of at most 8 characters")


def load_settings(path: Path | None = None) -> Settings:
    """Read the settings; a missing or damaged file gives the defaults (never an error)."""
    path = path or settings_path()
    try:
        data = json.loads(path.read_text("utf-8"))
        known = {f.name for f in fields(Settings)}
        return Settings(**{k: v for k, v in data.items() if k in known})
    except (OSError, ValueError, TypeError, AttributeError):
        return Settings()


def save_settings(settings: Settings, path: Path | None = None) -> None:
    """Write the settings atomically (a temporary file, then a rename)."""
    path = path or settings_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp")
    tmp.write_text(json.dumps(asdict(settings), indent=2, ensure_ascii=False), "utf-8")
    tmp.replace(path)
