"""A change this Tavle could not read when it arrived (from a newer Tavle) is shown once this
Tavle has learnt its field – the upgrade re-materializes it from the log (sync-design §4.11)."""

from __future__ import annotations

from pathlib import Path

import pytest

from core.db import changelog
from core.db.store import Store
from core.db.undo import UndoLog
from core.models import ClosingChoice, Decision
from core.plan import actions
from core.project import projects
from core.sync import checks
from core.sync.exporter import export_scope
from core.sync.importer import apply_import
from core.sync.merge import unpark
from tui.cli.main import main


def _decisions(store: Store) -> list[tuple[str, str | None]]:
    return [(row["subject"], row["action_id"]) for row in store.query(
        "SELECT subject, action_id FROM decisions WHERE _exists ORDER BY subject")]


def test_a_decision_on_an_action_parked_by_an_older_tavle_shows_after_the_upgrade(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    nord = Store.open(tmp_path / "nord.db", fingerprint="unpark/nord")
    project = projects.create_project(nord, "Hurtigere afklaring")
    row = actions.add_row(UndoLog(nord), project.id, None, "Fast ugentlig samtale")
    with nord.transaction():
        changelog.create(nord, changelog.build(
            Decision, project_id=project.id, subject="Fast ugentlig samtale",
            choice=ClosingChoice.CONTINUE, action_id=row.id))
    path = tmp_path / "nord.tavle"
    export_scope(nord, project.id, full=True, path=path)
    nord.close()

    older = checks.known_field  # a Tavle from before decisions could name an action
    monkeypatch.setattr(checks, "known_field",
                        lambda model, field: field != "action_id" and older(model, field))
    monkeypatch.setattr(checks, "VOCAB", checks.VOCAB - 1)
    syd_path = tmp_path / "syd.db"
    syd = Store.open(syd_path, fingerprint="unpark/syd")
    assert apply_import(syd, path).n_parked == 1
    assert _decisions(syd) == []
    syd.close()

    monkeypatch.setattr(checks, "known_field", older)  # the upgrade
    monkeypatch.setattr(checks, "VOCAB", checks.VOCAB + 1)
    # the next start that may write shows it (here a dry run of the same file: nothing new)
    assert main(["import", str(path), "--dry-run", "--db", str(syd_path)]) == 0
    syd = Store.open(syd_path)
    try:
        assert _decisions(syd) == [("Fast ugentlig samtale", row.id)]
        assert syd.execute("SELECT COUNT(*) FROM sync_parked").fetchone()[0] == 0
        assert unpark(syd) == 0  # nothing left to show
    finally:
        syd.close()
