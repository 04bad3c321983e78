"""A record's history by keyboard: H on the focused record, Esc closes, typed H stays text."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from textual.containers import VerticalScroll
from textual.widgets import Label

from core.db import changelog
from core.db.store import Store
from core.models import Action
from core.plan import actions
from core.project import projects
from core.project.projects import list_projects
from core.sync.conflicts import list_conflicts
from core.sync.exporter import export_scope
from core.sync.importer import apply_import
from tests.tui.conftest import DEMO_TODAY, make_app
from tui.app import TavleApp
from tui.bindings import tavle_bindings
from tui.plan.action_plan import ActionPlanScreen
from tui.sync.conflicts import ConflictsScreen
from tui.sync.history import HistoryDialog


async def _open_plan(app: TavleApp, pilot) -> ActionPlanScreen:  # type: ignore[no-untyped-def]
    await pilot.pause()
    await pilot.press("enter")  # the demo project
    await pilot.pause()
    await pilot.press("h")
    await pilot.pause()
    screen = app.screen
    assert isinstance(screen, ActionPlanScreen)
    return screen


def _text(dialog: HistoryDialog, selector: str) -> str:
    return str(dialog.query_one(selector, Label).render())


def _entries(dialog: HistoryDialog) -> list[str]:
    """Each change's heading and field lines, one text per change."""
    return ["\n".join(str(label.render()) for label in entry.query(Label))
            for entry in dialog.query(".history-entry")]


def _notes(app: TavleApp) -> list[str]:
    return [note.message for note in app._notifications]


async def test_h_on_an_action_plan_row_shows_its_history_at_80x24(demo_store: Store) -> None:
    project_id = list_projects(demo_store, today=DEMO_TODAY)[0].id
    second = actions.load_plan(demo_store, project_id)[1]
    with demo_store.transaction():
        changelog.update(demo_store, Action, second.id, responsible="Åse Holm")
    app = make_app(demo_store)
    async with app.run_test(size=(80, 24)) as pilot:
        plan = await _open_plan(app, pilot)
        assert any(b.id == "screen.history" and keys == ["H"]
                   for _node, b, keys in tavle_bindings(plan))  # the footer and the palette
        await pilot.press("down", "H")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, HistoryDialog)
        assert f"»{second.change}«" in _text(dialog, "#history-title")
        assert second.id not in _text(dialog, "#history-title")
        entries = _entries(dialog)
        assert len(entries) == 2 and "2 ændringer" in _text(dialog, "#history-count")
        assert "Ændret" in entries[0] and "Åse Holm" in entries[0]
        assert "denne enhed" in entries[0] and "Oprettet" in entries[1]
        assert not re.search(r"[0-9a-f]{8}-[0-9a-f]{4}-", "\n".join(entries))  # never an id
        assert "-2026 " in entries[0] or "-2025 " in entries[0]  # dd-mm-åååå HH:MM
        assert second.change in entries[1]  # a text whole, even where a table cuts it
        assert dialog.query_one("#history-entries", VerticalScroll).has_focus
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is plan


async def test_h_typed_in_a_cell_editor_is_a_letter(demo_store: Store) -> None:
    app = make_app(demo_store)
    async with app.run_test(size=(80, 24)) as pilot:
        plan = await _open_plan(app, pilot)
        await pilot.press("f2", "end", "H")
        await pilot.pause()
        assert app.screen is plan and plan.editor.display
        assert plan.editor.input.value.endswith("H")


async def test_undo_names_the_history_key(demo_store: Store) -> None:
    app = make_app(demo_store)
    async with app.run_test(size=(80, 24)) as pilot:
        plan = await _open_plan(app, pilot)
        await pilot.press("f2", "end", "x", "enter")
        await pilot.pause()
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert app.screen is plan
        assert "Fortrudt. (H viser historikken)" in _notes(app)


