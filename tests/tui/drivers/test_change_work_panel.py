""""Hvad ændrer vi?" on the project screen of the demo without its driver diagram: the panel
counts the ideas, cards and action-plan rows instead of saying there is nothing."""

from __future__ import annotations

from core.db.store import Store
from core.db.undo import UndoLog
from core.drivers import edits
from core.drivers.diagram import load_diagram
from core.drivers.questions import change_work
from core.models import DriverKind
from tests.tui.conftest import make_app
from tui.drivers.questions import ThreeQuestions
from tui.project.project_screen import ProjectScreen


async def test_what_we_change_counts_ideas_cards_and_actions(demo_store: Store) -> None:
    (project_id,) = demo_store.execute("SELECT id FROM projects").fetchone()
    log = UndoLog(demo_store)
    for primary in load_diagram(demo_store, project_id).of_kind(DriverKind.PRIMARY):
        edits.delete_branch(log, load_diagram(demo_store, project_id), primary)
    work = change_work(demo_store, project_id)
    assert work.ideas and work.cards and work.actions
    app = make_app(demo_store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ProjectScreen)
        text = " ".join(app.screen.query_one(ThreeQuestions).text().split())
        assert "Hvad ændrer vi?" in text
        assert f"1 idé · {work.cards} kort · {work.actions} handlinger" in text
        assert "Ingen forandringsidéer" not in text
