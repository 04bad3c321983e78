"""Numbers typed into the measure screens are read by the one core reader: a share's target in
per cent, Danish thousands asked about rather than guessed, units, signs and currency taken."""

from __future__ import annotations

from textual.widgets import DataTable, Input, Label

from core.db import changelog
from core.db.store import Store
from core.measures.signals import project_measure_ids
from core.models import Measure, MeasureKind
from core.project import projects
from tests.tui.conftest import make_app
from tui.dialogs.choice_form import ChoiceFormDialog
from tui.measures.overview import MeasuresScreen


async def test_a_share_target_of_80_is_80_percent(empty_store: Store) -> None:
    """Andel, unit %, target 80: stored 0.8 and shown as 80 % (it was shown as 8.000 %)."""
    project = projects.create_project(empty_store, "Udskrivning")
    app = make_app(empty_store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        app.push_screen(MeasuresScreen(project.id))
        await pilot.pause()
        screen = app.screen
        await pilot.press("a")
        await pilot.pause()
        assert isinstance(app.screen, ChoiceFormDialog)
        # name, definition, kind (down: Andel), unit, better, frequency, target
        await pilot.press(*"Rettidige", "tab", "tab", "enter", "down", "enter",
                          "tab", "%", "tab", "tab", "tab", *"80", "ctrl+s")
        await pilot.pause()
        assert app.screen is screen
        [measure_id] = project_measure_ids(empty_store, project.id)
        measure = changelog.load(empty_store, Measure, measure_id)
        assert (measure.kind, measure.unit, measure.target) == (MeasureKind.PROPORTION, "%", 0.8)
        await app.workers.wait_for_complete()
        await pilot.pause()
        table = screen.query_one("#measures", DataTable)
        assert str(table.get_cell_at((0, 2))) == "80 %"