def test_only_screens_that_name_records_have_h() -> None:
    """H is on the screens that say which record is focused and off the others (the project
    list, presentation mode, the network), whose undo message does not name it."""
    from tui.network.network import NetworkScreen
    from tui.project.project_list import ProjectListScreen
    from tui.views.presentation import PresentationScreen

    assert ActionPlanScreen.names_records() and ConflictsScreen.names_records()
    for screen in (ProjectListScreen, PresentationScreen, NetworkScreen):
        assert not screen.names_records()


async def test_no_h_in_the_footer_where_no_record_is_named(demo_store: Store) -> None:
    project_id = list_projects(demo_store, today=DEMO_TODAY)[0].id
    app = make_app(demo_store)
    async with app.run_test(size=(120, 40)) as pilot:
        from tui.views.presentation import PresentationScreen

        await pilot.pause()
        assert not any(b.id == "screen.history" for _n, b, _k in tavle_bindings(app.screen))
        app.push_screen(PresentationScreen(project_id))
        await pilot.pause()
        assert not any(b.id == "screen.history" for _n, b, _k in tavle_bindings(app.screen))
        await pilot.press("H")
        await pilot.pause()
        assert not any("historik" in note for note in _notes(app))


async def test_h_without_a_focused_record_says_what_to_do(empty_store: Store) -> None:
    projects.create_project(empty_store, "Hurtigere afklaring")
    app = make_app(empty_store)
    async with app.run_test(size=(80, 24)) as pilot:
        plan = await _open_plan(app, pilot)
        await pilot.press("H")
        await pilot.pause()
        assert app.screen is plan
        assert any("tryk H for at se dens historik" in note for note in _notes(app))


async def test_h_on_a_conflict_shows_its_record_s_history(tmp_path: Path) -> None:
    nord, sundhed = Store.open(tmp_path / "nord.db"), Store.open(tmp_path / "sundhed.db")
    for store, unit, author in ((nord, "Jobcenter Nord", "MH"), (sundhed, "Sundhed", "KB")):
        with store.transaction():
            store.execute("UPDATE sync_replica SET unit_name = ?", [unit])
        store.author = author
    try:
        project = projects.create_project(nord, "Sygefravær")
        with nord.transaction():
            action = changelog.create(nord, Action(project_id=project.id, change="Ring op"))
        apply_import(sundhed, export_scope(nord, project.id, folder=tmp_path).path)
        with nord.transaction():
            changelog.update(nord, Action, action.id, responsible="Lene Krogh")
        with sundhed.transaction():
            changelog.update(sundhed, Action, action.id, responsible="Karen Bach")
        apply_import(sundhed, export_scope(nord, project.id, folder=tmp_path).path)
        assert len(list_conflicts(sundhed, project.id)) == 1
        app = make_app(sundhed)
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            await pilot.press("enter", "K")
            await pilot.pause()
            conflicts = app.screen
            assert isinstance(conflicts, ConflictsScreen)
            await pilot.press("H")
            await pilot.pause()
            dialog = app.screen
            assert isinstance(dialog, HistoryDialog)
            assert "»Ring op«" in _text(dialog, "#history-title")
            text = "\n".join(_entries(dialog))
            assert "Jobcenter Nord (importeret)" in text and "Lene Krogh" in text
            assert "Karen Bach" in text and "KB · denne enhed" in text
            await pilot.press("escape")
            await pilot.pause()
            assert app.screen is conflicts
    finally:
        nord.close()
        sundhed.close()


@pytest.mark.parametrize("view", ["e", "o", "m", "b", "n", "G", "g", "v"])
async def test_h_shows_the_focused_record_s_history_on_every_list(
    demo_store: Store, view: str
) -> None:
    app = make_app(demo_store)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("enter", view)
        await pilot.pause()
        screen = app.screen
        await pilot.press("H")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, HistoryDialog), type(screen).__name__
        assert "»" in _text(dialog, "#history-title") and _entries(dialog)
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is screen
