"""The core never imports Textual: everything a screen does, a script or test can do without it."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
TODAY = dt.date(2026, 11, 24)

CORE_MODULES = (
    "core", "core.db.store", "core.db.changelog", "core.project.projects", "core.models",
    "core.i18n", "core.settings", "core.phases", "core.clock", "core.errors", "core.paths",
    "migrations",
)


def test_core_does_not_import_textual() -> None:
    code = (
        "import sys\n"
        f"import {', '.join(CORE_MODULES)}\n"
        "from core.i18n import Translator\n"
        "Translator('da')('phase.before_start.name')\n"
        "loaded = sorted(m for m in sys.modules if m.split('.')[0] in ('textual', 'tui', 'rich'))\n"
        "print(loaded)\n"
        "sys.exit(1 if loaded else 0)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=60,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_first_screen_needs_neither_pydantic_nor_sqlite_utils(tmp_path: Path) -> None:
    """Start-up stays close to a bare Textual app: what the project list reads loads no heavy
    library (pydantic loads with the first write, sqlite-utils with a migration or a write)."""
    from core.demo.build import open_demo

    db = tmp_path / "demo.db"
    open_demo(db, today=TODAY).close()
    code = (
        "import sys\n"
        "from core.settings import load_settings\n"
        "import datetime as dt\n"
        "from core.db.store import Store\n"
        "from core.project import projects\n"
        "from core.views import overview\n"
        "load_settings()\n"
        f"store = Store.open({str(db)!r})\n"
        f"today = dt.date.fromisoformat({TODAY.isoformat()!r})\n"
        "[p] = projects.list_projects(store, today=today)\n"
        "overview.project_overview(store, p.id, today=today)\n"
        "heavy = sorted(m for m in ('pydantic', 'sqlite_utils') if m in sys.modules)\n"
        "print(heavy)\n"
        "sys.exit(1 if heavy else 0)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=60,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    assert result.returncode == 0, result.stdout + result.stderr
