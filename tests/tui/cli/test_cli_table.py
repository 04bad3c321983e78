"""`tavle table`: the same tables the screens export, as xlsx or CSV, for the back office's
scripts; a bad project refused with exit status 2; the CPR guard before the file is written."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest

from core.db.store import Store
from core.demo.build import open_demo
from core.plan import actions
from core.plan.excel import read_plan_file
from core.reports.tables import TABLES
from core.values.sheets import read_sheets
from tui.cli.main import main

TODAY = dt.date(2026, 11, 24)


@pytest.fixture(scope="module")
def demo_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("demo") / "nord.db"
    open_demo(path, today=TODAY).close()
    return path


@pytest.fixture
def nord(demo_file: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("TAVLE_EXPORT_DIR", str(tmp_path / "docs"))
    path = tmp_path / "nord.db"
    shutil.copyfile(demo_file, path)
    return path


def written(out: str) -> Path:
    return Path(out.strip().splitlines()[-1].split(" i ", 1)[1])


def test_the_action_plan_as_xlsx_reads_back_as_the_plan(
    nord: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["table", "plan", "hurtigere", "--db", str(nord)]) == 0
    out = capsys.readouterr().out
    assert out.startswith("17 rækker er gemt i ")
    path = written(out)
    assert path.parent == tmp_path / "docs" and path.suffix == ".xlsx"
    assert path.name.startswith("Handlingsplan - Hurtigere afklaring af sygemeldte borgere - ")
    preview = read_plan_file(path, TODAY)
    store = Store.open(nord, read_only=True)
    try:
        [project_id] = {row["project_id"] for row in store.query(
            "SELECT project_id FROM actions WHERE _exists")}
        plan = actions.load_plan(store, project_id)
    finally:
        store.close()
    assert [row.values["change"] for row in preview.good] == [row.change for row in plan]
    assert [row.values.get("deadline") for row in preview.good] == [row.deadline for row in plan]


def test_csv_by_option_or_suffix_in_english(
    nord: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "out" / "plan.csv"
    target.parent.mkdir()
    assert main(["table", "plan", "--db", str(nord), "--lang", "en", "-o", str(target)]) == 0
    assert capsys.readouterr().out.strip() == f"17 rows saved in {target}"
    [sheet] = read_sheets(target)
    assert sheet.rows[0][0] == "Change/task"
    assert main(["table", "plan", "--db", str(nord), "--format", "csv",
                 "-o", str(target.parent)]) == 0
    assert len(list(target.parent.glob("Handlingsplan - *.csv"))) == 1


def test_an_unknown_project_is_refused(nord: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["table", "plan", "findes ikke", "--db", str(nord)]) == 2
    assert "findes ikke" in capsys.readouterr().err


def test_every_table_kind_is_made_for_the_demo(
    nord: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    for kind in TABLES:
        args = ["table", kind, "--db", str(nord), "-o", str(tmp_path / f"{kind}.xlsx")]
        if kind == "measure":
            args += ["--measure", "klager"]
        assert main(args) == 0, (kind, capsys.readouterr().err)
        sheets = read_sheets(tmp_path / f"{kind}.xlsx")
        assert sheets and len(sheets[0].rows) > 1, kind


def test_a_cpr_number_in_the_table_stops_it_until_a_reason_is_given(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from core.db.undo import UndoLog
    from core.project import projects
    from core.sync.cpr_guard import guard_entries

    db = tmp_path / "tavle.db"
    store = Store.open(db)
    project = projects.create_project(store, "Sygedagpenge")
    actions.add_row(UndoLog(store), project.id, None, "Ring til 010190-1234")
    store.close()
    out = tmp_path / "ud"
    out.mkdir()
    assert main(["table", "plan", "--db", str(db), "-o", str(out)]) == 2
    err = capsys.readouterr().err
    assert "010190-****" in err and "1234" not in err
    assert list(out.iterdir()) == []
    assert main(["table", "plan", "--db", str(db), "-o", str(out),
                 "--allow-cpr", "Testdata"]) == 0
    assert len(list(out.glob("*.xlsx"))) == 1
    store = Store.open(db)
    try:
        [entry] = guard_entries(store)
    finally:
        store.close()
    assert (entry.what, entry.reason) == ("table", "Testdata")
