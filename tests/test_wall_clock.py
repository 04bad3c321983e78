"""Only core/clock.py reads the real date and time, and no test reads it at all.

"Overdue", "this week" and "days since" are judged against a date passed in (the app's `today`,
a test's fixed one), so the suite passes on any day of the week and at a year's end. The scan
reads every module's syntax tree and resolves its imports, so a call or a bare reference
(`Field(default_factory=dt.date.today)`) is found however the module was imported
(`dt.date.today`, `date.today`, `datetime.datetime.now`, `from time import time`). The samples
below are references, not calls, so that a plain grep for real-date calls in tests finds none.
"""

from __future__ import annotations

import ast
from collections.abc import Iterable, Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CLOCK = ROOT / "core" / "clock.py"
SOURCE_FOLDERS = ("core", "tui", "migrations", "bench")
"""bench/ may read the real date too, but only through core.clock."""

REAL_TIME = frozenset({
    "datetime.date.today", "datetime.datetime.today", "datetime.datetime.now",
    "datetime.datetime.utcnow", "time.time", "time.time_ns",
})
"""Names that read the system's date or time whatever they are given."""
CURRENT_WHEN_BARE = frozenset({
    "time.localtime", "time.gmtime", "time.ctime", "time.asctime", "time.strftime",
})
"""Names that read the current time when called without the time to use."""
CLOCK_READERS = frozenset({"core.clock.today", "core.clock.utc_now", "core.clock.local_now"})
"""core.clock's readers of the real date and time: a test passes a fixed date instead."""
NEEDS_TODAY = frozenset({"tui.app.TavleApp", "core.demo.build.open_demo",
                         "core.demo.build.build_demo", "core.views.overview.project_overview"})
"""Called without `today=`, these use the real date (the app's date, the demo's anchor, the
project overview's facts)."""


def _aliases(tree: ast.AST) -> dict[str, set[str]]:
    """What each imported name may stand for, as dotted names (`dt` -> {"datetime"})."""
    names: dict[str, set[str]] = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                if alias.asname:
                    names.setdefault(alias.asname, set()).add(alias.name)
                else:
                    top = alias.name.split(".")[0]
                    names.setdefault(top, set()).add(top)
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            for alias in node.names:
                names.setdefault(alias.asname or alias.name, set()).add(
                    f"{node.module}.{alias.name}")
    return names


def _resolve(node: ast.AST, aliases: dict[str, set[str]]) -> set[str]:
    """The dotted names an expression may stand for (empty when it is not an imported name)."""
    if isinstance(node, ast.Name):
        return aliases.get(node.id, set())
    if isinstance(node, ast.Attribute):
        return {f"{base}.{node.attr}" for base in _resolve(node.value, aliases)}
    return set()


def real_time_reads(source: str, *, test: bool = False) -> Iterator[tuple[int, str]]:
    """(line, dotted name) of every read of the real date or time in `source`; in a test
    (`test=True`) also core.clock's readers and the app or demo made without a `today`."""
    tree = ast.parse(source)
    aliases = _aliases(tree)
    banned = REAL_TIME | CLOCK_READERS if test else REAL_TIME
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        names = _resolve(node.func, aliases)
        args = len(node.args) + len(node.keywords)
        for name in names & CURRENT_WHEN_BARE:
            if args == (1 if name == "time.strftime" else 0):
                yield node.lineno, f"{name}()"
        if test and names & NEEDS_TODAY and not any(k.arg in ("today", None)
                                                    for k in node.keywords):
            yield node.lineno, f"{sorted(names & NEEDS_TODAY)[0]}(...) without today="
    for node in ast.walk(tree):
        if isinstance(node, ast.Name | ast.Attribute):
            for name in sorted(_resolve(node, aliases) & banned):
                yield node.lineno, name


def _modules(folders: Iterable[str], *, skip: Path) -> list[Path]:
    return sorted(path for folder in folders for path in (ROOT / folder).rglob("*.py")
                  if path != skip)


