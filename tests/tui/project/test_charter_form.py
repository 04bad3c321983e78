"""Filling the project charter by keyboard: texts with Tab, a result goal without a date and the
warning it gives, the steering group, ctrl+s; then what the database holds."""

from __future__ import annotations

import datetime as dt

from textual.widgets import DataTable, Label, TextArea

from core.db import changelog
from core.db.store import Store
from core.models import Charter, Group
from core.project import projects
from core.project.charter import load_charter
from tests.tui.conftest import DEMO_TODAY, make_app
from tui.dialogs import FormDialog
from tui.project.charter import CharterScreen
from tui.project.member import MemberDialog
from tui.project.project_screen import ProjectScreen


def _warnings(screen: CharterScreen) -> str:
    label = screen.query_one("#charter-warnings", Label)
    return str(label.render()) if label.display else ""


async def test_fill_the_charter_by_keyboard(empty_store: Store) -> None:
    project = projects.create_project(empty_store, "Udskrivning", leader="Mette Holm")
    app = make_app(empty_store, initials="MH", name="Mette Holm")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("enter", "k")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, CharterScreen)
        assert screen.sub_title.startswith("Projektkommissorium · Fase 1")
        await pilot.press(*"Hanne, 54, sygemeldt i 9 måneder", "tab", *"[b]Hurtigere[/b] afklaring",
                          "tab", *"Færre overleveringer", "tab", "tab", "tab")
        await pilot.pause()
        assert screen.focused is screen.query_one("#goals", DataTable)
        # a result goal with a target (decimal comma) and no date
        await pilot.press("a")
        await pilot.pause()
        assert isinstance(app.screen, FormDialog)
        await pilot.press(*"Første samtale inden 14 dage", "tab", "tab", *"12,5", "tab", "enter")
        await pilot.pause()
        assert app.screen is screen
        assert "»Første samtale inden 14 dage« mangler en dato" in _warnings(screen)
        assert "Projektlederen Mette Holm er ikke med i styregruppen" in _warnings(screen)
        # a unit involved, then its deciding leader in the steering group
        await pilot.press("tab", "a", *"Jobcenter Nord", "enter")
        await pilot.pause()
        assert "»Jobcenter Nord« har ingen besluttende leder" in _warnings(screen)
        await pilot.press("tab", "a")
        await pilot.pause()
        assert isinstance(app.screen, MemberDialog)
        await pilot.press(*"Mette Holm", "tab", *"Projektleder", "tab", *"Jobcenter Nord",
                          "tab", "space", "ctrl+s")
        await pilot.pause()
        assert app.screen is screen
        warnings = _warnings(screen)
        assert "besluttende leder" not in warnings and "Projektlederen" not in warnings
        assert "mangler en dato" in warnings
        # each text was saved as its field was left: ctrl+s goes back, as in every form
        assert screen.query_one("#text-purpose", TextArea).text == "[b]Hurtigere[/b] afklaring"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, ProjectScreen)

    charter = changelog.load(empty_store, Charter, Charter.id_for(project.id))
    assert charter.citizen_case == "Hanne, 54, sygemeldt i 9 måneder"
    assert charter.purpose == "[b]Hurtigere[/b] afklaring"
    assert charter.success_criteria == "Færre overleveringer"
    view = load_charter(empty_store, project.id)
    [goal] = view.goals
    assert (goal.text, goal.target, goal.due) == ("Første samtale inden 14 dage", 12.5, None)
    [unit] = view.units
    assert unit.name == "Jobcenter Nord"
    [seat] = view.steering
    assert (seat.name, seat.member.role, seat.member.unit, seat.member.deciding_leader) == (
        "Mette Holm", "Projektleder", "Jobcenter Nord", True)
    assert seat.member.group == Group.STEERING


async def test_edit_a_goal_date_and_undo_a_delete(demo_store: Store) -> None:
    [summary] = projects.list_projects(demo_store, today=DEMO_TODAY)
    app = make_app(demo_store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("enter", "k")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, CharterScreen)
        assert "Hurtigere afklaring" in screen.title
        goals = screen.query_one("#goals", DataTable)
        before = goals.row_count
        assert before >= 1
        goals.focus()
        await pilot.press("f2")
        await pilot.pause()
        assert isinstance(app.screen, FormDialog)
        await pilot.press("tab", "tab", "tab", "home", "ctrl+k", *"31.12.2027", "ctrl+s")
        await pilot.pause()
        first = load_charter(demo_store, summary.id).goals[0]
        assert first.due == dt.date(2027, 12, 31)
        await pilot.press("delete", "y")
        await pilot.pause()
        assert goals.row_count == before - 1
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert goals.row_count == before
        await pilot.press("escape")  # nothing typed: back without asking
        await pilot.pause()
        assert isinstance(app.screen, ProjectScreen)
