"""A record is named by its label, or by the project it belongs to – never by its id."""

from __future__ import annotations

from pathlib import Path

from core.db import changelog
from core.db.store import Store
from core.models import Charter
from core.project import projects
from core.sync.labels import record_label


def test_a_charter_is_named_by_its_project(tmp_path: Path) -> None:
    store = Store.open(tmp_path / "t.db")
    try:
        project = projects.create_project(store, "Hurtigere afklaring")
        with store.transaction():
            charter = changelog.create(store, changelog.build(Charter, project_id=project.id))
        assert record_label(store, "charter", charter.id) == "Hurtigere afklaring"
        assert record_label(store, "project", project.id) == "Hurtigere afklaring"
        assert record_label(store, "charter", "not-here") == ""
        assert record_label(store, "no-such-kind", "x") == ""
    finally:
        store.close()
