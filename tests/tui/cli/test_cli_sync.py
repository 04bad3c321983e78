"""`tavle export` and `tavle import`: files written, previews printed, refusals with exit 2."""

from __future__ import annotations

import datetime as dt
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from core.db.logrows import register
from core.db.store import Store
from core.demo.build import open_demo
from tui.cli.main import main

ROOT = Path(__file__).resolve().parents[3]
TODAY = dt.date(2026, 11, 24)


@pytest.fixture
def nord(tmp_path: Path) -> Path:
    path = tmp_path / "nord.db"
    open_demo(path, today=TODAY).close()
    return path


@pytest.fixture
def sundhed(tmp_path: Path) -> Path:
    path = tmp_path / "sundhed.db"
    Store.open(path).close()
    return path


def changes(db: Path, *, project_only: bool = False) -> int:
    """Rows of the change log (of the project and its learning networks, which travel in its
    file: the demo also holds an organisation of teams, which does not)."""
    where = (
        "WHERE scope_id IN (SELECT id FROM projects UNION SELECT id FROM networks)"
        if project_only else ""
    )
    with sqlite3.connect(db) as conn:
        register(conn)  # the view's set_json function (m018)
        (count,) = conn.execute(f"SELECT COUNT(*) FROM sync_change {where}").fetchone()
    return int(count)


def export(nord: Path, folder: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    folder.mkdir(exist_ok=True)
    assert main(["export", "hurtigere afklaring", "--db", str(nord), "-o", str(folder)]) == 0
    out = capsys.readouterr().out
    [file] = folder.glob("*.tavle")
    assert out.startswith("Gemt: ") and str(file) in out
    return file


def test_export_then_dry_run_writes_nothing_then_import_applies(
    nord: Path, sundhed: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    file = export(nord, tmp_path / "ud", capsys)
    before = changes(sundhed)
    assert main(["import", str(file), "--dry-run", "--db", str(sundhed)]) == 0
    out = capsys.readouterr().out
    assert "Fra: Jobcenter Nord" in out
    assert "Projekt: Hurtigere afklaring af sygemeldte borgere" in out
    assert "Handlinger" in out and "Oprettet" in out
    assert "Prøvekørsel: intet er skrevet." in out
    assert changes(sundhed) == before == 0

    assert main(["import", str(file), "--db", str(sundhed)]) == 0
    out = capsys.readouterr().out
    assert f"Importeret: {changes(nord, project_only=True)} ændringer fra Jobcenter Nord" in out
    assert changes(sundhed) == changes(nord, project_only=True)

    assert main(["--lang", "en", "import", str(file), "--db", str(sundhed)]) == 0
    assert "Already imported – nothing new" in capsys.readouterr().out
    assert changes(sundhed) == changes(nord, project_only=True)


def test_export_to_a_named_file_and_in_english(
    nord: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "til-sundhed.tavle"
    assert main(["export", "Hurtigere", "--full", "-o", str(target), "--db", str(nord),
                 "--lang", "en"]) == 0
    assert target.is_file()
    assert capsys.readouterr().out.startswith(f"Saved: {target} (")


def test_an_unknown_or_ambiguous_project_is_refused(
    nord: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["export", "Findes ikke", "--db", str(nord)]) == 2
    err = capsys.readouterr().err
    assert "»Findes ikke«" in err and "Hurtigere afklaring" in err
    # "e" is in the names of both the project and the demo's organisation
    assert main(["export", "e", "--db", str(nord), "-o", str(tmp_path)]) == 2
    err = capsys.readouterr().err
    assert "Flere projekter passer" in err
    assert list(tmp_path.glob("*.tavle")) == []


def test_a_file_that_is_not_a_tavle_file_is_refused_with_exit_2(
    sundhed: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    notes = tmp_path / "noter.tavle"
    notes.write_text("Møde med styregruppen\n")
    before = sundhed.read_bytes()
    assert main(["import", str(notes), "--db", str(sundhed)]) == 2
    captured = capsys.readouterr()
    assert "ikke en Tavle-fil" in captured.err and "Intet er ændret" in captured.err
    assert "Traceback" not in captured.err + captured.out
    assert changes(sundhed) == 0
    assert sundhed.read_bytes() == before


def test_import_needs_no_textual(
    nord: Path, sundhed: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    file = export(nord, tmp_path / "ud", capsys)
    code = (
        "import sys\n"
        "from tui.cli.main import main\n"
        f"status = main(['import', {str(file)!r}, '--dry-run', '--db', {str(sundhed)!r}])\n"
        "loaded = sorted(m for m in sys.modules if m.split('.')[0] in ('textual', 'rich'))\n"
        "print(status, loaded[:3])\n"
        "sys.exit(1 if status or loaded else 0)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=120,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Prøvekørsel" in result.stdout
