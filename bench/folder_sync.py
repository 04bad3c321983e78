"""Sync through a shared folder at a learning network's scale: 33 units, a week of edits each.

One run, in a temporary folder:
  1. unit 0 starts a project and writes it to the shared folder; units 1–32 take it in and
     acknowledge it there (the folder's steady state);
  2. every unit makes a week of edits – its own measure and 29 weekly measurements, 10 actions
     created and 10 edited (50 changes) – and writes its weekly file to the folder
     (`core.sync.folder.write_own`);
  (a) one unit (a copy of unit 0's database, fresh for each run) takes in the 32 other units'
      files with `read_others` (listing and manifests, the copy kept before the import, the
      imports in one transaction): the median of a few runs, against the goal of < 2 s;
  (b) baseline, in the same run: the same 32 files into a fresh copy through the email path,
      `core.sync.batch.apply_batch` (one copy kept before them, each file its own transaction).
Prints each median in seconds and the ratio (a) / (b); nothing is asserted. With --profile,
prints where (a) spends its time (cProfile, top functions by cumulative time).

Usage: python bench/folder_sync.py [--units N] [--runs N] [--profile]
"""

from __future__ import annotations

import argparse
import cProfile
import datetime as dt
import io
import pstats
import shutil
import sqlite3
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from core.db import changelog  # noqa: E402
from core.db.store import Store  # noqa: E402
from core.ids import stable_id  # noqa: E402
from core.models import Action, Measure, Measurement, Project, week_period  # noqa: E402
from core.sync.batch import apply_batch  # noqa: E402
from core.sync.folder import (  # noqa: E402
    read_others,
    set_shared_folder,
    sync_scope,
    write_own,
)

PROJECT = "b0f01d00-0000-4000-8000-000000000001"
START = dt.datetime(2026, 11, 23, 8, tzinfo=dt.UTC)
WEEK_START = dt.date(2026, 9, 7)
T = TypeVar("T")


class Clock:
    """A simulated wall clock (no run reads the real date): one second per reading."""

    def __init__(self) -> None:
        self.now = int(START.timestamp() * 1000)

    def __call__(self) -> int:
        self.now += 1000
        return self.now


def timed(work: Callable[[], T]) -> tuple[T, float]:
    started = time.perf_counter()
    result = work()
    return result, time.perf_counter() - started


def blank_database(folder: Path) -> Path:
    """A migrated empty database without a replica: each copy gets its own at its first open
    (migrating 33 databases anew would be most of the setup)."""
    path = folder / "blank.db"
    store = Store.open(path, fingerprint="bench/blank")
    store.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    store.close()
    conn = sqlite3.connect(path)
    with conn:
        conn.execute("DELETE FROM sync_replica")
    conn.close()
    return path


def open_unit(folder: Path, blank: Path, n: int) -> Store:
    path = folder / f"unit{n:02d}.db"
    shutil.copy(blank, path)
    store = Store.open(path, wall_clock=Clock(), fingerprint=f"bench/unit{n:02d}")
    store.set_unit_name(f"Enhed {n:02d}")
    store.author = f"E{n:02d}"
    return store


def week_of_edits(store: Store, n: int) -> None:
    """50 changes: a measure and 29 weekly measurements, 10 actions created and 10 edited."""
    measure_id = stable_id(PROJECT, "measure", n)
    with store.transaction():
        changelog.create(store, Measure(id=measure_id, project_id=PROJECT,
                                        name=f"Ventetid i enhed {n:02d}", unit="dage"))
        for week in range(29):
            period = week_period(WEEK_START + dt.timedelta(weeks=week))
            changelog.create(store, Measurement(
                id=Measurement.id_for(PROJECT, measure_id, period), project_id=PROJECT,
                measure_id=measure_id, period=period, value=float((n * 7 + week) % 40)))
        actions = [
            changelog.create(store, Action(
                id=stable_id(PROJECT, "action", n, k), project_id=PROJECT,
                change=f"Enhed {n:02d}: ændring nr. {k}", responsible=f"Person {k}"))
            for k in range(10)
        ]
        for action in actions:
            changelog.update(store, Action, action.id, status="in_progress")


