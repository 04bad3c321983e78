"""An import killed with SIGKILL at any moment leaves the database whole: before, or fully after.

A child process imports a file of 2,500 measurements (plus its project and measures) into a copy
of a database that holds a project of its own. The child announces where it is on its stdout:
from the SQL it runs (a `sqlite3` trace callback) and from the import's progress callback; at
the chosen point it stops and waits, and the parent kills it with SIGKILL. Points:

- `begin`: `BEGIN IMMEDIATE` of the import (the file parsed and checked);
- `mid_insert`: half of the change rows inserted;
- `materialize`: the first shown row written, every change and head in;
- `commit`: the `COMMIT` statement starting (every row written, some spilled to the WAL);
- `done`: `apply_import` returned;
- and three kills by the clock, 0.05, 0.25 and 0.5 s after the child starts importing.

The file is built line by line (valid change lines, as another Tavle would write them) rather
than through the change log, which would take seconds; its transaction is larger than SQLite's
page cache, so uncommitted pages reach the WAL before COMMIT (the test checks that), which is
what makes a kill before COMMIT worth testing.

After each kill: `PRAGMA integrity_check` is "ok"; the canonical dump equals the state before
the import or the fully imported state (computed by importing into a copy), pinned for the
marked points; the file's bookkeeping row (`sync_import`) agrees with it; and importing the file
again completes with the fully imported state.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import shutil
import signal
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import pytest

from core.db import changelog
from core.db.changelog import VOCAB, canonical_json
from core.db.store import Store
from core.models import Action, Measure, Measurement, Project, week_period
from core.project.projects import create_project
from core.sync.dump import canonical_dump
from core.sync.fileformat import FORMAT, FORMAT_VERSION, PAYLOAD, payload_bytes, write_file
from core.sync.importer import apply_import

pytestmark = pytest.mark.skipif(
    sys.platform == "win32" or not hasattr(signal, "SIGKILL"), reason="needs SIGKILL"
)

ROOT = Path(__file__).resolve().parents[3]
FINGERPRINT = "kill-test-pc/tester"
MEASUREMENTS = 2_500
MEASURES = 20
SENDER = "6b1d0c3e-0000-4000-8000-0000000000b1"
PROJECT = "6b1d0c3e-0000-4000-8000-0000000000a1"
START_MS = int(dt.datetime(2026, 11, 16, tzinfo=dt.UTC).timestamp() * 1000)
MARKED = ("begin", "mid_insert", "materialize", "commit", "done")
TIMED = (0.05, 0.25, 0.5)

CHILD = """
import sys
from pathlib import Path
from core.db.store import Store
from core.sync.importer import apply_import

db, file, point, half = sys.argv[1], Path(sys.argv[2]), sys.argv[3], int(sys.argv[4])
store = Store.open(Path(db), fingerprint={fingerprint!r})
# A small page cache, so the uncommitted import spills into the WAL before COMMIT (the kill
# then hits a half-written transaction on disk, not only one in memory).
store.execute("PRAGMA cache_size = -64")
seen = {{"inserts": 0, "rows": 0}}

def mark(name):
    sys.stdout.write(name + "\\n")
    sys.stdout.flush()
    if name == point:
        sys.stdin.read(1)  # wait here for SIGKILL

def trace(sql):
    head = sql.lstrip()[:40]
    if head.startswith("BEGIN IMMEDIATE"):
        mark("begin")
    elif head.startswith("INSERT INTO sync_log"):
        seen["inserts"] += 1
        if seen["inserts"] == half:
            mark("mid_insert")
    elif head.startswith('INSERT OR REPLACE INTO "measurements"'):
        seen["rows"] += 1
        if seen["rows"] == 1:
            mark("materialize")
    elif head.startswith("COMMIT"):
        mark("commit")

if point != "timed":
    store.conn.set_trace_callback(trace)
