"""Where Tavle keeps its files on the user's machine (one place, overridable for tests)."""

from __future__ import annotations

import os
import re
import unicodedata
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


def downloads_dir() -> Path:
    """Return the user's Downloads folder as the system knows it (Overførsler on a Danish
    Windows, also where Windows has moved it to OneDrive; `TAVLE_DOWNLOADS_DIR` overrides)."""
    override = os.environ.get("TAVLE_DOWNLOADS_DIR")
    if override:
        return Path(override)
    from platformdirs import user_downloads_path

    return user_downloads_path()


def recent_folders_path() -> Path:
    """Return the path of the small state file holding the last folder a file was picked from,
    per kind of file (beside the settings)."""
    return config_dir() / "recent_folders.json"


def last_folder(kind: str) -> Path | None:
    """The folder a file of `kind` ("tavle", "table") was last picked from, if it still exists."""
    import json

    try:
        data = json.loads(recent_folders_path().read_text("utf-8"))
    except (OSError, ValueError):
        return None
    value = data.get(kind) if isinstance(data, dict) else None
    if not isinstance(value, str) or not value:
        return None
    folder = Path(value)
    return folder if folder.is_dir() else None


def remember_folder(kind: str, folder: Path) -> None:
    """Keep `folder` as the last one a file of `kind` was picked from (never fails: losing the
    memory of a folder is no reason to stop an import)."""
    import json

    path = recent_folders_path()
    try:
        data = json.loads(path.read_text("utf-8"))
    except (OSError, ValueError):
        data = {}
    if not isinstance(data, dict):
        data = {}
    data[kind] = str(folder)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(data, indent=2, ensure_ascii=False), "utf-8")
    except OSError:
        pass


def cache_dir() -> Path:
    """Return the folder of files Tavle can make again, such as the parsed language catalogs
    (`TAVLE_CACHE_DIR` overrides)."""
    override = os.environ.get("TAVLE_CACHE_DIR")
    if override:
        return Path(override)
    from platformdirs import user_cache_path

    return user_cache_path(APP_NAME, appauthor=False)


def default_db_path() -> Path:
    """Return the path of the user's own database."""
    return data_dir() / DB_FILENAME


def settings_path() -> Path:
    """Return the path of the settings file."""
    return config_dir() / "settings.json"


_NOT_IN_NAMES = re.compile(r'[<>:"/\\|?*\x00-\x1f]')
_FOLD = str.maketrans({"æ": "ae", "ø": "oe", "å": "aa", "Æ": "Ae", "Ø": "Oe", "Å": "Aa",
                       "ß": "ss"})
_RESERVED = {"CON", "PRN", "AUX", "NUL", *(f"COM{i}" for i in range(10)),
             *(f"LPT{i}" for i in range(10))}


def name_part(text: str, limit: int = 60) -> str:
    """Text usable in a Windows file name, æøå kept: no reserved signs, no trailing dot, at most
    `limit` characters ("Handlingsplan - Projekt - 2026-11-24.csv" is made of such parts)."""
    return _NOT_IN_NAMES.sub("", text).strip().rstrip(".")[:limit].strip()


def slug(text: str, limit: int = 60) -> str:
    """An ASCII file-name part: æøå folded, other letters stripped of accents, the rest '-'
    (for files mailed between units, whose mail systems may mangle other letters)."""
    folded = unicodedata.normalize("NFKD", text.translate(_FOLD))
    ascii_text = folded.encode("ascii", "ignore").decode()
    part = re.sub(r"[^A-Za-z0-9]+", "-", ascii_text).strip("-")[:limit].strip("-")
    return "" if part.upper() in _RESERVED else part
