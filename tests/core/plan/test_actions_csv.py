"""The action plan as CSV for Danish Excel: BOM, semicolons, dd-mm-åååå, æøå, and back again."""

from __future__ import annotations

import csv
import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest

from core.db.store import Store
from core.db.undo import UndoLog
from core.demo.build import open_demo
from core.errors import InvalidError, TavleError
from core.i18n import Translator
from core.models import ActionStatus
from core.paths import export_dir
from core.plan import actions
from core.plan import excel as plan_csv
from core.project.projects import create_project, list_projects

TODAY = dt.date(2026, 11, 24)
DA = Translator("da")


@pytest.fixture
def demo(tmp_path: Path) -> Iterator[tuple[Store, str]]:
    store = open_demo(tmp_path / "demo.db", today=TODAY)
    yield store, list_projects(store, today=TODAY)[0].id
    store.close()


def _fields(rows: list[actions.PlanRow]) -> list[tuple[object, ...]]:
    return [(r.change, r.responsible, r.effect, r.how, r.deadline, r.status) for r in rows]


def test_export_opens_in_the_csv_module_the_way_excel_reads_it(
    demo: tuple[Store, str], tmp_path: Path
) -> None:
    store, pid = demo
    undo = UndoLog(store)
    rows = actions.load_plan(store, pid)
    actions.edit_cell(undo, rows[0].id, "how", "Æbler; pærer og \"blåbær\"\nnæste linje", TODAY)
    actions.edit_cell(undo, rows[1].id, "change", "=HYPERLINK(\"x\")", TODAY)
    rows = actions.load_plan(store, pid)
    path = tmp_path / "plan.csv"
    assert plan_csv.export_plan(rows, path, DA) == 17
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    assert raw.split(b"\r\n", 1)[0].decode("utf-8-sig").count(";") == 6
    with open(path, encoding="utf-8-sig", newline="") as handle:
        lines = list(csv.reader(handle, delimiter=";"))
    assert lines[0] == ["Ændring/opgave", "Ansvarlig", "Effekt", "Hvordan", "Deadline", "Status",
                        "Kobling"]
    assert len(lines) == 18
    first = lines[1]
    assert first[3] == "Æbler; pærer og \"blåbær\"\nnæste linje"
    assert first[4] == rows[0].deadline.strftime("%d-%m-%Y")
    assert first[5] == "Færdig"
    assert first[6] == " · ".join(rows[0].links)
    assert lines[2][0] == "'=HYPERLINK(\"x\")"  # never run as a formula by Excel
    assert all(len(line) == 7 for line in lines)


def test_english_headers_and_a_safe_file_name() -> None:
    en = Translator("en")
    assert en("field.change") == "Change/task"
    name = plan_csv.export_filename(DA, 'Bedre "flow": a/b?', "Jobcenter Nord", TODAY)
    assert name == "Handlingsplan - Bedre flow ab - Jobcenter Nord - 2026-11-24.xlsx"
    assert (plan_csv.export_filename(en, "P", "", TODAY, ".csv")
            == "Action plan - P - 2026-11-24.csv")


def test_round_trip_export_import_gives_the_same_rows(
    demo: tuple[Store, str], tmp_path: Path
) -> None:
    store, pid = demo
    rows = actions.load_plan(store, pid)
    path = tmp_path / "plan.csv"
    plan_csv.export_plan(rows, path, DA)
    preview = plan_csv.read_plan_file(path, TODAY)
    assert not preview.problems and all(row.ok for row in preview.rows)
    target = create_project(store, "Kopi").id
    undo = UndoLog(store)
    created = plan_csv.apply_import(undo, target, preview)
    assert len(created) == 17
    copied = actions.load_plan(store, target)
    assert _fields(copied) == _fields(rows)
    undo.undo()  # the whole import is one undo step
    assert actions.load_plan(store, target) == []


