"""The action plan grid by keyboard: add, edit, sort, filter, delete and undo, as in a meeting."""

from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path

import pytest
from textual.widgets import Label

from core.db.store import Store
from core.plan import actions
from core.project.projects import list_projects
from core.values.days import parse_deadline
from core.values.sheets import read_sheets
from tests.tui.conftest import DEMO_TODAY, make_app
from tui.app import TavleApp
from tui.dialogs import ConfirmDialog
from tui.dialogs.pick import PickDialog
from tui.plan.action_plan import ActionPlanScreen
from tui.plan.plan_filter import PlanFilterDialog
from tui.plan.plan_grid import PlanGrid
from tui.plan.plan_import import PlanImportDialog
from tui.screens.file_pick import FilePickDialog


async def _open_plan(app: TavleApp, pilot) -> ActionPlanScreen:  # type: ignore[no-untyped-def]
    await pilot.pause()
    await pilot.press("enter")  # the demo project
    await pilot.pause()
    await pilot.press("h")
    await pilot.pause()
    screen = app.screen
    assert isinstance(screen, ActionPlanScreen)
    return screen


def _cells(screen: ActionPlanScreen, row: int) -> list[str]:
    grid = screen.query_one(PlanGrid)
    return [str(value) for value in grid.get_row_at(row)]


def _plan(store: Store) -> list[actions.PlanRow]:
    return actions.load_plan(store, list_projects(store, today=DEMO_TODAY)[0].id)


def _summary(screen: ActionPlanScreen) -> str:
    return str(screen.query_one("#plan-summary", Label).render())


async def test_opens_from_the_project_screen_with_the_guides_columns(demo_store: Store) -> None:
    app = make_app(demo_store)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await _open_plan(app, pilot)
        grid = screen.query_one(PlanGrid)
        labels = [str(column.label) for column in grid.ordered_columns]
        assert labels == ["Ændring/opgave", "Ansvarlig", "Effekt", "Hvordan", "Deadline",
                          "Status", "Kobling"]
        assert grid.row_count == 17 and grid.cursor_type == "cell"
        assert "Handlingsplan" in screen.sub_title
        today = DEMO_TODAY
        overdue = [i for i, row in enumerate(_plan(demo_store)) if row.is_overdue(today)]
        assert grid.overdue == set(overdue)
        for index in overdue:
            assert _cells(screen, index)[4].endswith("forsinket")
        assert _summary(screen).startswith("17 rækker: 4 ikke startet · 2 i gang · 10 færdige")
        assert f"{len(overdue)} forsinkede" in _summary(screen)
        assert _cells(screen, 0)[6].startswith("Måling: ")


async def test_add_a_row_typing_its_cells_with_tab(demo_store: Store) -> None:
    app = make_app(demo_store)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await _open_plan(app, pilot)
        await pilot.press("down", "a")
        await pilot.pause()
        assert screen.editor.display and screen.editor.field == "change"
        assert _cells(screen, 2)[0] == "(ny række)"
        await pilot.press(*"Ny tavle på gangen", "tab")
        await pilot.pause()
        assert screen.editor.field == "responsible"
        await pilot.press(*"Mette Holm", "tab")
        await pilot.pause()
        await pilot.press(*"Færre spørgsmål", "tab")
        await pilot.pause()
        await pilot.press(*"Køb en tavle", "tab")
        await pilot.pause()
        assert screen.editor.field == "deadline"
        await pilot.press(*"uge 52")
        await pilot.pause()
        hint = str(screen.query_one("#cell-hint", Label).render())
        assert hint.startswith("Forstået som fredag")
        await pilot.press("enter")
        await pilot.pause()
        assert not screen.editor.display
        rows = _plan(demo_store)
        new = rows[2]
        assert (new.change, new.responsible, new.effect, new.how) == (
            "Ny tavle på gangen", "Mette Holm", "Færre spørgsmål", "Køb en tavle")
        assert new.deadline == parse_deadline("uge 52", DEMO_TODAY)
        assert _cells(screen, 2)[:4] == ["Ny tavle på gangen", "Mette Holm", "Færre spørgsmål",
                                         "Køb en tavle"]
        assert _summary(screen).startswith("18 rækker")
        # Esc on a new row that has no text drops it; nothing is written
        await pilot.press("a", "escape")
        await pilot.pause()
        assert screen.query_one(PlanGrid).row_count == 18 and len(_plan(demo_store)) == 18