def build(folder: Path, units: int) -> tuple[Path, Path, list[Path]]:
    """The 33 units, the shared folder after their weekly files, unit 0's database."""
    blank = blank_database(folder)
    share = folder / "share"
    share.mkdir()
    stores = [open_unit(folder, blank, n) for n in range(units)]
    with stores[0].transaction():
        changelog.create(stores[0], Project(id=PROJECT, name="Læringsnetværk: 33 enheder",
                                            created_on=START.date()))
    for store in stores:
        set_shared_folder(store, PROJECT, share, now=START)
    sync_scope(stores[0], PROJECT, now=START)
    for store in stores[1:]:
        result = sync_scope(store, PROJECT, review=False, now=START)
        assert result.error is None and result.read and result.read.n_new
    sync_scope(stores[0], PROJECT, review=False, now=START)  # the acknowledgements
    week = START + dt.timedelta(days=7)
    files: list[Path] = []
    for n, store in enumerate(stores):
        week_of_edits(store, n)
        written = write_own(store, PROJECT, now=week)
        assert written.path is not None and written.n_changes == 50, written
        if n:
            files.append(written.path)
    for store in stores:
        store.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        store.close()
    return share, folder / "unit00.db", files


def fresh_copy(source: Path, target: Path) -> Store:
    """A copy of unit 0's database that keeps its replica (the same fingerprint)."""
    for suffix in ("", "-wal", "-shm"):
        Path(f"{target}{suffix}").unlink(missing_ok=True)
    shutil.rmtree(target.parent / "backups", ignore_errors=True)
    shutil.copy(source, target)
    return Store.open(target, wall_clock=Clock(), fingerprint="bench/unit00")


def run_folder(source: Path, target: Path, share: Path, files: list[Path]) -> tuple[int, float]:
    store = fresh_copy(source, target)
    now = START + dt.timedelta(days=8)
    outcome, seconds = timed(lambda: read_others(store, PROJECT, folder=share, review=False,
                                                 now=now))
    assert sorted(p.path for p in outcome.imported) == sorted(files), outcome.skipped
    store.close()
    return outcome.n_new, seconds


def run_batch(source: Path, target: Path, files: list[Path]) -> tuple[int, float]:
    store = fresh_copy(source, target)
    outcomes, seconds = timed(lambda: apply_batch(store, files))
    assert all(o.ok for o in outcomes)
    store.close()
    return sum(o.preview.n_new for o in outcomes if o.preview), seconds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--units", type=int, default=33)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--profile", action="store_true", help="profile the folder's read (a)")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        (share, unit0, files), built = timed(lambda: build(folder, args.units))
        sizes = [path.stat().st_size for path in files]
        print(f"{args.units} units, {len(files)} weekly files of 50 changes in the folder "
              f"({sum(sizes) / 1e3:.0f} kB in all; built in {built:.1f} s)")
        folder_s, batch_s = [], []
        for _ in range(args.runs):  # interleaved, so that a busy moment hits both
            n_folder, seconds = run_folder(unit0, folder / "reader.db", share, files)
            folder_s.append(seconds)
            n_batch, seconds = run_batch(unit0, folder / "reader.db", files)
            batch_s.append(seconds)
        assert n_folder == n_batch == 50 * len(files), (n_folder, n_batch)
        a, b = statistics.median(folder_s), statistics.median(batch_s)
        print(f"(a) read_others, {len(files)} files ({n_folder:,} changes): {a:.3f} s "
              f"(median of {args.runs}; goal < 2 s: {'met' if a < 2 else 'MISSED'})")
        print(f"(b) apply_batch (email path), the same files: {b:.3f} s (median of {args.runs})")
        print(f"ratio (a) / (b): {a / b:.2f}")
        if args.profile:
            store = fresh_copy(unit0, folder / "profile.db")
            profiler = cProfile.Profile()
            profiler.enable()
            read_others(store, PROJECT, folder=share, review=False,
                        now=START + dt.timedelta(days=8))
            profiler.disable()
            store.close()
            out = io.StringIO()
            pstats.Stats(profiler, stream=out).sort_stats("cumulative").print_stats(30)
            print(out.getvalue())


if __name__ == "__main__":
    main()
