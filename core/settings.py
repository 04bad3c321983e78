"""The user's settings: language, name and initials, theme, the CPR guard, the charts' markers
and whether the note about the terminal was shown (a JSON file in the config folder).

A plain dataclass, not a pydantic model: settings are read before the first screen, and
pydantic is left to load with the first write (start-up stays close to a bare Textual app).
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, fields
from pathlib import Path

from core.i18n import DEFAULT_LANGUAGE, LANGUAGES
from core.paths import settings_path
from core.terminal import CHART_MARKERS

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
    chart_markers: str = "auto"
    """The charts' markers (core/terminal.py): "braille", "ascii" (every console font has
    them), or "auto" (ASCII on the Windows console host)."""
    terminal_note_seen: bool = False
    """Whether the note about the Windows console host was shown (it is shown once)."""

    def __post_init__(self) -> None:
        for item in fields(self):
            if not valid(item.name, getattr(self, item.name)):
                raise ValueError(f"bad value for setting {item.name!r}")


def valid(key: str, value: object) -> bool:
    """Whether `value` may be the setting `key`."""
    if key == "language":
        return value in LANGUAGES
    if key == "theme":
        return value in THEMES
    if key == "cpr_guard":
        return value in CPR_GUARD_MODES
    if key == "chart_markers":
        return value in CHART_MARKERS
    if key == "terminal_note_seen":
        return isinstance(value, bool)
    if key == "name":
        return isinstance(value, str) and len(value) <= MAX_NAME
    if key == "initials":
        return isinstance(value, str) and len(value) <= MAX_INITIALS
    return False


@dataclass(frozen=True)
class SettingProblem:
    """A setting that could not be used as the file has it."""

    key: str
    """The setting's name as the file spells it ("" for the whole file)."""
    reason: str
    """"unknown_key", "bad_value" or "damaged" (the catalog's `settings_problem.*`)."""
    value: str = ""
    """The value as the file has it, shortened (never shown with markup)."""


@dataclass(frozen=True)
class SettingsRead:
    """The settings as read, what could not be used, and whether there was no file yet."""

    settings: Settings
    problems: tuple[SettingProblem, ...] = ()
    first_run: bool = False


def _shown(value: object) -> str:
    text = json.dumps(value, ensure_ascii=False) if not isinstance(value, str) else value
    return "".join(c for c in text if c.isprintable())[:40]


def read_settings(path: Path | None = None) -> SettingsRead:
    """Read the settings key by key: a bad or unknown value is left out and named in
    `problems`, and every other setting keeps its value. The CPR guard never falls back
    silently to a weaker mode: a damaged file, or a CPR guard value that cannot be read, gives
    "block" until the user chooses. A missing file is the first run (the defaults)."""
    path = path or settings_path()
    try:
        text = path.read_text("utf-8")
    except FileNotFoundError:
        return SettingsRead(Settings(), first_run=True)
    except (OSError, UnicodeDecodeError):
        return SettingsRead(Settings(cpr_guard="block"), (SettingProblem("", "damaged"),))
    try:
        data = json.loads(text)
    except ValueError:
        data = None
    if not isinstance(data, dict):
        return SettingsRead(Settings(cpr_guard="block"), (SettingProblem("", "damaged"),))
    known = {item.name for item in fields(Settings)}
    chosen: dict[str, object] = {}
    problems: list[SettingProblem] = []
    for key, value in data.items():
        if key not in known:
            problems.append(SettingProblem(_shown(key), "unknown_key"))
        elif valid(key, value):
            chosen[key] = value
        else:
            problems.append(SettingProblem(key, "bad_value", _shown(value)))
            if key == "cpr_guard":
                chosen[key] = "block"
    return SettingsRead(Settings(**chosen), tuple(problems))  # type: ignore[arg-type]


def load_settings(path: Path | None = None) -> Settings:
    """Read the settings (see `read_settings`); never an error."""
    return read_settings(path).settings


def save_settings(settings: Settings, path: Path | None = None) -> None:
    """Write the settings atomically (a temporary file, then a rename)."""
    path = path or settings_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp")
    tmp.write_text(json.dumps(asdict(settings), indent=2, ensure_ascii=False), "utf-8")
    tmp.replace(path)