async def test_edit_a_deadline_refuse_an_impossible_one_and_undo(demo_store: Store) -> None:
    app = make_app(demo_store)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await _open_plan(app, pilot)
        before = _plan(demo_store)[0]
        await pilot.press("right", "right", "right", "right", "enter")
        await pilot.pause()
        await pilot.press("ctrl+u", *"31-02-2026", "enter")
        await pilot.pause()
        assert screen.editor.display  # refused: the editor stays open with the message
        assert "findes ikke" in str(screen.query_one("#cell-hint", Label).render())
        assert _plan(demo_store)[0].deadline == before.deadline
        await pilot.press("ctrl+u", *"fre", "enter")
        await pilot.pause()
        expected = parse_deadline("fre", DEMO_TODAY)
        assert _plan(demo_store)[0].deadline == expected
        assert _cells(screen, 0)[4] == expected.strftime("%d-%m-%Y")
        await pilot.press("space")  # status: done -> cancelled
        await pilot.pause()
        assert _cells(screen, 0)[5] == "Annulleret"
        await pilot.press("ctrl+z", "ctrl+z")
        await pilot.pause()
        assert _plan(demo_store)[0] == before
        assert _cells(screen, 0)[4] == before.deadline.strftime("%d-%m-%Y")
        await pilot.press("ctrl+y")
        await pilot.pause()
        assert _plan(demo_store)[0].deadline == expected


async def test_a_new_responsible_is_offered_as_a_person_without_a_question(
        demo_store: Store) -> None:
    app = make_app(demo_store)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await _open_plan(app, pilot)
        pid = list_projects(demo_store, today=DEMO_TODAY)[0].id
        offer = screen.query_one("#plan-new-people", Label)
        assert not offer.display
        await pilot.press("right", "enter", "ctrl+u", *"Ny Kollega", "enter")
        await pilot.pause()
        assert app.screen is screen  # no dialog: the name is saved as typed
        assert _plan(demo_store)[0].responsible == "Ny Kollega"
        assert "Ny Kollega" not in actions.people_names(demo_store, pid)
        assert offer.display and "Ny Kollega" in str(offer.render())
        assert "tryk p" in str(offer.render())
        await pilot.press("p")
        await pilot.pause()
        assert "Ny Kollega" in actions.people_names(demo_store, pid)
        assert not offer.display
        # known people complete as you type: "ras" + Enter takes "Rasmus Juhl"; nothing offered
        await pilot.press("down", "enter", "ctrl+u", *"ras")
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert _plan(demo_store)[1].responsible == "Rasmus Juhl"
        assert not offer.display
        await pilot.press("ctrl+z")  # the responsible of row 2
        await pilot.pause()
        await pilot.press("ctrl+z")  # the person added with p
        await pilot.pause()
        assert "Ny Kollega" not in actions.people_names(demo_store, pid)
        assert _plan(demo_store)[0].responsible == "Ny Kollega"
        assert screen.query_one(PlanGrid).row_count == 17


async def test_sort_filter_and_clear(demo_store: Store) -> None:
    app = make_app(demo_store)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await _open_plan(app, pilot)
        grid = screen.query_one(PlanGrid)
        await pilot.press("right", "s")
        await pilot.pause()
        names = [_cells(screen, i)[1] for i in range(grid.row_count)]
        assert names == sorted(names, key=str.casefold)
        assert str(grid.ordered_columns[1].label) == "Ansvarlig ▲"
        await pilot.press("s")
        await pilot.pause()
        assert [_cells(screen, i)[1] for i in range(grid.row_count)] == sorted(
            names, key=str.casefold, reverse=True)
        await pilot.press("s")
        await pilot.pause()
        assert _cells(screen, 0)[0] == _plan(demo_store)[0].change[:len(_cells(screen, 0)[0])]
        await pilot.press("o")
        await pilot.pause()
        overdue = [r for r in _plan(demo_store) if r.is_overdue(DEMO_TODAY)]
        assert grid.row_count == len(overdue)
        line = str(screen.query_one("#plan-filter", Label).render())
        assert "kun forsinkede" in line and "x" in line
        await pilot.press("x", "slash", *"momentum")
        await pilot.pause()
        assert 0 < grid.row_count < 17
        assert "»momentum«" in str(screen.query_one("#plan-filter", Label).render())
        await pilot.press("escape")  # Esc in the search box clears it
        await pilot.pause()
        assert grid.row_count == 17
        assert not screen.query_one("#plan-filter", Label).display
        await pilot.press("f")
        await pilot.pause()
        assert isinstance(app.screen, PlanFilterDialog)
        await pilot.press("tab", "tab", "space", "ctrl+s")  # only overdue rows
        await pilot.pause()
        assert grid.row_count == len(overdue)
        await pilot.press("x")
        await pilot.pause()
        assert grid.row_count == 17


