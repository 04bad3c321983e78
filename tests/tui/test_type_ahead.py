"""Keys that arrive together – typed fast, or pasted as keystrokes by a terminal without
bracketed paste – are handled in order, each after what the key before it set off: a Tab's
move to the next field happens before the next letter is typed (it used to land in the field
it followed), and a key typed while a screen opens does not end the app."""

from __future__ import annotations

from textual import events
from textual.widgets import Input

from core.db.store import Store
from tests.tui.conftest import make_app
from tui.app import TavleApp
from tui.measures.measure import MeasureScreen
from tui.screens.settings import SettingsScreen


def _burst(app: TavleApp, keys: list[str]) -> None:
    """Post every key at once, as a terminal's read delivers them (no pause between)."""
    for key in keys:
        character = {"space": " ", "tab": None, "enter": "\r"}.get(key, key)
        app.post_message(events.Key(key, character))


def _typed(text: str) -> list[str]:
    return ["space" if c == " " else c for c in text]


async def test_a_tab_in_a_burst_moves_before_the_next_letter(empty_store: Store) -> None:
    app = make_app(empty_store)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        app.push_screen(SettingsScreen())
        await pilot.pause()
        app.screen.query_one("#name", Input).focus()
        await pilot.pause()
        _burst(app, [*_typed("Mette Holm"), "tab", *_typed("mh"), "tab", *_typed("Sundhed")])
        await pilot.pause(0.5)
        screen = app.screen
        assert screen.query_one("#name", Input).value == "Mette Holm"
        assert screen.query_one("#initials", Input).value == "mh"
        assert screen.query_one("#unit", Input).value == "Sundhed"


async def test_keys_typed_while_a_chart_opens_do_not_end_the_app(demo_store: Store) -> None:
    (project_id,) = [r["id"] for r in demo_store.query("SELECT id FROM projects")]
    (measure_id,) = [r["id"] for r in demo_store.query(
        "SELECT id FROM measures WHERE project_id = ? AND name LIKE 'Dage fra%' "
        "AND COALESCE(entry, 'period') = 'period'", [project_id])]
    app = make_app(demo_store)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        app.push_screen(MeasureScreen(project_id, measure_id))
        _burst(app, ["n", "1", "2", "escape", "c", "k"])  # before the screen has composed
        await pilot.pause(0.5)
        assert isinstance(app.screen, MeasureScreen) or app.is_running
        assert app.is_running and app.return_code is None


async def test_a_row_of_the_action_plan_typed_in_one_burst(demo_store: Store) -> None:
    """The cell editor's Tab saves and opens the next cell before the next letters come."""
    from textual.widgets import DataTable

    from tui.plan.action_plan import ActionPlanScreen

    (project_id,) = [r["id"] for r in demo_store.query("SELECT id FROM projects")]
    app = make_app(demo_store)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        app.push_screen(ActionPlanScreen(project_id))
        await pilot.pause()
        await pilot.press("a")
        await pilot.pause()
        _burst(app, [*_typed("Ny ændring"), "tab", *_typed("Ny Kollega"), "tab",
                     *_typed("Bedre flow"), "tab", *_typed("Prøv det"), "tab"])
        await pilot.pause(0.5)
        rows = demo_store.query(
            "SELECT change, responsible, effect, how FROM actions WHERE change = 'Ny ændring' "
            "AND _exists")
        assert rows == [{"change": "Ny ændring", "responsible": "Ny Kollega",
                         "effect": "Bedre flow", "how": "Prøv det"}]
        assert app.screen.query_one(DataTable) is not None
