"""The `tavle` command: version, help, and a refusal with exit 2 for a database it must not open."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from core import __version__
from tui.cli.main import main


def test_version_in_a_fresh_process() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "tui.cli", "--version"], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == f"tavle {__version__}"


@pytest.mark.parametrize(
    ("lang", "words"),
    [("da", ["brug:", "demoprojekt", "--db"]), ("en", ["usage:", "demo project", "--db"])],
)
def test_help_in_the_chosen_language(
    capsys: pytest.CaptureFixture[str], lang: str, words: list[str]
) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["--lang", lang, "--help"])
    assert exit_info.value.code == 0
    out = capsys.readouterr().out
    for word in words:
        assert word in out


def test_not_a_database_is_refused_with_a_message(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    notes = tmp_path / "noter.txt"
    notes.write_text("Møde med styregruppen\n")
    assert main(["--db", str(notes)]) == 2
    err = capsys.readouterr().err
    assert "Tavle kan ikke starte" in err
    assert "ikke en Tavle-database" in err or "ikke en database" in err
    assert "Traceback" not in err
    assert notes.read_text() == "Møde med styregruppen\n"


def test_database_from_a_newer_tavle_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from core.db.store import Store

    path = tmp_path / "ny.db"
    Store.open(path).close()
    with sqlite3.connect(path) as conn:
        conn.execute(
            "INSERT INTO _sqlite_migrations (migration_set, name, applied_at) "
            "VALUES ('tavle', 'm999_from_the_future', '2030-01-01')"
        )
    before = path.read_bytes()
    assert main(["--lang", "en", "--db", str(path)]) == 2
    err = capsys.readouterr().err
    assert "newer" in err
    assert path.read_bytes() == before


def test_missing_folder_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--db", str(tmp_path / "findes-ikke" / "x.db")]) == 2
    assert "Tavle kan ikke starte" in capsys.readouterr().err
