"""A personal number that was typed, then edited away or deleted, does not leave in a file's
history: the guard reads every value a file carries, a redaction takes the number out of the
log here, and the next file takes it out at every other unit (three units, one redaction)."""

from __future__ import annotations

import datetime as dt
import json
import zipfile
from pathlib import Path

import pytest

from core.db import changelog
from core.db.store import Store
from core.db.undo import UndoLog
from core.models import Action
from core.project import projects
from core.sync import cpr_guard
from core.sync.exporter import export_scope, outgoing_file
from core.sync.fileformat import FORMAT_VERSION
from core.sync.importer import apply_import, preview_import
from core.sync.redaction import REDACTED

START_MS = int(dt.datetime(2026, 11, 24, 9, tzinfo=dt.UTC).timestamp() * 1000)
NUMBER = "010190-1239"  # a CPR number with a real date
SERIAL = "1239"


class Clock:
    def __init__(self) -> None:
        self.now = START_MS

    def __call__(self) -> int:
        self.now += 1000
        return self.now


def _unit(tmp_path: Path, name: str) -> Store:
    store = Store.open(tmp_path / f"{name}.db", wall_clock=Clock(), fingerprint=name)
    with store.transaction():
        store.execute("UPDATE sync_replica SET unit_name = ?", [name])
    store.author = name[:3].upper()
    return store


def _send(source: Store, target: Store, scope: str, folder: Path, *, full: bool = False) -> Path:
    path = export_scope(source, scope, full=full, folder=folder).path
    apply_import(target, path)
    return path


def _file_text(path: Path) -> str:
    with zipfile.ZipFile(path) as archive:
        return "\n".join(archive.read(name).decode() for name in archive.namelist())


def _holds_number(store: Store) -> bool:
    """Whether any table of the database (the change log included) holds the number."""
    dump = "\n".join(store.conn.iterdump())
    return NUMBER in dump or f"010190{SERIAL}" in dump


@pytest.fixture
def nord(tmp_path: Path) -> tuple[Store, str, str]:
    store = _unit(tmp_path, "Jobcenter Nord")
    project = projects.create_project(store, "Sygefravær", unit="Jobcenter Nord")
    with store.transaction():
        action = changelog.create(store, Action(
            project_id=project.id, change="Fælles samtale", how=f"Ring til {NUMBER} i morgen"))
    return store, project.id, action.id


def test_text_edited_away_still_leaves_in_the_history_and_the_guard_says_so(
    nord: tuple[Store, str, str],
) -> None:
    store, project_id, action_id = nord
    with store.transaction():
        changelog.update(store, Action, action_id, how="Ring til borgeren i morgen")
    assert NUMBER in "\n".join(outgoing_file(store, project_id, full=True).lines)
    [hit] = cpr_guard.scan_export(store, project_id, full=True)
    assert hit.history and hit.redactable and not hit.editable
    assert (hit.entity, hit.record_id, hit.field) == ("action", action_id, "how")
    assert SERIAL not in hit.context and SERIAL not in hit.location(cpr_guard.Translator("da"))
    assert cpr_guard.redact_hit(store, hit) == 1
    assert cpr_guard.scan_export(store, project_id, full=True) == []
    assert NUMBER not in "\n".join(outgoing_file(store, project_id, full=True).lines)
    assert not _holds_number(store)
    # the shown value is the one typed last, untouched
    assert changelog.load(store, Action, action_id).how == "Ring til borgeren i morgen"


def test_fixing_a_live_hit_also_takes_the_old_value_out(nord: tuple[Store, str, str]) -> None:
    store, project_id, _action_id = nord
    [hit] = cpr_guard.scan_export(store, project_id, full=True)
    assert hit.editable and not hit.history
    cpr_guard.fix_hit(UndoLog(store), hit, "Ring til borgeren")
    assert cpr_guard.scan_export(store, project_id, full=True) == []
    assert not _holds_number(store)


def test_a_deleted_record_is_taken_out_whole(nord: tuple[Store, str, str]) -> None:
    store, project_id, action_id = nord
    with store.transaction():
        changelog.delete(store, Action, action_id)
    [hit] = cpr_guard.scan_export(store, project_id, full=True)
    assert hit.history
    cpr_guard.redact_hit(store, hit)
    assert cpr_guard.scan_export(store, project_id, full=True) == []
    assert not _holds_number(store)
    row = store.execute("SELECT how, _exists FROM actions WHERE id = ?", [action_id]).fetchone()
    assert tuple(row) == (REDACTED, 0)