def _report(paths: list[Path], *, test: bool) -> list[str]:
    """"file:line: name" of every read found, by file and line."""
    found = sorted((path.relative_to(ROOT).as_posix(), line, name) for path in paths
                   for line, name in real_time_reads(path.read_text(encoding="utf-8"), test=test))
    return [f"{path}:{line}: {name}" for path, line, name in found]


def test_only_core_clock_reads_the_real_date_and_time() -> None:
    paths = _modules(SOURCE_FOLDERS, skip=CLOCK)
    assert len(paths) > 100
    found = _report(paths, test=False)
    assert not found, (
        "Only core/clock.py reads the real date and time; take `today` (or `now`) as a "
        "parameter, ask the app (self.tavle.today(), host(self).today()), or call "
        "core.clock:\n" + "\n".join(found))


def test_no_test_reads_the_real_date_or_time() -> None:
    paths = _modules(["tests"], skip=Path(__file__).resolve())
    assert len(paths) > 50
    found = _report(paths, test=True)
    assert not found, (
        "A test passes a fixed date (DEMO_TODAY, TODAY, ...) to the app, the demo and core's "
        "functions, and never reads the real one:\n" + "\n".join(found))


def test_clock_itself_is_scanned_and_reads_the_time() -> None:
    """The scan would find core/clock.py's own reads, so its silence elsewhere means something."""
    found = {name for _, name in real_time_reads(CLOCK.read_text(encoding="utf-8"))}
    assert {"datetime.date.today", "datetime.datetime.now", "time.time_ns"} <= found


@pytest.mark.parametrize(("source", "expected"), [
    ("import datetime as dt\nx = dt.date.today", "datetime.date.today"),
    ("import datetime\nx = datetime.datetime.now", "datetime.datetime.now"),
    ("from datetime import date\nx = date.today", "datetime.date.today"),
    ("from datetime import datetime as D\nx = D.utcnow()", "datetime.datetime.utcnow"),
    ("from datetime import datetime\nx = datetime.today()", "datetime.datetime.today"),
    ("import datetime as dt\nf = Field(default_factory=dt.date.today)", "datetime.date.today"),
    ("def f():\n    from time import time\n    return time()", "time.time"),
    ("import time as t\nx = t.time_ns()", "time.time_ns"),
    ("import time\nx = time.strftime('%Y')", "time.strftime()"),
    ("import time\nx = time.localtime()", "time.localtime()"),
])
def test_scan_finds_every_spelling(source: str, expected: str) -> None:
    assert [name for _, name in real_time_reads(source)] == [expected]


@pytest.mark.parametrize("source", [
    "import datetime as dt\nx = dt.date(2026, 11, 24)",
    "import datetime as dt\nx = dt.datetime.fromisoformat('2026-11-24T10:00')",
    "import time\ntime.sleep(0.1)\nx = time.perf_counter() + time.monotonic()",
    "import time\nx = time.localtime(0)",
    "import time\nx = time.strftime('%Y', time.gmtime(0))",
    "from core import clock\nx = clock.today()",
    "today = lambda: None\nx = today()",
])
def test_scan_leaves_fixed_dates_and_durations_alone(source: str) -> None:
    assert list(real_time_reads(source)) == []


@pytest.mark.parametrize(("source", "expected"), [
    ("from core import clock\nx = clock.today()", "core.clock.today"),
    ("from core.clock import utc_now\nx = utc_now()", "core.clock.utc_now"),
    ("from tui.app import TavleApp\napp = TavleApp(store, Settings(), save=False)",
     "tui.app.TavleApp(...) without today="),
    ("from core.demo.build import open_demo\nstore = open_demo(path)",
     "core.demo.build.open_demo(...) without today="),
])
def test_scan_of_tests_finds_the_real_date_by_the_back_door(source: str, expected: str) -> None:
    assert expected in [name for _, name in real_time_reads(source, test=True)]


def test_scan_of_tests_accepts_a_fixed_today() -> None:
    source = ("from tui.app import TavleApp\n"
              "app = TavleApp(store, Settings(), today=lambda: DEMO_TODAY)\n")
    assert list(real_time_reads(source, test=True)) == []
