"""The shared folder's rules one at a time (`core.sync.folder`): names, what is skipped, what a
file holds, acknowledgements, pruning, the status per unit. Units converging through a folder
under faults are in `test_folder_sync_units.py`."""

from __future__ import annotations

import datetime as dt
import os
import zipfile
from pathlib import Path

import pytest

from core.db import changelog
from core.db.store import Store
from core.models import Action
from core.project import projects
from core.sync import folder as shared
from core.sync.dump import canonical_dump
from core.sync.errors import SyncFileError
from core.sync.exporter import export_scope
from core.sync.importer import apply_import

NOW = dt.datetime(2026, 12, 3, 14, 5, tzinfo=dt.UTC)


def _unit(tmp_path: Path, name: str) -> Store:
    store = Store.open(tmp_path / f"{name}.db", fingerprint=name)
    store.set_unit_name(name)
    store.author = name[:3].upper()
    return store


@pytest.fixture
def nord_syd(tmp_path: Path) -> tuple[Store, Store, str, Path]:
    """Jobcenter Nord has a project with one action; Syd joins the project's folder."""
    folder = tmp_path / "fælles"
    folder.mkdir()
    nord, syd = _unit(tmp_path, "Jobcenter Nord"), _unit(tmp_path, "Jobcenter Syd")
    project = projects.create_project(nord, "Sygefravær", unit="Jobcenter Nord")
    with nord.transaction():
        changelog.create(nord, Action(project_id=project.id, change="Ring til borgeren"))
    shared.set_shared_folder(nord, project.id, folder)
    shared.sync_scope(nord, project.id, now=NOW)
    scopes = [scope for scope, _kind, _name in shared.scopes_in(shared.scan_folder(folder), syd)]
    assert scopes == [project.id]
    shared.join_folder(syd, folder, scopes, now=NOW)
    return nord, syd, project.id, folder


def _edit(store: Store, project_id: str, text: str) -> None:
    with store.transaction():
        changelog.create(store, Action(project_id=project_id, change=text))


def _names(folder: Path) -> list[str]:
    return sorted(path.name for path in folder.iterdir())


def test_a_file_is_named_by_project_unit_replica_and_number_in_plain_ascii() -> None:
    name = shared.folder_file_name("Sygefravær i hjemmeplejen", "Jobcenter Øst",
                                   "9A1E77d0-1234-4c2d-9a53-7a1e1f3c2b10", 42)
    assert name == "Tavle_Sygefravaer-i-hjemmeplejen_Jobcenter-Oest_9a1e77d0-000042.tavle"
    assert shared.folder_file_name("CON", "", "9a1e77d0", 1) == (
        "Tavle_projekt_enhed_9a1e77d0-000001.tavle")


def test_each_unit_writes_only_its_own_numbered_files_and_both_hold_the_same(nord_syd) -> None:
    nord, syd, project_id, folder = nord_syd
    assert canonical_dump(nord) == canonical_dump(syd)
    tags = {shared.replica_tag(nord.replica_id), shared.replica_tag(syd.replica_id)}
    assert {name.rsplit("_", 1)[1].split("-")[0] for name in _names(folder)} == tags
    _edit(syd, project_id, "Book et møde")
    assert shared.pending(syd, project_id)
    written = shared.sync_scope(syd, project_id, now=NOW).write
    assert written is not None and written.n_changes == 1
    assert written.path is not None and written.path.name.endswith("-000002.tavle")
    assert not shared.pending(syd, project_id)
    read = shared.sync_scope(nord, project_id, now=NOW).read
    assert read is not None and read.arrivals() == [("Jobcenter Syd", 1)]
    assert canonical_dump(nord) == canonical_dump(syd)


def test_nothing_is_written_when_nothing_is_new_and_an_old_acknowledgement_goes(nord_syd) -> None:
    nord, syd, project_id, folder = nord_syd
    before = _names(folder)
    result = shared.sync_scope(syd, project_id, now=NOW)
    assert result.write is not None and result.write.path is None
    assert _names(folder) == before
    _edit(nord, project_id, "Ny handling")
    shared.sync_scope(nord, project_id, now=NOW)
    ack = shared.sync_scope(syd, project_id, now=NOW).write  # took it in: says so, no changes
    assert ack is not None and ack.path is not None and ack.n_changes == 0
    syd_files = [n for n in _names(folder) if shared.replica_tag(syd.replica_id) in n]
    assert syd_files == [ack.path.name]  # the acknowledgement before it was removed


def test_a_file_carries_only_what_the_folder_lacks(nord_syd) -> None:
    nord, _syd, project_id, _folder = nord_syd
    for day in range(3):
        _edit(nord, project_id, f"Handling {day}")
        written = shared.sync_scope(nord, project_id, now=NOW).write
        assert written is not None and written.n_changes == 1  # not the earlier days again


