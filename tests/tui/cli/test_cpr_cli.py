"""`tavle export` with a CPR number in the project: hits printed masked and exit 2, unless
`--allow-cpr "reason"` (logged); with the setting "block" even that is refused."""

from __future__ import annotations

import datetime as dt
import json
import os
from pathlib import Path

import pytest

from core.db import changelog
from core.db.store import Store
from core.models import Meeting
from core.project import projects
from core.sync import cpr_guard
from tui.cli.main import main


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "tavle.db"
    store = Store.open(path)
    project = projects.create_project(store, "Sygedagpenge")
    with store.transaction():
        changelog.create(store, changelog.build(
            Meeting, project_id=project.id, held_on=dt.date(2026, 11, 24),
            notes="Borger 010190-1234 ringede"))
    store.close()
    return path


def _entries(db: Path) -> list[cpr_guard.GuardEntry]:
    store = Store.open(db)
    try:
        return cpr_guard.guard_entries(store)
    finally:
        store.close()


def test_export_with_a_cpr_number_is_refused_with_the_hit_masked(
    db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "ud"
    out.mkdir()
    assert main(["export", "Sygedagpenge", "--db", str(db), "-o", str(out)]) == 2
    err = capsys.readouterr().err
    assert "Kaizen-møder · 24-11-2026 · Noter: Borger 010190-**** ringede" in err
    assert "1234" not in err
    assert "--allow-cpr" in err
    assert list(out.iterdir()) == []
    assert _entries(db) == []


def test_export_with_a_reason_is_written_and_logged(
    db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "ud"
    out.mkdir()
    assert main(["export", "Sygedagpenge", "--db", str(db), "-o", str(out),
                 "--allow-cpr", "Testdata"]) == 0
    assert len(list(out.glob("*.tavle"))) == 1
    [entry] = _entries(db)
    assert (entry.what, entry.target, entry.hits, entry.reason) == (
        "export", str(out), 1, "Testdata")
    assert "Begrundelsen er logget" in capsys.readouterr().err


def test_block_refuses_even_with_a_reason(db: Path, tmp_path: Path) -> None:
    config = Path(os.environ["TAVLE_CONFIG_DIR"])
    config.mkdir(parents=True, exist_ok=True)
    (config / "settings.json").write_text(json.dumps({"cpr_guard": "block"}))
    out = tmp_path / "ud"
    out.mkdir()
    assert main(["export", "Sygedagpenge", "--db", str(db), "-o", str(out),
                 "--allow-cpr", "Testdata"]) == 2
    assert list(out.iterdir()) == []
    assert _entries(db) == []