def test_import_appends_after_the_plan_and_reads_english_and_cp1252(
    demo: tuple[Store, str], tmp_path: Path
) -> None:
    store, pid = demo
    path = tmp_path / "excel.csv"
    path.write_bytes(
        "Change/task,Responsible,Deadline,Status,Extra\r\n"
        "Købe kage,Mette,24-12-2026,In progress,x\r\n"
        "'=1+1,,,,\r\n".encode("cp1252")
    )
    preview = plan_csv.read_plan_file(path, TODAY)
    assert [r.values for r in preview.rows] == [
        {"change": "Købe kage", "responsible": "Mette", "deadline": dt.date(2026, 12, 24),
         "status": ActionStatus.IN_PROGRESS},
        {"change": "=1+1", "responsible": ""},
    ]
    plan_csv.apply_import(UndoLog(store), pid, preview)
    rows = actions.load_plan(store, pid)
    assert [r.change for r in rows[-2:]] == ["Købe kage", "=1+1"]


def test_a_damaged_file_gives_problems_and_writes_nothing(
    demo: tuple[Store, str], tmp_path: Path
) -> None:
    store, _pid = demo
    before = store.execute("SELECT COUNT(*) FROM sync_change").fetchone()
    path = tmp_path / "damaged.csv"
    path.write_text(
        "Ændring/opgave;Ansvarlig;Deadline;Status\n"
        "God række;Mette;24-12-2026;Færdig\n"
        ";Bo;;\n"
        "Umulig dato;Bo;31-02-2026;\n"
        "Ukendt status;Bo;;Måske\n"
        "For mange;a;;;;ekstra\n"
        + "Alt for lang;" + "x" * 300 + ";;\n",
        encoding="utf-8-sig",
    )
    preview = plan_csv.read_plan_file(path, TODAY)
    assert not preview.problems
    assert [row.line for row in preview.rows] == [2, 3, 4, 5, 6, 7]
    # a row wider than the header keeps its extra cells out of the way (Excel pads rows)
    assert [row.ok for row in preview.rows] == [True, False, False, False, True, False]
    keys = [type(p).__name__ if isinstance(p, InvalidError) else p.key
            for row in preview.rows for p in row.problems]
    assert keys == ["InvalidError", "action_plan.deadline.no_such_date",
                    "action_plan.import.unknown_status", "InvalidError"]
    message = preview.rows[2].problems[0].message(DA)
    assert "31-02-2026" in message
    assert [row.line for row in preview.good] == [2, 6]
    after = store.execute("SELECT COUNT(*) FROM sync_change").fetchone()
    assert after == before  # reading a preview writes nothing


@pytest.mark.parametrize(
    ("content", "key"),
    [
        ("Navn;Noget\nA;B\n", "action_plan.import.no_change_column"),
        ("", "action_plan.import.empty"),
        ("Ændring/opgave;Ansvarlig\n;\n", "action_plan.import.empty"),
    ],
)
def test_files_that_are_not_a_plan(tmp_path: Path, content: str, key: str) -> None:
    path = tmp_path / "x.csv"
    path.write_text(content, encoding="utf-8")
    preview = plan_csv.read_plan_file(path, TODAY)
    assert [p.key for p in preview.problems] == [key]
    assert preview.good == []


def test_a_missing_file_is_refused(tmp_path: Path) -> None:
    with pytest.raises(TavleError) as caught:
        plan_csv.read_plan_file(tmp_path / "nope.csv", TODAY)
    assert caught.value.key == "values.sheet.no_file"
    with pytest.raises(TavleError):
        plan_csv.read_plan_file(tmp_path, TODAY)
    damaged = tmp_path / "x.csv"
    damaged.write_text('Ændring/opgave;Ansvarlig\n"åben citation;x\n', encoding="utf-8")
    with pytest.raises(TavleError) as caught:
        plan_csv.read_plan_file(damaged, TODAY)
    assert caught.value.key == "values.sheet.damaged"
    assert "x.csv" in caught.value.message(DA)


def test_export_folder_follows_the_environment(monkeypatch: pytest.MonkeyPatch,
                                               tmp_path: Path) -> None:
    monkeypatch.setenv("TAVLE_EXPORT_DIR", str(tmp_path))
    assert export_dir() == tmp_path
    monkeypatch.delenv("TAVLE_EXPORT_DIR")
    assert export_dir().name
