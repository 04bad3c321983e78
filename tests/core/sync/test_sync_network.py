"""A learning network's coordinator gathers the units' files and sends notes and tips back."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

from core.db import changelog
from core.db.store import Store
from core.db.undo import UndoLog
from core.models import Action, NoteKind
from core.network import networks
from core.project import projects
from core.sync.batch import apply_batch, batch_files, preview_batch
from core.sync.dump import canonical_dump
from core.sync.exporter import export_scope, related_networks
from core.sync.importer import apply_import


def _unit(tmp_path: Path, name: str) -> Store:
    store = Store.open(tmp_path / f"{name}.db", fingerprint=name)
    with store.transaction():
        store.execute("UPDATE sync_replica SET unit_name = ?", [name])
    return store


def _unit_with_project(tmp_path: Path, name: str, project: str) -> tuple[Store, str]:
    store = _unit(tmp_path, name)
    created = projects.create_project(store, project, unit=name)
    with store.transaction():
        changelog.create(store, Action(project_id=created.id, change=f"Første skridt i {name}"))
    return store, created.id


def _integrity(store: Store) -> str:
    return store.execute("PRAGMA integrity_check").fetchone()[0]


def test_a_folder_of_good_duplicate_and_broken_files_imports_what_it_can(tmp_path: Path) -> None:
    inbox = tmp_path / "indbakke"
    inbox.mkdir()
    for index, unit in enumerate(("Afsnit A", "Afsnit B", "Afsnit C")):
        store, project_id = _unit_with_project(tmp_path, unit, f"Projekt {index}")
        path = export_scope(store, project_id, folder=inbox).path
        if index == 0:
            shutil.copy(path, inbox / "kopi.tavle")
    (inbox / "afkortet.tavle").write_bytes((inbox / "kopi.tavle").read_bytes()[:300])
    (inbox / "ikke-tavle.tavle").write_text("Hej", encoding="utf-8")
    (inbox / "notat.txt").write_text("ikke med", encoding="utf-8")
    coordinator = _unit(tmp_path, "Koordinator")
    files = batch_files(inbox)
    assert [p.name for p in files] == sorted((p.name for p in files), key=str.casefold)
    assert all(p.suffix == ".tavle" for p in files) and len(files) == 6

    before = canonical_dump(coordinator)
    preview = preview_batch(coordinator, files)
    assert canonical_dump(coordinator) == before
    by_name = {o.path.name: o for o in preview}
    assert by_name["afkortet.tavle"].error.key == "sync.error.damaged"
    assert by_name["ikke-tavle.tavle"].error.key == "sync.error.not_tavle"
    duplicates = [o for o in preview if o.duplicate_of is not None]
    assert len(duplicates) == 1
    good = [o for o in preview if o.ok]
    assert len(good) == 3 and all(o.preview.counts["action"].created == 1 for o in good)

    applied = apply_batch(coordinator, files)
    assert [o.ok for o in applied] == [o.ok for o in preview]
    assert coordinator.execute("SELECT COUNT(*) FROM projects").fetchone()[0] == 3
    assert _integrity(coordinator) == "ok"
    again = apply_batch(coordinator, files)
    assert all(o.preview.already_imported for o in again if o.ok)


def test_notes_and_tips_travel_back_to_the_units_in_the_next_file(tmp_path: Path) -> None:
    unit, project_id = _unit_with_project(tmp_path, "Afsnit A", "Færre fald")
    coordinator = _unit(tmp_path, "Koordinator")
    apply_import(coordinator, export_scope(unit, project_id, folder=tmp_path).path)

    network = networks.create_network(coordinator, "Læringsnetværket [/x]", coordinator="KB")
    log = UndoLog(coordinator)
    networks.add_unit(log, network.id, "Afsnit A")
    meeting = networks.add_meeting(log, network.id, dt.date(2026, 11, 26), "Fald og PGEK")
    networks.add_presentation(log, meeting, "Afsnit A", project_id=project_id,
                              project_name="Færre fald")
    networks.add_note(log, network.id, "Prøv tavlemøder om morgenen", kind=NoteKind.TIP,
                      meeting_id=meeting.id, unit="Afsnit A")
    assert related_networks(coordinator, project_id) == [network.id]
    assert [p.unit for p in networks.agenda(coordinator, meeting.id)] == ["Afsnit A"]

    back = export_scope(coordinator, project_id, folder=tmp_path)
    preview = apply_import(unit, back.path)
    assert (network.id, "network", "Læringsnetværket [/x]") in preview.scopes
    [row] = networks.notes_for_project(unit, project_id)
    assert row.note.text == "Prøv tavlemøder om morgenen" and row.note.kind == NoteKind.TIP
    assert row.network_name == "Læringsnetværket [/x]"
    # The unit's own next file carries the network too, so the coordinator's peers stay known.
    assert related_networks(unit, project_id) == [network.id]