def test_a_lost_file_is_written_again(nord_syd) -> None:
    nord, syd, project_id, _folder = nord_syd
    _edit(nord, project_id, "Mistet")
    lost = shared.sync_scope(nord, project_id, read=False, now=NOW).write
    assert lost is not None and lost.path is not None
    lost.path.unlink()  # deleted by hand, or never synced
    _edit(nord, project_id, "Næste")
    again = shared.sync_scope(nord, project_id, now=NOW).write
    assert again is not None and again.n_changes == 2
    shared.sync_scope(syd, project_id, now=NOW)
    assert canonical_dump(nord) == canonical_dump(syd)


@pytest.mark.parametrize(
    ("damage", "reason"),
    [
        ("empty", "empty"),
        ("truncated", "damaged"),
        ("onedrive_copy", "copy"),
        ("numbered_copy", "copy"),
        ("renamed", "copy"),
    ],
)
def test_a_file_not_whole_or_not_its_writers_is_skipped_and_tried_again(
    nord_syd, damage: str, reason: str
) -> None:
    nord, syd, project_id, _folder = nord_syd
    _edit(nord, project_id, "Ny")
    written = shared.sync_scope(nord, project_id, read=False, now=NOW).write
    assert written is not None and written.path is not None
    path = written.path
    data = path.read_bytes()
    if damage == "empty":
        path.write_bytes(b"")
    elif damage == "truncated":
        path.write_bytes(data[: len(data) // 2])
    else:
        path.unlink()
        if damage == "onedrive_copy":
            path = path.with_name(path.stem + "-PC-NAVN.tavle")
        elif damage == "numbered_copy":
            path = path.with_name(path.stem + " (1).tavle")
        else:  # under another unit's tag
            tag = shared.replica_tag(syd.replica_id)
            path = path.with_name(f"Tavle_x_y_{tag}-000099.tavle")
        path.write_bytes(data)
    before = canonical_dump(syd)
    read = shared.sync_scope(syd, project_id, now=NOW).read
    assert read is not None and read.imported == [] and read.waiting == []
    assert [(s.path.name, s.reason) for s in read.skipped] == [(path.name, reason)]
    assert canonical_dump(syd) == before
    if damage in ("empty", "truncated"):  # the sync program finishes it: it is read next time
        path.write_bytes(data)
        shared.sync_scope(syd, project_id, now=NOW)
        assert canonical_dump(syd) == canonical_dump(nord)


def test_temporary_and_other_files_are_not_read(nord_syd) -> None:
    _nord, _syd, _project_id, folder = nord_syd
    (folder / ".tavle-abc.tmp").write_bytes(b"PK")
    (folder / "notes.txt").write_text("x")
    mailed = "Tavle_Sygefravaer_Jobcenter-Nord_2026-12-03.tavle"  # a file meant for email
    (folder / mailed).write_bytes(b"")
    scan = shared.scan_folder(folder)
    assert [s.path.name for s in scan.skipped] == [mailed]
    assert len(scan.entries) == 2


def test_an_unreachable_folder_is_said_and_changes_nothing(nord_syd, tmp_path: Path) -> None:
    nord, _syd, project_id, _folder = nord_syd
    shared.set_shared_folder(nord, project_id, tmp_path / "drev-uden-forbindelse")
    _edit(nord, project_id, "Venter")
    result = shared.sync_scope(nord, project_id, now=NOW)
    assert result.error is not None and result.error.key == "sync.folder.unreachable"
    assert shared.pending(nord, project_id)  # written when the folder is back
    with pytest.raises(SyncFileError):
        shared.scan_folder(tmp_path / "drev-uden-forbindelse")


def test_a_file_with_a_conflict_waits_for_the_preview_a_gap_does_not(nord_syd) -> None:
    nord, syd, project_id, _folder = nord_syd
    action_id = nord.execute("SELECT id FROM actions").fetchone()[0]
    with nord.transaction():
        changelog.update(nord, Action, action_id, change="Nords tekst")
    with syd.transaction():
        changelog.update(syd, Action, action_id, change="Syds tekst")
    shared.sync_scope(nord, project_id, now=NOW)
    result = shared.sync_scope(syd, project_id, now=NOW)
    assert result.read is not None and len(result.read.waiting) == 1
    assert syd.execute("SELECT change FROM actions").fetchone()[0] == "Syds tekst"
    # the preview imports it (the same importer as email); next time it is not waiting
    apply_import(syd, result.read.waiting[0])
    again = shared.sync_scope(syd, project_id, now=NOW)
    assert again.read is not None and again.read.waiting == []
    # a scheduled task has nobody to ask: it imports, the conflict is listed
    shared.sync_scope(nord, project_id, review=False, now=NOW)
    assert canonical_dump(nord) == canonical_dump(syd)


def test_acknowledged_files_are_removed_after_the_days_the_folder_keeps_them(nord_syd) -> None:
    nord, syd, project_id, folder = nord_syd
    nord_tag = shared.replica_tag(nord.replica_id)
    _edit(nord, project_id, "Uge 1")
    first = shared.sync_scope(nord, project_id, now=NOW).write
    assert first is not None and first.path is not None
    _edit(nord, project_id, "Uge 2")
    later = NOW + dt.timedelta(days=40)
    shared.sync_scope(nord, project_id, now=later)
    assert first.path.exists()  # Syd has not said it holds it
    shared.sync_scope(syd, project_id, now=later)  # takes both in, acknowledges
    _edit(nord, project_id, "Uge 3")
    result = shared.sync_scope(nord, project_id, now=later)
    assert result.write is not None and first.path in result.write.removed
    assert not first.path.exists()
    mine = [n for n in _names(folder) if nord_tag in n]
    assert len(mine) == 2  # the one Syd has but is younger than 30 days, and the newest
    shared.sync_scope(syd, project_id, now=later)
    assert canonical_dump(nord) == canonical_dump(syd)


def test_a_unit_that_joins_after_pruning_gets_everything(nord_syd, tmp_path: Path) -> None:
    nord, syd, project_id, folder = nord_syd
    late = NOW + dt.timedelta(days=60)
    for week in range(3):
        _edit(nord, project_id, f"Uge {week}")
        shared.sync_scope(nord, project_id, now=late)
        shared.sync_scope(syd, project_id, now=late)
    shared.sync_scope(nord, project_id, now=late)
    skole = _unit(tmp_path, "Skole")
    shared.join_folder(skole, folder, [project_id], now=late)
    shared.sync_scope(nord, project_id, now=late)  # sees Skole's acknowledgement: catches up
    shared.sync_scope(syd, project_id, now=late)
    shared.sync_scope(skole, project_id, now=late)
    assert canonical_dump(skole) == canonical_dump(nord) == canonical_dump(syd)


def test_the_status_says_what_each_unit_has_seen_of_ours(nord_syd) -> None:
    nord, syd, project_id, folder = nord_syd
    [status] = shared.folder_status(nord, project_id, shared.scan_folder(folder))
    assert (status.unit, status.seen_all, status.missing) == ("Jobcenter Syd", True, 0)
    assert status.last_write == NOW
    _edit(nord, project_id, "En")
    _edit(nord, project_id, "To")
    shared.sync_scope(nord, project_id, now=NOW)
    [status] = shared.folder_status(nord, project_id, shared.scan_folder(folder))
    assert (status.seen_all, status.missing) == (False, 2)
    assert status.seen_until is not None
    shared.sync_scope(syd, project_id, now=NOW + dt.timedelta(hours=1))
    [status] = shared.folder_status(nord, project_id, shared.scan_folder(folder))
    assert status.seen_all and status.last_write == NOW + dt.timedelta(hours=1)


def test_a_cpr_number_stops_the_write(nord_syd) -> None:
    nord, _syd, project_id, folder = nord_syd
    before = _names(folder)
    _edit(nord, project_id, "Ring til 010190-1234 i morgen")
    result = shared.sync_scope(nord, project_id, now=NOW)
    assert result.write is not None and result.write.hits and result.write.path is None
    assert _names(folder) == before
    assert shared.pending(nord, project_id)


def test_email_keeps_working_beside_the_folder(nord_syd, tmp_path: Path) -> None:
    nord, syd, project_id, _folder = nord_syd
    mail = tmp_path / "mail"
    mail.mkdir()
    _edit(syd, project_id, "Sendt med e-mail")
    apply_import(nord, export_scope(syd, project_id, folder=mail).path)
    shared.sync_scope(syd, project_id, now=NOW)
    shared.sync_scope(nord, project_id, now=NOW)
    assert canonical_dump(nord) == canonical_dump(syd)


def test_a_new_folder_keeps_the_numbers_going(nord_syd, tmp_path: Path) -> None:
    nord, _syd, project_id, _folder = nord_syd
    other = tmp_path / "ny-mappe"
    other.mkdir()
    shared.set_shared_folder(nord, project_id, other)
    assert shared.pending(nord, project_id)  # the new folder has nothing of ours yet
    written = shared.sync_scope(nord, project_id, now=NOW).write
    assert written is not None and written.path is not None
    assert written.path.name.endswith("-000002.tavle")
    with zipfile.ZipFile(written.path) as archive:
        assert sorted(archive.namelist()) == ["changes.jsonl", "manifest.json"]
    assert written.n_changes == 2  # the folder held nothing: the project and its action
    shared.set_shared_folder(nord, project_id, None)
    assert shared.shared_folder(nord, project_id) is None and not shared.pending(nord, project_id)


@pytest.mark.skipif(os.name == "nt" or os.geteuid() == 0, reason="root reads any file")
def test_a_locked_file_is_skipped(nord_syd) -> None:
    nord, syd, project_id, _folder = nord_syd
    _edit(nord, project_id, "Låst")
    written = shared.sync_scope(nord, project_id, read=False, now=NOW).write
    assert written is not None and written.path is not None
    written.path.chmod(0)
    try:
        read = shared.sync_scope(syd, project_id, now=NOW).read
        assert read is not None and [s.reason for s in read.skipped] == ["locked"]
    finally:
        written.path.chmod(0o644)
