"""Typing a row of the action plan at full speed, with a name that is not yet among the project's
people: every character lands where it was typed, and the name is offered afterwards on a line,
never in a dialog that takes the next keys (issue 19, item 2)."""

from __future__ import annotations

import pytest
from textual.widgets import Label

from core.db import changelog
from core.db.store import Store
from core.models import Project
from core.plan import actions
from core.project.projects import list_projects
from core.values.days import parse_deadline
from tests.tui.conftest import DEMO_TODAY, make_app
from tui.plan.action_plan import ActionPlanScreen
from tui.project.project_screen import ProjectScreen


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
async def test_a_row_typed_without_pauses_lands_cell_by_cell(
        demo_store: Store, size: tuple[int, int]) -> None:
    app = make_app(demo_store)
    pid = list_projects(demo_store, today=DEMO_TODAY)[0].id
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        await pilot.press("enter", "h")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, ActionPlanScreen)
        # no pauses from here: `a`, then the five cells as they are said in the meeting
        await pilot.press("down", "a", *"Ny tavle på gangen", "tab", *"Ny Kollega", "tab",
                          *"Færre spørgsmål", "tab", *"Køb en tavle", "tab", *"+3", "enter")
        await pilot.pause()
        assert app.screen is screen and not screen.editor.display
        new = actions.load_plan(demo_store, pid)[2]
        assert (new.change, new.responsible, new.effect, new.how) == (
            "Ny tavle på gangen", "Ny Kollega", "Færre spørgsmål", "Køb en tavle")
        assert new.deadline == parse_deadline("+3", DEMO_TODAY)
        # the new name is offered now, on a line; `p` adds it
        offer = screen.query_one("#plan-new-people", Label)
        assert offer.display and "Ny Kollega" in str(offer.render())
        assert "Ny Kollega" not in actions.people_names(demo_store, pid)
        await pilot.press("p")
        await pilot.pause()
        assert "Ny Kollega" in actions.people_names(demo_store, pid) and not offer.display


async def test_the_leader_of_a_project_from_before_is_a_person_once_opened(
        empty_store: Store) -> None:
    with empty_store.transaction():  # a project written before the leader became a person
        project = changelog.create(empty_store, changelog.build(
            Project, name="Udskrivning", leader="Mette Holm"))
    app = make_app(empty_store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ProjectScreen)
        await pilot.press("h", "a", *"Ny tavle", "tab", *"mette", "tab")
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, ActionPlanScreen)
        # "mette" + Tab took the leader's name from the people; nothing is offered
        assert actions.load_plan(empty_store, project.id)[0].responsible == "Mette Holm"
        assert not screen.query_one("#plan-new-people", Label).display
        await pilot.press("escape", "escape", "enter")  # open the project again
        await pilot.pause()
    assert actions.people_names(empty_store, project.id) == ["Mette Holm"]
