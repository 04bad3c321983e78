"""Start-up stays close to a bare Textual app: the first screen loads no chart, model,
sqlite-utils or credential-store code (plotext loads with the first chart, pydantic with the
first write, keyring when a passphrase is read or written)."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
from pathlib import Path

from core.demo.build import open_demo

ROOT = Path(__file__).resolve().parents[2]


def test_the_app_draws_its_first_screen_without_heavy_imports(tmp_path: Path) -> None:
    db = tmp_path / "demo.db"
    open_demo(db, today=dt.date(2026, 11, 24)).close()
    code = (
        "import sys\n"
        "from tui.cli.main import main\n"
        f"status = main(['--db', {str(db)!r}])\n"
        "heavy = sorted(m for m in ('plotext', 'pydantic', 'sqlite_utils', 'keyring',\n"
        "                           'pyperclip')\n"
        "               if m in sys.modules)\n"
        "print(status, heavy)\n"
        "sys.exit(1 if status or heavy else 0)\n"
    )
    env = {**os.environ, "PYTHONPATH": str(ROOT), "TAVLE_EXIT_WHEN_READY": "1",
           "TAVLE_CONFIG_DIR": str(tmp_path)}
    env.pop("TAVLE_KEYRING", None)  # as on a user's PC: keyring may be used, later
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=120,
        env=env,
    )
    assert result.returncode == 0, result.stdout + result.stderr
