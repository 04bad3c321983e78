"""Sync by file at scale: import a full file of 100,000 measurements and 10,000 actions.

One run, in a temporary folder:
  1. builds the full export of one project directly as JSON lines: the project, 50 measures,
     100,000 weekly measurements (2,000 weeks per measure) and 10,000 action plan rows, each a
     valid create line from one sending unit (the change log would take minutes to write them
     one `changelog.create` at a time; the lines are what it would write);
  (a) imports that file into an empty database (`apply_import`: read, check, apply, commit);
  (b) baseline: sqlite-utils `insert_all` of the same rows (the measurement and action rows,
      already in memory as dicts) into two tables of an empty database;
  (c) exports the imported project in full (`export_scope`) and reports the file's size;
  (d) imports a delta of 50 edits (from a second unit, each replacing the head it saw) into the
      database that holds the 110,000 records; the copy of the database the import keeps
      beforehand (`backup_before_import`) is timed on its own too.
(a) runs in a process of its own, which reports its peak memory and the write-ahead log's
largest size while it ran. Prints each time, the ratio (a) / (b) (target <= 2), the database
sizes (target <= 3x insert_all's) and the log's peak (target <= 2x the database's growth);
nothing is asserted. With --profile, prints where (a) spends its time (cProfile, top functions
by cumulative time). With --at-limits, also previews a file at the documented limits (over a
million changes, a payload just under 256 MiB) as `tavle import --dry-run` does, in a process
of its own, and prints its time and peak memory (target <= 300 MiB); that takes minutes.

Usage: python bench/sync.py [--measurements N] [--actions N] [--profile] [--at-limits]
"""

from __future__ import annotations

import argparse
import cProfile
import datetime as dt
import hashlib
import io
import json
import pstats
import subprocess
import sys
import tempfile
import time
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from core.db.changelog import VOCAB, canonical_json  # noqa: E402
from core.db.store import Store  # noqa: E402
from core.models import (  # noqa: E402
    Action,
    ActionStatus,
    Measure,
    Measurement,
    Project,
    week_period,
)
from core.sync.exporter import export_scope  # noqa: E402
from core.sync.fileformat import (  # noqa: E402
    FORMAT,
    FORMAT_VERSION,
    MAX_PAYLOAD_BYTES,
    PAYLOAD,
    write_file,
)
from core.sync.importer import apply_import, backup_before_import, preview_import  # noqa: E402

PROJECT = "5e4c0b1d-0000-4000-8000-000000000001"
SENDER = ("5e4c0b1d-0000-4000-8000-0000000000a1", "Jobcenter Nord", "MH")
OTHER = ("5e4c0b1d-0000-4000-8000-0000000000b1", "Sundhed", "SA")
MEASURES = 50
START_MS = int(dt.datetime(2026, 11, 16, tzinfo=dt.UTC).timestamp() * 1000)
DELTA = 50
T = TypeVar("T")


CPU: dict[str, float] = {}
"""The CPU time of each measured step (this process), beside its wall time."""


def timed(work: Callable[[], T], label: str = "") -> tuple[T, float]:
    started, cpu = time.perf_counter(), time.process_time()
    result = work()
    CPU[label] = time.process_time() - cpu
    return result, time.perf_counter() - started


def _values(record: Any) -> dict[str, Any]:
    values: dict[str, Any] = record.model_dump(mode="json")
    values.pop("id")
    return values


def _line(replica: str, seq: int, entity: str, record_id: str, values: dict[str, Any],
          prev: dict[str, Any] | None = None) -> str:
    return canonical_json({
        "p": PROJECT, "r": replica, "s": seq, "h": (START_MS + seq) << 16, "e": entity,
        "id": record_id, "set": values, "prev": prev or {}, "a": "MH", "v": VOCAB,
    })


