"""Files from released formats import forever; the shown tables stay a cache of the change log.

`tests/fixtures/sync/v1_0_demo.tavle` is a full export in format 1.0, made once by
`tests/fixtures/sync/make_golden.py` and never regenerated; `v1_0_demo.expected.json` is what
importing it must show. Add a golden file (never replace one) for each new format or vocabulary.

The rebuild tests check sync-design.md §5.1 invariant 7 (cache = log) on databases of this
version: `core.sync.merge.rebuild` recomputes every head and shown row from `sync_change` alone,
and the canonical dump must not move.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import importlib.util
import json
import shutil
import zipfile
from pathlib import Path
from types import ModuleType

import pytest

from core.db.changelog import VOCAB, canonical_json
from core.db.store import Store
from core.demo.build import open_demo
from core.sync.conflicts import list_conflicts
from core.sync.dump import canonical_dump
from core.sync.exporter import export_scope
from core.sync.fileformat import MANIFEST, PAYLOAD, write_file
from core.sync.importer import apply_import, preview_import
from core.sync.merge import rebuild

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "sync"
GOLDEN = FIXTURES / "v1_0_demo.tavle"
GOLDEN_1_1 = FIXTURES / "v1_1_vocab11.tavle"


def _generator(name: str = "make_golden") -> ModuleType:
    spec = importlib.util.spec_from_file_location(f"{name}_sync", FIXTURES / f"{name}.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def golden() -> ModuleType:
    return _generator()


@pytest.fixture(scope="module")
def golden_1_1() -> ModuleType:
    return _generator("make_golden_v1_1")


def _rebuilt_equal(store: Store) -> str:
    """Rebuild the caches from the log; return the dump after checking it did not move."""
    before = canonical_dump(store)
    conflicts = list_conflicts(store, _first_project(store))
    with store.transaction():
        rebuild(store)
    after = canonical_dump(store)
    assert after == before
    assert list_conflicts(store, _first_project(store)) == conflicts
    assert store.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    return after


def _first_project(store: Store) -> str:
    return store.execute("SELECT id FROM projects ORDER BY id").fetchone()[0]


# -- the golden file -----------------------------------------------------------------------------


def test_golden_file_is_format_1_0() -> None:
    with zipfile.ZipFile(GOLDEN) as archive:
        assert [info.filename for info in archive.infolist()] == [MANIFEST, PAYLOAD]
        manifest = json.loads(archive.read(MANIFEST))
    assert manifest["format"] == "tavle-sync"
    assert manifest["format_version"] == [1, 0] and manifest["min_reader"] == [1, 0]
    assert manifest["kind"] == "full" and manifest["counts"]["changes"] == 21


def test_golden_v1_0_imports_as_expected(golden: ModuleType, tmp_path: Path) -> None:
    """The file imports into an empty database and shows exactly the stored summary."""
    expected = json.loads((FIXTURES / "v1_0_demo.expected.json").read_text("utf-8"))
    store = Store.open(tmp_path / "new.db", fingerprint="versions/pc")
    preview = preview_import(store, GOLDEN)
    assert (preview.kind, preview.sender_unit, preview.n_new, preview.n_parked) == (
        "full", "Jobcenter Nord", 21, 0)
    assert {entity: c.created for entity, c in preview.counts.items()} == expected["live"]
    assert len(preview.new_conflicts) == len(expected["conflicts"])
    assert store.execute("SELECT COUNT(*) FROM sync_change").fetchone()[0] == 0
    applied = apply_import(store, GOLDEN)
    assert applied.applied
    assert golden.summary(store) == expected
    again = preview_import(store, GOLDEN)
    assert again.already_imported and again.n_new == 0
    store.close()


def test_golden_file_passed_on_shows_the_same(golden: ModuleType, tmp_path: Path) -> None:
    """Imported, exported in full by this unit and imported by a third: the same summary."""
    expected = json.loads((FIXTURES / "v1_0_demo.expected.json").read_text("utf-8"))
    middle = Store.open(tmp_path / "middle.db", fingerprint="versions/middle")
    apply_import(middle, GOLDEN)
    onward = export_scope(middle, golden.PROJECT, full=True, path=tmp_path / "onward.tavle")
    third = Store.open(tmp_path / "third.db", fingerprint="versions/third")
    apply_import(third, onward.path)
    assert golden.summary(third) == expected
    assert canonical_dump(third) == canonical_dump(middle)
    middle.close()
    third.close()


def test_golden_file_1_1_is_vocabulary_11() -> None:
    with zipfile.ZipFile(GOLDEN_1_1) as archive:
        manifest = json.loads(archive.read(MANIFEST))
    assert manifest["format_version"] == [1, 1] and manifest["vocab"] == 11
    assert manifest["kind"] == "full" and manifest["counts"]["changes"] == 21


def test_golden_v1_1_imports_as_expected(golden_1_1: ModuleType, tmp_path: Path) -> None:
    """Vocabularies 8-11 (charts, a target path, decisions on actions and cycles, the meeting
    rhythm, a column's limit, a recurring card): nothing parked, every value as stored, the
    conflict on the rhythm kept; passed on by this unit, a third shows the same."""
    expected = json.loads((FIXTURES / "v1_1_vocab11.expected.json").read_text("utf-8"))
    store = Store.open(tmp_path / "new.db", fingerprint="versions/pc")
    preview = preview_import(store, GOLDEN_1_1)
    assert (preview.n_new, preview.n_parked) == (21, 0)
    assert apply_import(store, GOLDEN_1_1).applied
    assert golden_1_1.summary(store) == expected
    onward = export_scope(store, golden_1_1.PROJECT, full=True, path=tmp_path / "onward.tavle")
    third = Store.open(tmp_path / "third.db", fingerprint="versions/third")
    apply_import(third, onward.path)
    assert golden_1_1.summary(third) == expected
    _rebuilt_equal(store)
    store.close()
    third.close()


def test_both_golden_files_into_one_database(tmp_path: Path) -> None:
    """A unit that received the old file and then the new one shows both projects whole."""
    store = Store.open(tmp_path / "both.db", fingerprint="versions/pc")
    assert apply_import(store, GOLDEN).applied and apply_import(store, GOLDEN_1_1).applied
    assert store.execute("SELECT COUNT(*) FROM projects WHERE _exists").fetchone()[0] == 2
    assert store.execute("SELECT COUNT(*) FROM sync_change").fetchone()[0] == 42
    _rebuilt_equal(store)
    store.close()


# -- cache = log -----------------------------------------------------------------------------------


def test_rebuild_keeps_the_demo(tmp_path: Path) -> None:
    store = open_demo(tmp_path / "demo.db", today=dt.date(2026, 11, 24))
    _rebuilt_equal(store)
    store.close()


def test_rebuild_after_importing_the_golden_file(tmp_path: Path) -> None:
    store = Store.open(tmp_path / "golden.db", fingerprint="versions/pc")
    apply_import(store, GOLDEN)
    assert len(list_conflicts(store, _first_project(store))) == 2
    _rebuilt_equal(store)
    store.close()


def test_rebuild_in_units_that_exchanged_conflicting_edits(golden: ModuleType,
                                                           tmp_path: Path) -> None:
    """Both units of the golden story: local changes, imported changes, a field conflict, an
    edit of a deleted record, a delete and a restore. Rebuilt, each shows what it showed."""
    golden.build_golden(tmp_path)
    for name, fingerprint in (("nord", "golden/Jobcenter Nord"), ("sundhed", "golden/Sundhed")):
        store = Store.open(tmp_path / f"{name}.db", fingerprint=fingerprint)
        kinds = sorted(c.kind for c in list_conflicts(store, golden.PROJECT))
        if name == "nord":
            assert kinds == ["deleted_edit", "field"]
        _rebuilt_equal(store)
        store.close()


def test_rebuild_with_parked_changes(golden: ModuleType, tmp_path: Path) -> None:
    """Changes from a newer vocabulary (an unknown field, an unknown entity) stay in the log and
    out of the tables, before and after a rebuild."""
    with zipfile.ZipFile(GOLDEN) as archive:
        manifest = json.loads(archive.read(MANIFEST))
        lines = archive.read(PAYLOAD).decode().splitlines()
    last = json.loads(lines[-1])
    newer = "a1b2c3d4-0000-4000-8000-0000000000c1"
    for seq, (entity, record, values) in enumerate(
        [("action", golden._id(30), {"colour": "rød"}),
         ("gizmo", golden._id(99), {"_exists": True, "name": "ny"})], start=1):
        lines.append(canonical_json({
            "p": golden.PROJECT, "r": newer, "s": seq, "h": last["h"] + seq, "e": entity,
            "id": record, "set": values, "prev": {}, "a": "NY", "v": VOCAB + 1}))
    payload = "".join(f"{line}\n" for line in lines).encode()
    manifest.update(format_version=[1, 1], vocab=VOCAB + 1, export_id=newer)
    manifest["counts"]["changes"] = len(lines)
    for entity in ("action", "gizmo"):
        manifest["counts"]["by_entity"][entity] = manifest["counts"]["by_entity"].get(
            entity, 0) + 1
    manifest["payload"].update(bytes=len(payload), sha256=hashlib.sha256(payload).hexdigest())
    path = tmp_path / "newer.tavle"
    write_file(path, manifest, payload)
    store = Store.open(tmp_path / "parked.db", fingerprint="versions/pc")
    assert apply_import(store, path).n_parked == 2
    _rebuilt_equal(store)
    assert store.execute("SELECT COUNT(*) FROM sync_change WHERE replica_id = ?",
                         [newer]).fetchone()[0] == 2
    store.close()


def test_rebuild_of_a_copied_database_after_replica_rotation(tmp_path: Path) -> None:
    """A database mailed to another PC gets a new replica id; its old changes keep theirs and
    the rebuilt caches are the same."""
    store = Store.open(tmp_path / "a.db", fingerprint="versions/pc")
    apply_import(store, GOLDEN)
    store.close()
    shutil.copy(tmp_path / "a.db", tmp_path / "copy.db")
    copy = Store.open(tmp_path / "copy.db", fingerprint="versions/other-pc")
    assert copy.execute("SELECT COUNT(*) FROM sync_replica_history").fetchone()[0] == 1
    _rebuilt_equal(copy)
    copy.close()
