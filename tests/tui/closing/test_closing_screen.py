"""Recording closing decisions by keyboard on the demo project."""

from __future__ import annotations

from textual.widgets import DataTable, Label

from core.closing import decisions as closing
from core.db.store import Store
from core.models import ClosingChoice
from core.project import projects
from tests.tui.conftest import DEMO_TODAY, make_app
from tui.closing.decision_dialog import DecisionDialog
from tui.closing.decisions import ClosingScreen
from tui.project.project_screen import ProjectScreen


async def test_record_closing_decisions(demo_store: Store) -> None:
    [summary] = projects.list_projects(demo_store, today=DEMO_TODAY)
    items = closing.closing_items(demo_store, summary.id)
    app = make_app(demo_store, initials="MH", name="Mette Holm")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("enter", "o")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, ClosingScreen)
        table = screen.query_one("#closing-items", DataTable)
        assert table.row_count == len(items)
        # first item: develop further, responsible Lars, a note
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, DecisionDialog)
        await pilot.press("down", "tab", *"Lars", "tab", *"To teams mere", "enter")
        await pilot.pause()
        # second item: continue as standard (the default), saved with ctrl+s
        await pilot.press("down", "f2", "ctrl+s")
        await pilot.pause()
        await pilot.press("m", "g", "g")
        await pilot.pause()
        decided = [i.decision for i in closing.closing_items(demo_store, summary.id)]
        assert decided[0] is not None and decided[0].choice == ClosingChoice.DEVELOP
        assert (decided[0].responsible, decided[0].note, decided[0].decided_by) == (
            "Lars", "To teams mere", "Mette Holm")
        assert decided[1] is not None and decided[1].choice == ClosingChoice.CONTINUE
        s = closing.summary(demo_store, summary.id)
        assert (s.kaizen_continues, s.steering_group_stays) == (True, False)
        shown = str(screen.query_one("#closing-summary", Label).render())
        assert f"{len(items)} ændringer: 1 fortsætter, 1 udvikles, 0 annulleres" in shown
        assert "kaizen-møder fortsætter" in shown and "styregruppen stopper" in shown
        assert str(table.get_cell_at((0, 2))) == "Udvikl videre"
        await pilot.press("ctrl+z")  # the steering group choice back to yes
        await pilot.pause()
        assert closing.summary(demo_store, summary.id).steering_group_stays is True
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, ProjectScreen)
