"""`tavle import` and `tavle export` on a busy database or a full disk: a message, exit 2, the
database as before; reading commands open the database read-only."""

from __future__ import annotations

import datetime as dt
import errno
import os
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest

import core.db.store
from core.db.logrows import register
from core.db.store import Store
from core.demo.build import open_demo
from tui.cli.main import main

TODAY = dt.date(2026, 11, 24)


@pytest.fixture(scope="module")
def exported(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("nord")
    nord = folder / "nord.db"
    open_demo(nord, today=TODAY).close()
    assert main(["export", "hurtigere afklaring", "--db", str(nord), "-o", str(folder)]) == 0
    [file] = folder.glob("*.tavle")
    return file


@pytest.fixture
def sundhed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setattr(core.db.store, "BUSY_TIMEOUT_MS", 100)
    path = tmp_path / "sundhed.db"
    Store.open(path).close()
    return path


@pytest.fixture
def held(sundhed: Path) -> Iterator[sqlite3.Connection]:
    other = sqlite3.connect(sundhed, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")
    yield other
    other.execute("ROLLBACK")
    other.close()


def changes(db: Path) -> int:
    with sqlite3.connect(db) as conn:
        register(conn)  # the view's set_json function (m018)
        (count,) = conn.execute("SELECT COUNT(*) FROM sync_change").fetchone()
    return int(count)


def test_import_into_a_busy_database_says_so_and_exits_2(
    exported: Path, sundhed: Path, held: sqlite3.Connection,
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["--lang", "en", "import", str(exported), "--db", str(sundhed)]) == 2
    err = capsys.readouterr().err
    assert "Another program is using the database" in err and str(sundhed) in err
    assert "Traceback" not in err
    held.execute("ROLLBACK")
    assert changes(sundhed) == 0
    held.execute("BEGIN IMMEDIATE")


def test_a_dry_run_reads_only_so_a_busy_database_does_not_stop_it(
    exported: Path, sundhed: Path, held: sqlite3.Connection,
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["--lang", "en", "import", str(exported), "--dry-run", "--db", str(sundhed)]) == 0
    assert "Dry run: nothing has been written." in capsys.readouterr().out


def test_import_on_a_full_disk_says_what_to_free_and_changes_nothing(
    exported: Path, sundhed: Path, monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    real = os.replace

    def replace(source: str | Path, target: str | Path) -> None:
        if str(source).endswith(".partial"):  # the backup before the import cannot be finished
            raise OSError(errno.ENOSPC, "No space left on device")
        real(source, target)

    monkeypatch.setattr(os, "replace", replace)
    before = sundhed.read_bytes()
    assert main(["--lang", "en", "import", str(exported), "--db", str(sundhed)]) == 2
    err = capsys.readouterr().err
    assert "is full" in err and "Free space" in err and "Traceback" not in err
    assert changes(sundhed) == 0 and sundhed.read_bytes() == before
    assert list((sundhed.parent / "backups").iterdir()) == []


def test_export_to_a_full_disk_asks_for_another_folder(
    exported: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    def write_file(*_args: object, **_kwargs: object) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr("core.sync.exporter.write_file", write_file)
    out = tmp_path / "ud"
    out.mkdir()
    nord = exported.parent / "nord.db"
    assert main(["--lang", "en", "export", "hurtigere", "--db", str(nord), "-o", str(out)]) == 2
    err = capsys.readouterr().err
    assert "is full" in err and "choose another folder" in err
    assert list(out.iterdir()) == []


def test_reading_commands_open_the_database_read_only(
    exported: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    opened: list[bool] = []
    real = Store.open.__func__  # type: ignore[attr-defined]

    def spy(cls: type[Store], path: Path, **kwargs: object) -> Store:
        store: Store = real(cls, path, **kwargs)
        opened.append(store.read_only)
        return store

    monkeypatch.setattr(Store, "open", classmethod(spy))
    nord = exported.parent / "nord.db"
    out = tmp_path / "ud"
    out.mkdir()
    assert main(["export", "hurtigere", "--db", str(nord), "-o", str(out)]) == 0
    assert main(["import", str(exported), "--dry-run", "--db", str(nord)]) == 0
    assert main(["report", "hurtigere", "--db", str(nord), "-o", str(out / "r.md")]) == 0
    # a dry run writes and rolls back where it can (its memory stays bounded by a batch of the
    # file); on a database it cannot write it reads (test_a_dry_run_reads_only_so_...)
    assert opened == [True, False, True]
    capsys.readouterr()