def test_numbers_in_the_manifest_and_the_file_name_are_found(
    nord: tuple[Store, str, str],
) -> None:
    store, project_id, _action_id = nord
    with store.transaction():
        store.execute("UPDATE sync_replica SET unit_name = ?", [f"Team {NUMBER}"])
    hits = cpr_guard.scan_export(store, project_id, full=True)
    [unit] = [hit for hit in hits if hit.entity is None]
    assert unit.where == "Afsenderens enhed (indstillinger)"
    assert not unit.editable and not unit.redactable
    da = cpr_guard.Translator("da")
    [name] = cpr_guard.name_hits(f"/tmp/Handlingsplan_{NUMBER}.csv", [], da)
    assert name.where == "Filnavn" and SERIAL not in name.context


def test_one_redaction_reaches_every_unit_and_every_later_file(tmp_path: Path) -> None:
    """Nord types a number, Sundhed and Syd import it; Nord edits it away in the guard, which
    redacts; the next file takes it out at Sundhed, and Sundhed's next file at Syd. A file
    made before the redaction and imported after it brings nothing back."""
    nord, sundhed, syd = (_unit(tmp_path, name) for name in ("Nord", "Sundhed", "Syd"))
    project = projects.create_project(nord, "Sygefravær", unit="Nord")
    with nord.transaction():
        action = changelog.create(nord, Action(project_id=project.id, change="Samtale",
                                               how=f"Ring til {NUMBER}"))
    _send(nord, sundhed, project.id, tmp_path, full=True)
    old_file = _send(sundhed, syd, project.id, tmp_path, full=True)  # from before
    _send(syd, sundhed, project.id, tmp_path)  # Syd says what it holds
    assert _holds_number(sundhed) and _holds_number(syd)

    [hit] = cpr_guard.scan_export(nord, project.id, full=True)
    cpr_guard.fix_hit(UndoLog(nord), hit, "Ring til borgeren")
    assert not _holds_number(nord)

    to_sundhed = _send(nord, sundhed, project.id, tmp_path)  # a delta
    assert NUMBER not in _file_text(to_sundhed)
    assert not _holds_number(sundhed)
    to_syd = _send(sundhed, syd, project.id, tmp_path)
    assert NUMBER not in _file_text(to_syd)
    assert not _holds_number(syd)

    # the old file again, at a unit that has redacted: the same changes, nothing comes back
    preview = preview_import(syd, old_file)
    assert preview.n_new == 0
    apply_import(syd, old_file)
    assert not _holds_number(syd)
    # ... and at a fourth unit that first gets the old file, then a new one
    fourth = _unit(tmp_path, "Vest")
    apply_import(fourth, old_file)
    assert _holds_number(fourth)
    _send(nord, fourth, project.id, tmp_path, full=True)
    assert not _holds_number(fourth)

    for store in (nord, sundhed, syd, fourth):
        assert changelog.load(store, Action, action.id).how == "Ring til borgeren", store.author
        assert cpr_guard.scan_export(store, project.id, full=True) == []
        folder = tmp_path / store.author
        folder.mkdir()
        full = export_scope(store, project.id, full=True, folder=folder)
        assert NUMBER not in _file_text(full.path)


def test_a_file_with_redactions_needs_a_reader_that_knows_them(
    nord: tuple[Store, str, str], tmp_path: Path,
) -> None:
    store, project_id, _action_id = nord
    plain = outgoing_file(store, project_id)
    assert "redactions" not in plain.manifest and plain.manifest["min_reader"] == [1, 0]
    [hit] = cpr_guard.scan_export(store, project_id, full=True)
    cpr_guard.fix_hit(UndoLog(store), hit, "Ring til borgeren")
    out = outgoing_file(store, project_id)
    assert out.manifest["min_reader"] == list(FORMAT_VERSION) == [1, 1]
    [[scope, _replica, _seq, field]] = out.manifest["redactions"]
    assert (scope, field) == (project_id, "how")
    assert NUMBER not in json.dumps(out.manifest)  # (its four digits may stand in a hash)