async def test_delete_asks_naming_the_row_and_undo_brings_it_back(demo_store: Store) -> None:
    app = make_app(demo_store)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await _open_plan(app, pilot)
        first = _plan(demo_store)[0]
        await pilot.press("delete")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)
        question = str(app.screen.query_one(".dialog-question", Label).render())
        assert first.change in question
        await pilot.press("n")
        await pilot.pause()
        assert len(_plan(demo_store)) == 17
        await pilot.press("delete", "y")
        await pilot.pause()
        assert first.id not in {r.id for r in _plan(demo_store)}
        assert screen.query_one(PlanGrid).row_count == 16
        await pilot.press("d")  # duplicate the row now first
        await pilot.pause()
        assert len(_plan(demo_store)) == 17
        await pilot.press("ctrl+z", "ctrl+z")
        await pilot.pause()
        assert _plan(demo_store)[0] == first
        assert _cells(screen, 0)[0] == str(screen.query_one(PlanGrid).get_cell_at((0, 0)))
        assert screen.query_one(PlanGrid).row_count == 17


@pytest.mark.parametrize("hostile", ["[/x]", "[@click=app.quit]x[/]", "[b]fed[/b] [red]rød"])
async def test_hostile_text_in_a_cell_renders_literally(demo_store: Store, hostile: str) -> None:
    app = make_app(demo_store)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await _open_plan(app, pilot)
        await pilot.press("enter", "ctrl+u", *hostile, "enter")
        await pilot.pause()
        assert _plan(demo_store)[0].change == hostile
        assert _cells(screen, 0)[0] == hostile
        drawn = screen.query_one(PlanGrid).render_line(1).text
        assert hostile[:15] in drawn
        await pilot.press("delete")
        await pilot.pause()
        assert hostile in str(app.screen.query_one(".dialog-question", Label).render())
        await pilot.press("n")
        assert app.is_running


async def test_export_and_import_by_keyboard(demo_store: Store, tmp_path: Path,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TAVLE_EXPORT_DIR", str(tmp_path))
    app = make_app(demo_store)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await _open_plan(app, pilot)
        await pilot.press("ctrl+e")  # Excel's own workbook is offered first
        await pilot.pause()
        assert isinstance(app.screen, PickDialog)
        await pilot.press("enter")
        await pilot.pause()
        [workbook] = list(tmp_path.glob("Handlingsplan - *.xlsx"))
        [sheet] = read_sheets(workbook)
        assert len(sheet.rows) == 18 and sheet.rows[0][0] == "Ændring/opgave"
        assert any(isinstance(cells[4], dt.date) for cells in sheet.rows[1:])  # dates as dates
        await pilot.press("ctrl+e", "down", "enter")  # and CSV one key further down
        await pilot.pause()
        [exported] = list(tmp_path.glob("Handlingsplan - *.csv"))
        with open(exported, encoding="utf-8-sig", newline="") as handle:
            lines = list(csv.reader(handle, delimiter=";"))
        assert len(lines) == 18 and lines[0][0] == "Ændring/opgave"
        workbook.unlink()
        await pilot.press("ctrl+o")
        await pilot.pause()
        picker = app.screen  # opens in Documents here: the tests have no Downloads folder
        assert isinstance(picker, FilePickDialog) and picker.folder == tmp_path
        assert picker.entries[0].path == exported
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, PlanImportDialog)
        await pilot.press("y")
        await pilot.pause()
        assert len(_plan(demo_store)) == 34
        assert screen.query_one(PlanGrid).row_count == 34
        await pilot.press("ctrl+z")  # the whole import is one step
        await pilot.pause()
        assert len(_plan(demo_store)) == 17
