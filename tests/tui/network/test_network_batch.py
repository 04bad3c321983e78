"""A learning network's coordinator imports a folder of the units' files through the screens:
start screen, folder picker, the combined preview (counts per good file, the broken file's
reason, the duplicate), Enter imports; the projects are then on the project list and in the
portfolio."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from textual.widgets import DataTable, Label

from core.db import changelog
from core.db.store import Store
from core.models import Action
from core.project import projects
from core.sync.exporter import export_scope
from tests.tui.conftest import DEMO_TODAY, make_app
from tui.app import TavleApp
from tui.project.project_list import ProjectListScreen
from tui.sync.batch_import import BatchImportScreen
from tui.sync.folder_pick import FolderPickDialog

UNITS = (("Afsnit A", "Færre fald"), ("Afsnit [/x]", "[@click=app.quit]Tryk[/]"),
         ("Afsnit C", "Hurtig udskrivning"))


def unit_store(tmp_path: Path, unit: str, project: str, actions: int) -> tuple[Store, str]:
    """A unit's database with one project and some actions (core functions, real SQLite)."""
    store = Store.open(tmp_path / f"{len(list(tmp_path.glob('*.db')))}.db", fingerprint=unit)
    store.set_unit_name(unit)
    created = projects.create_project(store, project, unit=unit)
    with store.transaction():
        for index in range(actions):
            changelog.create(store, Action(project_id=created.id, change=f"Skridt {index}"))
    return store, created.id


@pytest.fixture
def inbox(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Documents/indbakke with three units' files, a copy of one, and a broken file."""
    documents = tmp_path / "Dokumenter"
    folder = documents / "indbakke"
    folder.mkdir(parents=True)
    monkeypatch.setenv("TAVLE_EXPORT_DIR", str(documents))
    for index, (unit, project) in enumerate(UNITS):
        store, project_id = unit_store(tmp_path, unit, project, actions=index + 1)
        path = export_scope(store, project_id, folder=folder).path
        store.close()
        if index == 0:
            shutil.copy(path, folder / "kopi-af-A.tavle")
    (folder / "ødelagt.tavle").write_text("ikke en tavle-fil", encoding="utf-8")
    return folder


def rows(app: TavleApp, table_id: str) -> list[list[str]]:
    table = app.screen.query_one(table_id, DataTable)
    return [[str(value) for value in table.get_row_at(i)] for i in range(table.row_count)]


def label(app: TavleApp, label_id: str) -> str:
    return str(app.screen.query_one(label_id, Label).render())


async def wait(app: TavleApp, pilot: object) -> None:
    await app.workers.wait_for_complete()
    await pilot.pause()  # type: ignore[attr-defined]


async def test_import_a_folder_of_three_units_and_see_them_in_the_portfolio(
    tmp_path: Path, inbox: Path
) -> None:
    coordinator = Store.open(tmp_path / "koordinator.db", fingerprint="koordinator")
    coordinator.set_unit_name("Koordinator")
    app = make_app(coordinator)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("M")
        await pilot.pause()
        assert isinstance(app.screen, FolderPickDialog)
        assert "Ingen .tavle-filer" in label(app, "#pick-empty")
        # Documents holds no file: the folder above, then "indbakke/"
        assert rows(app, "#pick-files")[1][0] == "indbakke/"
        await pilot.press("down", "enter")
        await pilot.pause()
        assert "5 .tavle-filer i indbakke" in label(app, "#pick-empty")
        await pilot.press("ctrl+s")
        await wait(app, pilot)
        assert isinstance(app.screen, BatchImportScreen)

        shown = {row[0]: row for row in rows(app, "#batch-files")}
        assert len(shown) == 5
        for index, (unit, project) in enumerate(UNITS):
            [row] = [r for r in shown.values() if r[2] == project]
            # file, unit, project, new, changed, deleted, conflicts, state
            assert row[1] == unit
            assert row[3:] == [str(index + 2), "0", "0", "0", "klar"]
        # files are read by name: the copy comes first, so the unit's own file is its duplicate
        [original] = [name for name in shown if name.startswith("Tavle_Faerre-fald")]
        assert shown[original][1:] == ["", "", "", "", "", "", "samme som kopi-af-A.tavle"]
        assert shown["ødelagt.tavle"][7] == "afvist"
        refused = label(app, "#batch-refused")
        assert "ødelagt.tavle: Filen er ikke en Tavle-fil" in refused
        state = label(app, "#batch-state")
        assert ("Filer i mappen: 5 · klar til import: 3 (9 nye ændringer) · afvist: 1 · "
                "dubletter: 1") in state
        # the preview wrote nothing
        assert projects.list_projects(coordinator, today=DEMO_TODAY) == []

        await pilot.press("enter")
        await wait(app, pilot)
        assert isinstance(app.screen, ProjectListScreen)
        assert any("Filer importeret: 3 (9 ændringer)." in n.message
                   for n in app._notifications)
        names = [row[0] for row in rows(app, "#projects")]
        assert sorted(names) == sorted(project for _unit, project in UNITS)
        assert coordinator.execute("PRAGMA integrity_check").fetchone()[0] == "ok"

        await pilot.press("p")
        await wait(app, pilot)
        portfolio = rows(app, "#portfolio")
        assert sorted(row[0] for row in portfolio) == sorted(p for _u, p in UNITS)
        assert {unit for unit, _p in UNITS} <= {value for row in portfolio for value in row}
    coordinator.close()


async def test_a_folder_without_files_says_so_and_imports_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    empty = tmp_path / "tom"
    empty.mkdir()
    monkeypatch.setenv("TAVLE_EXPORT_DIR", str(empty))
    store = Store.open(tmp_path / "k.db")
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("M")
        await pilot.pause()
        await pilot.press("ctrl+s")
        await wait(app, pilot)
        assert isinstance(app.screen, BatchImportScreen)
        assert "Ingen .tavle-filer" in label(app, "#batch-state")
        assert app.screen.check_action("apply", ()) is False
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, ProjectListScreen)
    store.close()