def test_a_measurement_typed_as_a_personal_number_is_found_and_its_old_value_taken_out(
    tmp_path: Path,
) -> None:
    """0101901239 typed into a numeric field is stored as 101901239: the guard finds it in the
    live value (put right where it is typed) and, once corrected, in the history (taken out)."""
    from core.measures import entry as measures
    from core.models import Frequency, MeasureKind, Measurement

    store = _unit(tmp_path, "Nord")
    project = projects.create_project(store, "Sygefravær", unit="Nord")
    log = UndoLog(store)
    measure = measures.add_measure(log, project.id, name="Dage", kind=MeasureKind.COUNT,
                                   frequency=Frequency.WEEKLY)
    first = measures.add_measurement(log, measure, measures.Entry("2026-W47", value=101901239.0))
    [hit] = cpr_guard.scan_export(store, project.id, full=True)
    assert hit.numeric and not hit.editable and not hit.redactable
    assert hit.number.masked == "010190****"
    [reported] = cpr_guard.scan_outgoing(store, project.id, [("Statusrapport", "101.901.239")])
    assert reported.numeric
    measures.edit_measurement(log, measure, first.id, measures.Entry("2026-W47", value=12.0))
    [old] = cpr_guard.scan_export(store, project.id, full=True)
    assert old.numeric and old.history and old.redactable
    cpr_guard.redact_hit(store, old)
    assert cpr_guard.scan_export(store, project.id, full=True) == []
    assert "101901239" not in "\n".join(outgoing_file(store, project.id, full=True).lines)
    [value] = store.query("SELECT value FROM measurements WHERE _exists = 1")
    assert value["value"] == 12.0
    assert Measurement  # the record kind the values are kept in


def test_backups_from_before_a_redaction_are_listed_and_can_be_deleted(
    nord: tuple[Store, str, str],
) -> None:
    from core.db.store import backup_path
    from core.sync.redaction import backups_from_before, delete_backups

    store, project_id, _action_id = nord
    assert store.path is not None
    before = store.copy_to(backup_path(store.path))
    (store.path.parent / "backups").mkdir()
    imported = store.copy_to(store.path.parent / "backups" / f"{store.path.stem}"
                             ".before-import-2026-11-24-090000-000000.db")
    assert backups_from_before(store) == []  # nothing redacted yet
    [hit] = cpr_guard.scan_export(store, project_id, full=True)
    cpr_guard.fix_hit(UndoLog(store), hit, "Ring til borgeren")
    after = store.copy_to(store.path.parent / f"{store.path.stem}.backup-2099-01-01-000000.db")
    assert backups_from_before(store) == sorted([before, imported])  # not the one made after
    assert after.exists()
    assert NUMBER in before.read_bytes().decode("latin-1")  # why they are offered
    assert not list(store.path.parent.glob("*.backup-*-wal"))  # looking made no side files
    beside = before.with_name(before.name + "-wal")
    beside.write_bytes(b"old pages")
    assert delete_backups([before, imported]) == []
    assert not before.exists() and not imported.exists() and not beside.exists()
    db_bytes = store.path.read_bytes()
    assert NUMBER.encode() not in db_bytes and b"0101901239" not in db_bytes


def test_a_file_redacts_only_in_the_scopes_it_carries(tmp_path: Path) -> None:
    """A redaction listed for another project than the file's is not applied."""
    from core.sync.fileformat import read_file
    from tests.core.sync.test_sync_faults import read_parts, write_parts

    nord, syd = _unit(tmp_path, "Nord"), _unit(tmp_path, "Syd")
    first = projects.create_project(nord, "Første", unit="Nord")
    other = projects.create_project(nord, "Andet", unit="Nord")
    with nord.transaction():
        action = changelog.create(nord, Action(project_id=other.id, change="Samtale",
                                               how="Ring i morgen"))
    _send(nord, syd, other.id, tmp_path, full=True)
    [(replica, seq)] = [tuple(r) for r in syd.execute(
        "SELECT replica_id, seq FROM sync_change WHERE record_id = ? AND entity = 'action'",
        [action.id])]
    path = export_scope(nord, first.id, full=True, folder=tmp_path).path
    manifest, lines = read_parts(path)
    manifest["redactions"] = [[other.id, replica, seq, "how"]]
    manifest["min_reader"] = [1, 1]
    forged = write_parts(tmp_path / "forged.tavle", manifest, lines)
    assert read_file(forged).manifest.redactions
    apply_import(syd, forged)
    assert changelog.load(syd, Action, action.id).how == "Ring i morgen"
