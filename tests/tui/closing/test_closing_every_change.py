"""The closing screen lists every change of the demo (action plan rows, cards in every column,
cycles, the redesign's steps), each decided with a key and undone with ctrl+z."""

from __future__ import annotations

from textual.widgets import DataTable, Label
from textual.widgets._footer import FooterKey

from core.closing import decisions as closing
from core.db.store import Store
from core.models import BoardColumn, ClosingChoice
from core.project import projects
from tests.tui.conftest import DEMO_TODAY, make_app
from tui.closing.decision_dialog import DecisionDialog
from tui.closing.decisions import ClosingScreen
from tui.commands import screen_commands


def _cells(table: DataTable, column: int) -> list[str]:
    return [str(table.get_cell_at((row, column))) for row in range(table.row_count)]


async def test_every_change_is_listed_and_decided_by_keys_and_undone(demo_store: Store) -> None:
    [summary] = projects.list_projects(demo_store, today=DEMO_TODAY)
    items = closing.closing_items(demo_store, summary.id)
    app = make_app(demo_store, initials="MH", name="Mette Holm")
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("enter", "o")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, ClosingScreen)
        table = screen.query_one("#closing-items", DataTable)
        subjects = _cells(table, 1)
        kinds = _cells(table, 0)
        rows = demo_store.query(
            "SELECT change FROM actions WHERE project_id = ? AND _exists", [summary.id])
        assert {row["change"].splitlines()[0][:200] for row in rows} <= set(subjects)
        assert kinds.count("Handlingsplan") == len(rows)
        cards = demo_store.query(
            'SELECT title, "column" FROM kaizen_cards WHERE project_id = ? AND _exists '
            "AND NOT archived", [summary.id])
        others = [c["title"] for c in cards if c["column"] != BoardColumn.STANDARD.value]
        assert others and set(others) <= set(subjects)
        assert any(kind.startswith("PDSA-afprøvning") for kind in kinds)
        assert set(_cells(table, 2)) == {"Ikke besluttet"}
        # deciding and the next undecided change are in the footer and the palette
        palette = {command.title for command in screen_commands(app, screen)}
        assert {"Beslut", "Næste uden beslutning"} <= palette
        footer = {key.description for key in screen.query(FooterKey)}
        assert {"Beslut", "Næste uden beslutning"} <= footer
        assert not any(item.ref_id in " ".join(subjects) for item in items)
        # the third change: cancel, who and a note, by keys only
        await pilot.press("down", "down", "f2")
        await pilot.pause()
        assert isinstance(app.screen, DecisionDialog)
        await pilot.press("down", "down", "tab", *"Lars", "tab", *"Ikke brug for det",
                          "enter")
        await pilot.pause()
        decided = closing.closing_items(demo_store, summary.id)[2]
        assert decided.ref_id == items[2].ref_id and decided.decision is not None
        assert (decided.decision.choice, decided.decision.responsible,
                decided.decision.note) == (ClosingChoice.CANCEL, "Lars", "Ikke brug for det")
        assert decided.decision.action_id == items[2].ref_id
        assert str(table.get_cell_at((2, 2))) == "Annullér"
        note = screen.query_one("#closing-note", Label)
        assert note.display and "Ikke brug for det" in str(note.render())
        shown = str(screen.query_one("#closing-summary", Label).render())
        assert f"{len(items) - 1} uden beslutning" in shown
        # n goes to the next change without a decision
        table.move_cursor(row=1)
        await pilot.press("n")
        assert table.cursor_row == 3
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert closing.closing_items(demo_store, summary.id)[2].decision is None
        assert str(table.get_cell_at((2, 2))) == "Ikke besluttet"
