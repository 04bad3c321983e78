"""Ticking a phase's checklist with space and moving the project on, by keyboard only."""

from __future__ import annotations

from textual.widgets import OptionList

from core.db import changelog
from core.db.store import Store
from core.models import ChecklistItem, PhaseChange, Project
from core.phases import PhaseStatus
from core.project import phase_work, projects
from tests.tui.conftest import make_app
from tui.dialogs import ConfirmDialog, FormDialog
from tui.project.phase_move import PhaseMoveDialog
from tui.project.project_screen import Checklist, ProjectScreen


def _lines(screen: ProjectScreen) -> list[str]:
    checklist = screen.query_one("#checklist", Checklist)
    return [str(checklist.get_option_at_index(i).prompt) for i in range(checklist.option_count)]


async def test_tick_items_and_move_to_the_next_phase(empty_store: Store) -> None:
    project = projects.create_project(empty_store, "Udskrivning")
    app = make_app(empty_store, initials="MH", name="Mette Holm")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, ProjectScreen)
        await pilot.press("tab")
        assert screen.focused is screen.query_one("#checklist", Checklist)
        help_text = str(screen.query_one("#advice-help").render())
        assert "ledelsen" in help_text  # the help of the focused advice
        await pilot.press("space", "down", "space")
        await pilot.pause()
        lines = _lines(screen)
        assert lines[0].startswith("[x] Sikr opbakning fra ledelsen – MH ")
        assert lines[1].startswith("[x] ") and lines[2].startswith("[ ] ")
        item = changelog.load(empty_store, ChecklistItem,
                              ChecklistItem.id_for(project.id, 1, "citizen_case"))
        assert item.done and item.done_by == "MH" and item.done_at is not None
        # the team's own item
        await pilot.press("a")
        await pilot.pause()
        assert isinstance(app.screen, FormDialog)
        await pilot.press(*"Book lokale [b]nu[/b]", "enter")
        await pilot.pause()
        assert _lines(screen)[-1] == "[ ] Book lokale [b]nu[/b]"
        # undo the last tick, and untick with space
        await pilot.press("ctrl+z")  # the added item
        await pilot.pause()
        assert len(_lines(screen)) == 4
        phases = screen.query_one("#phases", OptionList)
        assert "(2)" in str(phases.get_option_at_index(0).prompt)
        # phase status with t: the first phase is in progress, t makes it done
        await pilot.press("shift+tab", "t")
        await pilot.pause()
        assert phase_work.phase_status(empty_store, project.id, 1) == PhaseStatus.DONE
        # move to the next phase: 2 items are open, so it asks
        await pilot.press("f")
        await pilot.pause()
        assert isinstance(app.screen, PhaseMoveDialog)
        await pilot.press("n")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)
        question = str(app.screen.query_one(".dialog-question").render())
        assert question == "2 punkter er ikke krydset af. Gå videre til fase 2 alligevel?"
        await pilot.press("y")
        await pilot.pause()
        assert app.screen is screen
        assert screen.sub_title == "Fase 2: Arbejdsgang i dag"
        assert phases.highlighted == 1
        assert "Senest flyttet fra fase 1 til fase 2" in str(
            screen.query_one("#phase-moved").render())

    assert changelog.load(empty_store, Project, project.id).current_phase == 2
    [row] = empty_store.query("SELECT id FROM phase_changes")
    change = changelog.load(empty_store, PhaseChange, row["id"])
    assert (change.from_phase, change.to_phase, change.open_items, change.decided_by) == (
        1, 2, 2, "MH")


async def test_a_refused_move_changes_nothing(empty_store: Store) -> None:
    project = projects.create_project(empty_store, "Udskrivning")
    app = make_app(empty_store, initials="MH")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("enter", "f", "4")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("n")
        await pilot.pause()
        assert isinstance(app.screen, ProjectScreen)
        assert changelog.load(empty_store, Project, project.id).current_phase == 1
        assert empty_store.query("SELECT COUNT(*) AS n FROM phase_changes")[0]["n"] == 0