mark("start")
apply_import(store, file)
mark("done")
"""


def _line(seq: int, entity: str, record_id: str, values: dict) -> str:
    values = {k: v for k, v in values.items() if k != "id"}
    return canonical_json({
        "p": PROJECT, "r": SENDER, "s": seq, "h": (START_MS + seq) << 16, "e": entity,
        "id": record_id, "set": {"_exists": True, **values}, "prev": {}, "a": "KT", "v": VOCAB,
    })


def build_file(path: Path, measurements: int = MEASUREMENTS) -> Path:
    """A full export of one project: the project, its measures and weekly measurements."""
    lines = [_line(1, "project", PROJECT, Project(
        id=PROJECT, name="Kørsel uden afbrydelse", unit="Jobcenter Syd").model_dump(mode="json"))]
    measure_ids = []
    for number in range(MEASURES):
        measure = Measure(project_id=PROJECT, name=f"Måling {number}", unit="dage",
                          id=f"6b1d0c3e-0000-4000-8000-{number:012d}")
        measure_ids.append(measure.id)
        lines.append(_line(len(lines) + 1, "measure", measure.id, measure.model_dump(mode="json")))
    first_week = dt.date(2010, 1, 4)
    for number in range(measurements):
        measure_id = measure_ids[number % MEASURES]
        period = week_period(first_week + dt.timedelta(weeks=number // MEASURES))
        values = Measurement(project_id=PROJECT, measure_id=measure_id, period=period,
                             value=float(number % 97), note=f"uge {period}",
                             id=Measurement.id_for(PROJECT, measure_id, period))
        lines.append(_line(len(lines) + 1, "measurement", values.id, values.model_dump(
            mode="json")))
    payload = payload_bytes(lines)
    by_entity = {"measure": MEASURES, "measurement": measurements, "project": 1}
    manifest = {
        "format": FORMAT, "format_version": list(FORMAT_VERSION), "min_reader": [1, 0],
        "app_version": "0.1.0", "vocab": VOCAB,
        "export_id": "6b1d0c3e-0000-4000-8000-00000000e0f1",
        "created_at": "2026-11-24T10:00:00+00:00", "kind": "full",
        "sender": {"replica_id": SENDER, "unit": "Jobcenter Syd", "user": "KT"},
        "scopes": [{"id": PROJECT, "kind": "project", "name": "Kørsel uden afbrydelse",
                    "since": {}, "seen": {SENDER: len(lines)}}],
        "units": {SENDER: "Jobcenter Syd"},
        "counts": {"changes": len(lines), "by_entity": by_entity},
        "payload": {"name": PAYLOAD, "bytes": len(payload),
                    "sha256": hashlib.sha256(payload).hexdigest()},
    }
    write_file(path, manifest, payload)
    return path


@dataclass(frozen=True)
class Setting:
    file: Path
    before_db: Path
    before: str
    after: str
    n_changes: int


def _digest(store: Store) -> str:
    return hashlib.sha256(canonical_dump(store).encode()).hexdigest()


@pytest.fixture(scope="module")
def setting(tmp_path_factory: pytest.TempPathFactory) -> Setting:
    folder = tmp_path_factory.mktemp("sync_kill")
    file = build_file(folder / "stor.tavle")
    before_db = folder / "before.db"
    store = Store.open(before_db, fingerprint=FINGERPRINT)
    own = create_project(store, "Egen")
    with store.transaction():
        changelog.create(store, Action(project_id=own.id, change="Ring til borgeren"))
    before = _digest(store)
    store.close()
    shutil.copy(before_db, folder / "after.db")
    store = Store.open(folder / "after.db", fingerprint=FINGERPRINT)
    preview = apply_import(store, file)
    assert preview.applied and preview.n_new == MEASUREMENTS + MEASURES + 1
    after = _digest(store)
    store.close()
    assert before != after
    return Setting(file, before_db, before, after, preview.n_new)


@dataclass
class Child:
    point: str
    delay: float
    db: Path
    process: subprocess.Popen[str]
    marks: list[str]
    wal_bytes: int = -1


def _spawn(setting: Setting, folder: Path, point: str, delay: float = 0.0) -> Child:
    name = f"{point}-{delay}".replace(".", "_")
    db = folder / f"{name}.db"
    shutil.copy(setting.before_db, db)
    code = CHILD.format(fingerprint=FINGERPRINT)
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    process = subprocess.Popen(
        [sys.executable, "-c", code, str(db), str(setting.file),
         "timed" if delay else point, str(setting.n_changes // 2)],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, cwd=ROOT, env=env,
    )
    return Child(point, delay, db, process, [])


def _kill_at(child: Child, deadline: float) -> None:
    """Read the child's marks until its point (or until `delay` after "start"), then kill it."""
    assert child.process.stdout is not None
    wanted = "start" if child.delay else child.point
    while True:
        line = child.process.stdout.readline().strip()
        assert line or child.process.poll() is None, f"child ended early: {child.marks}"
        child.marks.append(line)
        if line == wanted:
            break
        assert time.monotonic() < deadline, child.marks
    if child.delay:
        time.sleep(child.delay)
    wal = Path(f"{child.db}-wal")
    child.wal_bytes = wal.stat().st_size if wal.exists() else 0
    child.process.send_signal(signal.SIGKILL)
    child.process.wait(timeout=10)
    assert child.process.returncode == -signal.SIGKILL or child.delay


def _imported(store: Store) -> bool:
    return store.execute(
        "SELECT 1 FROM sync_import WHERE export_id = ?",
        ["6b1d0c3e-0000-4000-8000-00000000e0f1"],
    ).fetchone() is not None


def test_sigkill_at_any_moment_leaves_before_or_after(setting: Setting, tmp_path: Path) -> None:
    children = [_spawn(setting, tmp_path, point) for point in MARKED]
    timed: list[Child] = []
    deadline = time.monotonic() + 60
    try:
        for child in children:
            _kill_at(child, deadline)
        for delay in TIMED:  # one at a time, so the clock means the same for each
            timed.append(_spawn(setting, tmp_path, "timed", delay))
            _kill_at(timed[-1], deadline)
    finally:
        for child in [*children, *timed]:
            if child.process.poll() is None:
                child.process.kill()
                child.process.wait(timeout=10)

    outcomes = {}
    for child in [*children, *timed]:
        label = child.point if not child.delay else f"{child.delay}s"
        store = Store.open(child.db, fingerprint=FINGERPRINT)
        assert store.execute("PRAGMA integrity_check").fetchone()[0] == "ok", label
        digest = _digest(store)
        assert digest in (setting.before, setting.after), label
        outcomes[label] = "after" if digest == setting.after else "before"
        assert _imported(store) == (digest == setting.after), label
        again = apply_import(store, setting.file)
        assert again.already_imported == (digest == setting.after), label
        assert _digest(store) == setting.after, label
        assert store.execute("PRAGMA integrity_check").fetchone()[0] == "ok", label
        store.close()

    assert outcomes["begin"] == outcomes["mid_insert"] == "before"
    assert outcomes["materialize"] == outcomes["commit"] == "before"
    assert outcomes["done"] == "after"
    commit = next(child for child in children if child.point == "commit")
    assert commit.wal_bytes > 0, "the uncommitted import never reached the WAL: a weak test"
