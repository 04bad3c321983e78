"""The frozen build, for real: packaging/tavle.spec built with PyInstaller into a temporary
folder, and the built `tavle` run away from the checkout.

Marked slow (some 30 s to build, more on a busy machine) and so left out of the default run;
run it by hand with `python -m pytest -m slow tests/freeze -p no:cacheprovider -n0` after
`pip install ".[freeze]"`. The demo inside the built program takes its date from the system
(as `tavle --demo` does); nothing checked here depends on the date.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from core import __version__
from core.i18n import Translator

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[2]
PROJECT = "Hurtigere afklaring"
"""Part of the demo project's name: enough for `tavle report` to find it."""


@pytest.fixture(scope="module")
def frozen(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The built program (tavle, or tavle.exe on Windows) in its one folder."""
    pytest.importorskip("PyInstaller")
    work = tmp_path_factory.mktemp("frozen")
    subprocess.run(
        [sys.executable, "-m", "PyInstaller", str(ROOT / "packaging" / "tavle.spec"),
         "--noconfirm", "--log-level", "WARN",
         "--distpath", str(work / "dist"), "--workpath", str(work / "build")],
        cwd=work, check=True,
    )
    program = work / "dist" / "tavle" / ("tavle.exe" if sys.platform == "win32" else "tavle")
    assert program.is_file()
    return program


def _run(program: Path, home: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """Run the built program in `home`, with its own folders there and no checkout in reach."""
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "PYTHONHOME")}
    env.update(TAVLE_DATA_DIR=str(home), TAVLE_CONFIG_DIR=str(home),
               TAVLE_CACHE_DIR=str(home / "cache"), TAVLE_EXPORT_DIR=str(home),
               TAVLE_KEYRING="file", TAVLE_EXIT_WHEN_READY="1")
    return subprocess.run([str(program), *args], cwd=home, env=env, capture_output=True,
                          text=True, encoding="utf-8", check=False)


def test_the_built_program_says_its_version(frozen: Path, tmp_path: Path) -> None:
    done = _run(frozen, tmp_path, "--version")
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == f"tavle {__version__}"


def test_the_built_program_opens_the_demo_and_a_new_database(frozen: Path,
                                                             tmp_path: Path) -> None:
    demo = _run(frozen, tmp_path, "--demo")
    assert demo.returncode == 0, demo.stderr
    fresh = _run(frozen, tmp_path)  # the migrations are inside: a new database is made
    assert fresh.returncode == 0, fresh.stderr
    assert (tmp_path / "tavle.db").is_file()


def test_the_built_program_carries_the_catalogs_of_every_language(frozen: Path,
                                                                 tmp_path: Path) -> None:
    for lang in ("da", "en", "nb"):
        out = tmp_path / f"status-{lang}.md"
        done = _run(frozen, tmp_path, "--demo", "--lang", lang, "report", PROJECT,
                    "--format", "md", "-o", str(out))
        assert done.returncode == 0, done.stderr
        title = Translator(lang)("reports.status.title")
        assert out.read_text("utf-8").splitlines()[0] == f"# {title}"


def test_the_built_program_writes_html_and_xlsx(frozen: Path, tmp_path: Path) -> None:
    from core.values.sheets import read_sheets

    report = tmp_path / "status.html"
    done = _run(frozen, tmp_path, "--demo", "report", PROJECT, "-o", str(report))
    assert done.returncode == 0, done.stderr
    assert report.read_text("utf-8").startswith("<!DOCTYPE html>")

    plan = tmp_path / "plan.xlsx"
    done = _run(frozen, tmp_path, "--demo", "--lang", "nb", "table", "plan", "-o", str(plan))
    assert done.returncode == 0, done.stderr
    assert "rader er lagret" in done.stdout  # the Norwegian catalog's tables.export.done
    [sheet] = read_sheets(plan)
    assert len(sheet.rows) > 1


def test_plotext_kernel_is_where_plotext_loads_it_from(frozen: Path) -> None:
    name = "kernel.dll" if sys.platform == "win32" else "kernel.so"
    assert (frozen.parent / "_internal" / "plotext" / "_kernel" / "cpp" / name).is_file()


@pytest.mark.skipif(sys.platform == "win32", reason="drives the program through a POSIX pty")
def test_the_built_program_draws_a_run_chart(frozen: Path, tmp_path: Path) -> None:
    """In a terminal of 80x24: the project list, Enter on the demo project, m for its measures,
    Enter on the first; the run chart is drawn with plotext's braille markers."""
    import fcntl
    import pty
    import select
    import struct
    import termios
    import time

    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "PYTHONHOME",
                                                             "TAVLE_EXIT_WHEN_READY")}
    env.update(TAVLE_DATA_DIR=str(tmp_path), TAVLE_CONFIG_DIR=str(tmp_path),
               TAVLE_CACHE_DIR=str(tmp_path / "cache"), TAVLE_KEYRING="file",
               TERM="xterm-256color", COLUMNS="80", LINES="24")
    main, child = pty.openpty()
    fcntl.ioctl(child, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
    process = subprocess.Popen([str(frozen), "--demo"], stdin=child, stdout=child, stderr=child,
                               cwd=tmp_path, env=env, start_new_session=True)
    os.close(child)
    seen = ""

    def wait_for(found: Callable[[str], bool]) -> None:
        """Read the screen's output until `found(seen)`; give up after a minute."""
        nonlocal seen
        end = time.monotonic() + 60
        while not found(seen):
            assert time.monotonic() < end and process.poll() is None, seen[-2000:]
            if select.select([main], [], [], 1)[0]:
                seen += os.read(main, 65536).decode("utf-8", "replace")

    def press(key: bytes) -> None:
        """Send `key` once the screen has stopped changing (a second without output)."""
        nonlocal seen
        while select.select([main], [], [], 1)[0]:
            seen += os.read(main, 65536).decode("utf-8", "replace")
        seen = ""
        os.write(main, key)

    try:
        wait_for(lambda text: "Projekter" in text and "1 projekt" in text)
        press(b"\r")
        wait_for(lambda text: "Fase 5" in text)
        press(b"m")
        wait_for(lambda text: "Målinger" in text and "6 målinger" in text)
        press(b"\r")
        wait_for(lambda text: sum(0x2801 <= ord(c) <= 0x28FF for c in text) >= 10)
        os.write(main, b"\x11")  # ctrl+q
        assert process.wait(timeout=60) == 0
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
        os.close(main)
