"""`tavle report`: the three kinds in both formats, the period, a bad project or date refused
with exit status 2, and the CPR guard stopping a report until a reason is given."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from core.db.store import Store, reading
from core.demo.build import open_demo
from core.project import charter
from core.sync.cpr_guard import guard_entries
from tests.core.reports.reports_parse import parse
from tests.tui.conftest import demo_signals
from tui.cli.main import main

ROOT = Path(__file__).resolve().parents[3]
TODAY = dt.date(2026, 11, 24)


@pytest.fixture(scope="module")
def demo_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("demo") / "nord.db"
    open_demo(path, today=TODAY).close()
    return path


@pytest.fixture
def nord(demo_file: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A fresh copy of the demo database (reports only read it; the guard log writes)."""
    monkeypatch.setenv("TAVLE_EXPORT_DIR", str(tmp_path / "docs"))
    path = tmp_path / "nord.db"
    shutil.copyfile(demo_file, path)
    return path


def saved(out: str) -> Path:
    line = out.strip().splitlines()[-1]
    assert line.startswith(("Rapporten er gemt: ", "The report is saved: "))
    return Path(line.split(": ", 1)[1])


def test_a_status_report_goes_to_the_documents_folder(
    nord: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["report", "hurtigere", "--db", str(nord), "--since", "01-09-2026"]) == 0
    path = saved(capsys.readouterr().out)
    assert path.parent == tmp_path / "docs"
    assert path.name.startswith("Statusrapport_Hurtigere-afklaring-af-sygemeldte-borgere_")
    assert path.suffix == ".html"
    page = parse(path.read_text("utf-8"))
    assert page.find("html")[0].attrs["lang"] == "da"
    assert "01-09-2026 – " in page.find("dl")[0].text
    with reading(str(nord)) as store:
        count, _ = demo_signals(store)
    assert len(page.find("svg", "run-chart")) == count  # a chart per measure


@pytest.mark.parametrize(("kind", "title"), [
    ("status", "# Status report for the steering group"),
    ("closing", "# Closing report"),
    ("portfolio", "# Portfolio report"),
])
def test_every_kind_as_markdown_in_english(
    nord: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], kind: str, title: str
) -> None:
    target = tmp_path / f"{kind}.md"
    args = ["--lang", "en", "report", "--kind", kind, "-o", str(target), "--db", str(nord)]
    if kind != "portfolio":
        args.insert(3, "Hurtigere afklaring")
    assert main(args) == 0
    assert saved(capsys.readouterr().out) == target
    assert target.read_text("utf-8").startswith(title + "\n")


def test_a_folder_and_a_format(nord: Path, tmp_path: Path,
                               capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "ud"
    folder.mkdir()
    for _ in range(2):
        assert main(["report", "Hurtigere", "--kind", "closing", "--format", "md", "-o",
                     str(folder), "--db", str(nord)]) == 0
    names = sorted(p.name for p in folder.iterdir())
    assert len(names) == 2 and all(n.startswith("Afslutningsrapport_Hurtigere") for n in names)
    assert names[1].endswith("-2.md") or names[0].endswith("-2.md")
    capsys.readouterr()


def test_a_bad_project_or_date_is_refused_with_status_2(
    nord: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["report", "Ingen sådan", "--db", str(nord)]) == 2
    err = capsys.readouterr().err
    assert "»Ingen sådan«" in err and "»Hurtigere afklaring af sygemeldte borgere«" in err
    assert main(["report", "--db", str(nord)]) == 2
    assert "Skriv hvilket projekt" in capsys.readouterr().err
    assert main(["report", "Hurtigere", "--since", "31-02-2026", "--db", str(nord)]) == 2
    assert "»31-02-2026« er ikke en dato" in capsys.readouterr().err
    assert main(["report", "Hurtigere", "-o", str(tmp_path / "no" / "r.html"),
                 "--db", str(nord)]) == 2
    assert "findes ikke" in capsys.readouterr().err
    assert not (tmp_path / "docs").exists() or not any((tmp_path / "docs").iterdir())


def test_the_cpr_guard_stops_a_report_until_a_reason_is_given(
    nord: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    store = Store.open(nord)
    [project_id] = [row["id"] for row in store.query("SELECT id FROM projects")]
    charter.save_texts(store, project_id, {"purpose": "Som hos borger 010190-1234"})
    store.close()
    target = tmp_path / "r.html"
    assert main(["report", "Hurtigere", "-o", str(target), "--db", str(nord)]) == 2
    err = capsys.readouterr().err
    assert "010190-1234" not in err and "010190-****" in err
    assert "--allow-cpr" in err
    assert not target.exists()
    assert main(["report", "Hurtigere", "-o", str(target), "--db", str(nord),
                 "--allow-cpr", "Styregruppen kender sagen"]) == 0
    assert target.exists()
    store = Store.open(nord)
    [entry] = guard_entries(store)
    store.close()
    assert (entry.what, entry.target, entry.hits, entry.reason) == (
        "report", str(target), 1, "Styregruppen kender sagen")


def test_the_report_command_loads_no_textual(nord: Path, tmp_path: Path) -> None:
    code = (
        "import sys\n"
        "from tui.cli.main import main\n"
        f"status = main(['report', 'Hurtigere', '--db', {str(nord)!r}, '-o', "
        f"{str(tmp_path / 'r.md')!r}])\n"
        "loaded = sorted(m for m in sys.modules if m.split('.')[0] == 'textual')\n"
        "sys.exit(1 if status or loaded else 0)\n"
    )
    env = {**os.environ, "PYTHONPATH": str(ROOT), "TAVLE_CONFIG_DIR": str(tmp_path)}
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True,
                            text=True, timeout=120, env=env)
    assert result.returncode == 0, result.stdout + result.stderr
    assert (tmp_path / "r.md").read_text("utf-8").startswith("# Statusrapport")
