"""The charter saves each text as its field is left, as the README promises (issue 19, item 6):
typed at full speed and left with Esc, nothing is asked and nothing lost; ctrl+z undoes a field
after it was left; the first field's label is in sight on opening at 80×24."""

from __future__ import annotations

from textual.containers import VerticalScroll
from textual.widgets import Label, TextArea

from core.db import changelog
from core.db.store import Store
from core.models import Charter
from core.project import projects
from tests.tui.conftest import make_app
from tui.project.charter import CharterScreen
from tui.project.project_screen import ProjectScreen


def _saved(store: Store, project_id: str) -> Charter:
    return changelog.load(store, Charter, Charter.id_for(project_id))


async def _open_charter(app, pilot) -> CharterScreen:  # type: ignore[no-untyped-def]
    await pilot.pause()
    await pilot.press("enter", "k")
    await pilot.pause()
    screen = app.screen
    assert isinstance(screen, CharterScreen)
    return screen


async def test_typed_at_full_speed_and_left_with_esc_everything_is_saved(
        empty_store: Store) -> None:
    project = projects.create_project(empty_store, "Udskrivning", leader="Mette Holm")
    app = make_app(empty_store)
    async with app.run_test(size=(80, 24)) as pilot:
        await _open_charter(app, pilot)
        await pilot.press(*"Hanne, 54", "tab", *"Hurtigere afklaring", "tab", *"+3 færre",
                          "escape")
        await pilot.pause()
        assert isinstance(app.screen, ProjectScreen)  # no question: nothing was unsaved
    saved = _saved(empty_store, project.id)
    assert (saved.citizen_case, saved.purpose, saved.success_criteria) == (
        "Hanne, 54", "Hurtigere afklaring", "+3 færre")


async def test_ctrl_z_after_leaving_a_field_undoes_that_field(empty_store: Store) -> None:
    project = projects.create_project(empty_store, "Udskrivning")
    app = make_app(empty_store)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await _open_charter(app, pilot)
        await pilot.press(*"Hanne", "tab", *"Hurtigere", "tab")
        await pilot.pause()
        assert _saved(empty_store, project.id).purpose == "Hurtigere"  # saved on leaving
        await pilot.press("ctrl+z")  # in the next field, which has nothing of its own to undo
        await pilot.pause()
        assert _saved(empty_store, project.id).purpose == ""
        assert screen.query_one("#text-purpose", TextArea).text == ""
        assert _saved(empty_store, project.id).citizen_case == "Hanne"
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert _saved(empty_store, project.id).citizen_case == ""
        assert screen.query_one("#text-citizen_case", TextArea).text == ""
        await pilot.press("ctrl+y")
        await pilot.pause()
        assert screen.query_one("#text-citizen_case", TextArea).text == "Hanne"
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, ProjectScreen)
    assert _saved(empty_store, project.id).citizen_case == "Hanne"


async def test_ctrl_s_saves_the_field_being_typed_and_goes_back(empty_store: Store) -> None:
    project = projects.create_project(empty_store, "Udskrivning")
    app = make_app(empty_store)
    async with app.run_test(size=(80, 24)) as pilot:
        await _open_charter(app, pilot)
        await pilot.press(*"Hanne", "ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, ProjectScreen)
    assert _saved(empty_store, project.id).citizen_case == "Hanne"


async def test_the_first_label_is_in_sight_on_opening_at_80x24(demo_store: Store) -> None:
    app = make_app(demo_store)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await _open_charter(app, pilot)
        await pilot.pause()
        form = screen.query_one("#charter-form", VerticalScroll)
        label = screen.query(".field-label").first(Label)
        assert form.scroll_y == 0
        assert form.region.contains_region(label.region)
        assert screen.focused is screen.query_one("#text-citizen_case", TextArea)
        assert form.region.contains_region(screen.focused.region)
