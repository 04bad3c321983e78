"""Another connection's writes: `Store.notice_other_writes` sees them (PRAGMA data_version) and
advances `generation`, so caches keyed on it read again; this connection's own writes and other
connections' reads do not count."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from core.db.store import Store, reading

WALL_MS = 1_795_000_000_000  # a November 2026 wall clock: no test reads the real time
TODAY = dt.date(2026, 11, 24)


def _open(path: Path) -> Store:
    return Store.open(path, wall_clock=lambda: WALL_MS)


def test_a_fresh_or_reopened_file_has_nothing_from_other_windows(tmp_path: Path) -> None:
    store = _open(tmp_path / "t.db")  # created, migrated and turned to WAL: its own doing
    assert not store.notice_other_writes()
    store.close()
    store = _open(tmp_path / "t.db")
    generation = store.generation
    assert not store.notice_other_writes()
    assert store.generation == generation
    store.close()


def test_own_writes_advance_generation_but_are_not_other_windows(tmp_path: Path) -> None:
    store = _open(tmp_path / "t.db")
    generation = store.generation
    store.set_unit_name("Sundhed")
    assert store.generation == generation + 1
    assert not store.notice_other_writes()
    assert store.generation == generation + 1
    store.close()


def test_another_connections_commit_is_noticed_once(tmp_path: Path) -> None:
    path = tmp_path / "t.db"
    mine, other = _open(path), _open(path)  # opening a second window writes nothing
    assert not mine.notice_other_writes()
    generation = mine.generation
    other.set_unit_name("Ældre og Sundhed")
    assert mine.notice_other_writes()
    assert mine.generation == generation + 1
    assert mine.unit_name == "Ældre og Sundhed"
    assert not mine.notice_other_writes()  # seen: asking again costs one pragma and says no
    assert mine.generation == generation + 1
    other.set_unit_name("Sundhed")
    other.set_unit_name("Social")
    assert mine.notice_other_writes()  # two commits between looks: one advance is enough
    assert mine.generation == generation + 2
    mine.close()
    other.close()


def test_a_rolled_back_write_or_a_reader_is_not_a_change(tmp_path: Path) -> None:
    path = tmp_path / "t.db"
    mine, other = _open(path), _open(path)
    try:
        with other.transaction():
            other.execute("UPDATE sync_replica SET unit_name = 'x' WHERE id = 1")
            raise RuntimeError("stop")
    except RuntimeError:
        pass
    with reading(path) as reader:
        assert reader.query("SELECT unit_name FROM sync_replica")[0]["unit_name"] == ""
    assert not mine.notice_other_writes()
    mine.close()
    other.close()


def test_the_judged_teams_cache_is_read_again_after_another_window_wrote(
    tmp_path: Path,
) -> None:
    from core.demo.build import open_demo
    from core.teams.states import CACHE, judged, org_ids

    path = tmp_path / "demo.db"
    mine = open_demo(path, today=TODAY)
    other = _open(path)
    (org_id,) = org_ids(mine)
    data = judged(mine, org_id)
    assert CACHE.get(mine, org_id) is data
    other.set_unit_name("Sundhed")
    assert CACHE.get(mine, org_id) is data  # not noticed yet
    assert mine.notice_other_writes()
    assert CACHE.get(mine, org_id) is None  # judged again at the next look
    mine.close()
    other.close()


def test_an_in_memory_store_never_hears_of_other_windows() -> None:
    store = Store.memory(wall_clock=lambda: WALL_MS)
    store.set_unit_name("Sundhed")
    assert not store.notice_other_writes()
    store.close()