def build_rows(n_measurements: int, n_actions: int) -> dict[str, list[dict[str, Any]]]:
    """The records of the project as rows (id plus every field), the same for (a) and (b)."""
    measure_ids = [f"5e4c0b1d-0000-4000-8001-{n:012d}" for n in range(MEASURES)]
    template = _values(Measurement(project_id=PROJECT, measure_id=measure_ids[0],
                                   period="2026-W01", value=1.0))
    first_week = dt.date(1980, 1, 7)
    weeks = [week_period(first_week + dt.timedelta(weeks=w))
             for w in range(n_measurements // MEASURES + 1)]
    measurements = []
    for n in range(n_measurements):
        measure_id, period = measure_ids[n % MEASURES], weeks[n // MEASURES]
        measurements.append({**template, "id": Measurement.id_for(PROJECT, measure_id, period),
                             "measure_id": measure_id, "period": period,
                             "value": float((n * 7919) % 1000) / 10})
    template = _values(Action(project_id=PROJECT, change="x"))
    statuses = [status.value for status in ActionStatus]
    start = dt.date(2026, 1, 5)
    actions = [
        {**template, "id": f"5e4c0b1d-0000-4000-8002-{n:012d}",
         "change": f"Ændring nr. {n}: kortere ventetid i enhed {n % 33}",
         "responsible": f"Person {n % 40}", "effect": "Færre dage til afklaring. Følges af KPI.",
         "deadline": (start + dt.timedelta(days=n % 400)).isoformat(),
         "status": statuses[n % len(statuses)], "order": f"{n:08d}"}
        for n in range(n_actions)
    ]
    measures = [
        {**_values(Measure(project_id=PROJECT, name=f"Måling {n}", unit="dage")),
         "id": measure_id, "order": f"{n:04d}"}
        for n, measure_id in enumerate(measure_ids)
    ]
    return {"measure": measures, "measurement": measurements, "action": actions}


def build_file(path: Path, rows: dict[str, list[dict[str, Any]]]) -> int:
    """Write the full export as the sending unit would; return its number of changes."""
    project = _values(Project(id=PROJECT, name="Læringsnetværk: 33 enheder",
                              created_on=dt.date(2026, 1, 5)))
    lines = [_line(SENDER[0], 1, "project", PROJECT, {"_exists": True, **project})]
    for entity in ("measure", "measurement", "action"):
        for row in rows[entity]:
            values = {k: v for k, v in row.items() if k != "id"}
            lines.append(_line(SENDER[0], len(lines) + 1, entity, row["id"],
                               {"_exists": True, **values}))
    _write(path, lines, SENDER, kind="full", since={}, seen={SENDER[0]: len(lines)},
           export_id="5e4c0b1d-0000-4000-8000-00000000e001")
    return len(lines)


def build_delta(path: Path, rows: dict[str, list[dict[str, Any]]], n_full: int) -> None:
    """50 edits from a second unit that has the full file: values of measurements, action
    statuses; each names the head it replaced (the sender's create)."""
    lines = []
    index = {row["id"]: n for n, row in enumerate(rows["measurement"], start=MEASURES + 2)}
    for n, row in enumerate(rows["measurement"][: DELTA // 2]):
        lines.append(_line(OTHER[0], n + 1, "measurement", row["id"], {"value": 42.0 + n},
                           prev={"value": [[SENDER[0], index[row["id"]]]]}))
    first_action = MEASURES + 2 + len(rows["measurement"])
    for n, row in enumerate(rows["action"][: DELTA - len(lines)]):
        lines.append(_line(OTHER[0], len(lines) + 1, "action", row["id"], {"status": "done"},
                           prev={"status": [[SENDER[0], first_action + n]]}))
    _write(path, lines, OTHER, kind="delta", since={SENDER[0]: n_full},
           seen={SENDER[0]: n_full, OTHER[0]: len(lines)},
           export_id="5e4c0b1d-0000-4000-8000-00000000e002")


def _write(path: Path, lines: list[str], sender: tuple[str, str, str], *, kind: str,
           since: dict[str, int], seen: dict[str, int], export_id: str) -> None:
    payload = "".join(f"{line}\n" for line in lines).encode()
    by_entity: dict[str, int] = {}
    for line in lines:
        entity = line.split('"e":"', 1)[1].split('"', 1)[0]
        by_entity[entity] = by_entity.get(entity, 0) + 1
    manifest = {
        "format": FORMAT, "format_version": list(FORMAT_VERSION), "min_reader": [1, 0],
        "app_version": "bench", "vocab": VOCAB, "export_id": export_id,
        "created_at": "2026-11-24T10:00:00+00:00", "kind": kind,
        "sender": {"replica_id": sender[0], "unit": sender[1], "user": sender[2]},
        "scopes": [{"id": PROJECT, "kind": "project", "name": "Læringsnetværk: 33 enheder",
                    "since": since, "seen": seen}],
        "units": {SENDER[0]: SENDER[1], OTHER[0]: OTHER[1]},
        "counts": {"changes": len(lines), "by_entity": dict(sorted(by_entity.items()))},
        "payload": {"name": PAYLOAD, "bytes": len(payload),
                    "sha256": hashlib.sha256(payload).hexdigest()},
    }
    write_file(path, manifest, payload)


def insert_all_baseline(path: Path, rows: dict[str, list[dict[str, Any]]]) -> None:
    """sqlite-utils: the measurement and action rows into an empty database."""
    from sqlite_utils import Database

    db = Database(path)
    db.table("measurements").insert_all(rows["measurement"], pk="id")
    db.table("actions").insert_all(rows["action"], pk="id")
    db.conn.close()


def import_here(file: Path, db: Path, *, dry_run: bool = False) -> dict[str, float]:
    """Import (or preview) the file into the database in this process; what it took: wall and
    CPU seconds, the process's peak memory, the write-ahead log's largest size while it ran
    (read at each batch), and the changes that were new."""
    store = Store.open(db, fingerprint="bench/import")
    wal = Path(f"{db}-wal")
    wal_peak = 0

    def progress(_done: int, _total: int) -> None:
        nonlocal wal_peak
        wal_peak = max(wal_peak, wal.stat().st_size if wal.exists() else 0)

    started, cpu = time.perf_counter(), time.process_time()
    if dry_run:
        preview = preview_import(store, file)
    else:
        preview = apply_import(store, file, progress=progress, backup=False)
    seconds, cpu = time.perf_counter() - started, time.process_time() - cpu
    store.close()
    return {"seconds": seconds, "cpu": cpu, "peak_mib": _peak_mib(), "wal_peak_mb": wal_peak / 1e6,
            "n_new": preview.n_new}


def _peak_mib() -> float:
    """This process's peak memory. Linux keeps `ru_maxrss` across the exec that started this
    process (it would count the parent's rows), so its own address space's high-water mark
    (`VmHWM`) is read where there is one."""
    import resource

    status = Path("/proc/self/status")
    if status.exists():
        for line in status.read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux


def import_in_child(file: Path, db: Path, *, dry_run: bool = False) -> dict[str, float]:
    """`import_here` in a fresh process, so that its peak memory is the import's own."""
    command = [sys.executable, __file__, "--child", str(file), str(db)]
    done = subprocess.run(command + (["--dry-run"] if dry_run else []), check=True,
                          capture_output=True, text=True)
    result: dict[str, float] = json.loads(done.stdout)
    return result


def at_limits(folder: Path) -> None:
    """A file at the documented limits – a payload just under `MAX_PAYLOAD_BYTES` of small
    records (units involved: a name each), over a million changes – previewed as
    `tavle import --dry-run` does, in a process of its own: time and peak memory."""
    project = _values(Project(id=PROJECT, name="Læringsnetværk: 33 enheder",
                              created_on=dt.date(2026, 1, 5)))
    lines = [_line(SENDER[0], 1, "project", PROJECT, {"_exists": True, **project})]
    size = len(lines[0]) + 1
    while True:
        n = len(lines) + 1
        line = _line(SENDER[0], n, "unit_involved", f"5e4c0b1d-0000-4000-8003-{n:012d}",
                     {"_exists": True, "name": f"Enhed {n}", "project_id": PROJECT})
        size += len(line.encode()) + 1
        if size > MAX_PAYLOAD_BYTES - 4096:
            break
        lines.append(line)
    file = folder / "limits.tavle"
    _write(file, lines, SENDER, kind="full", since={}, seen={SENDER[0]: len(lines)},
           export_id="5e4c0b1d-0000-4000-8000-00000000e003")
    n_changes = len(lines)
    del lines
    with zipfile.ZipFile(file) as archive:
        payload = archive.getinfo(PAYLOAD).file_size
    print(f"file at the limits: {n_changes:,} changes, payload {payload / 2**20:.0f} MiB "
          f"(limit {MAX_PAYLOAD_BYTES / 2**20:.0f} MiB), file {file.stat().st_size / 1e6:.1f} MB")
    run = import_in_child(file, folder / "limits.db", dry_run=True)
    print(f"preview (--dry-run): {run['seconds']:.1f} s, peak memory {run['peak_mib']:.0f} MiB "
          f"(target <= 300 MiB)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--measurements", type=int, default=100_000)
    parser.add_argument("--actions", type=int, default=10_000)
    parser.add_argument("--profile", action="store_true", help="profile the import (a)")
    parser.add_argument("--at-limits", action="store_true",
                        help="also preview a file at the documented limits (minutes)")
    parser.add_argument("--child", nargs=2, metavar=("FILE", "DB"), help=argparse.SUPPRESS)
    parser.add_argument("--dry-run", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(import_here(Path(args.child[0]), Path(args.child[1]),
                                     dry_run=args.dry_run)))
        return

    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        rows, built = timed(lambda: build_rows(args.measurements, args.actions))
        file = folder / "full.tavle"
        n_full, _ = timed(lambda: build_file(file, rows))
        print(f"file: {n_full:,} changes, {file.stat().st_size / 1e6:.2f} MB "
              f"(rows built in {built:.2f} s)")

        if args.profile:
            profiler = cProfile.Profile()
            profiler.enable()
            apply_import(Store.open(folder / "profile.db", fingerprint="bench/import"), file)
            profiler.disable()
            out = io.StringIO()
            pstats.Stats(profiler, stream=out).sort_stats("cumulative").print_stats(30)
            print(out.getvalue())
        run = import_in_child(file, folder / "import.db")
        assert run["n_new"] == n_full

        _, baseline_s = timed(lambda: insert_all_baseline(folder / "baseline.db", rows), "b")

        store = Store.open(folder / "import.db", fingerprint="bench/import")
        exported, export_s = timed(
            lambda: export_scope(store, PROJECT, full=True, path=folder / "export.tavle"))
        delta_file = folder / "delta.tavle"
        build_delta(delta_file, rows, n_full)
        delta, delta_s = timed(lambda: apply_import(store, delta_file))
        assert delta.applied and delta.n_new == DELTA
        _, backup_s = timed(lambda: backup_before_import(store))
        store.close()
        sizes = {name: (folder / f"{name}.db").stat().st_size / 1e6
                 for name in ("import", "baseline")}

        print(f"(a) apply_import into an empty database: {run['seconds']:.2f} s "
              f"(CPU {run['cpu']:.2f} s), peak memory {run['peak_mib']:.0f} MiB")
        print(f"(b) sqlite-utils insert_all, same rows:  {baseline_s:.2f} s "
              f"(CPU {CPU['b']:.2f} s)")
        print(f"ratio (a) / (b): {run['seconds'] / baseline_s:.2f} (target <= 2); "
              f"CPU time alone: {run['cpu'] / CPU['b']:.2f}")
        print(f"database sizes: imported {sizes['import']:.0f} MB, insert_all "
              f"{sizes['baseline']:.0f} MB ({sizes['import'] / sizes['baseline']:.1f}x; "
              f"target <= 3x); write-ahead log at most {run['wal_peak_mb']:.0f} MB during the "
              f"import ({run['wal_peak_mb'] / sizes['import']:.1f}x the growth; target <= 2x)")
        print(f"export in full: {export_s:.2f} s, {exported.size_bytes / 1e6:.2f} MB "
              f"({exported.n_changes:,} changes)")
        print(f"delta of {DELTA} changes into the database of {n_full:,}: {delta_s:.3f} s "
              f"(the copy kept before an import alone: {backup_s:.3f} s)")
        if args.at_limits:
            at_limits(folder)


if __name__ == "__main__":
    main()
