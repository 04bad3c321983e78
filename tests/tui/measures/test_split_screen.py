"""Suggested splits and target paths on the measure's screens (issue 18): the proposal in
words under the chart with its preview drawn, `s` accepts it (ctrl+z undoes), Esc puts it away
and then goes back; the target path typed in the measure's form."""

from __future__ import annotations

import datetime as dt

from textual.widgets import Input, Label

from core.db import changelog
from core.db.store import Store
from core.db.undo import UndoLog
from core.measures import entry as measures
from core.measures.signals import load_series
from core.models import Measure, MeasureKind
from core.project import projects
from core.values.periods import next_period, period_start
from tests.tui.conftest import make_app
from tui.bindings import tavle_bindings
from tui.dialogs.choice_form import ChoiceFormDialog
from tui.measures.measure import MeasureScreen
from tui.measures.overview import MeasuresScreen
from tui.widgets.run_chart import PREVIEW, RunChartView

BEFORE = [24.0, 22, 25, 23, 26, 21, 24, 25, 22, 23, 24, 26]
AFTER = [14.0, 13, 15, 14, 12, 15, 13, 14, 16, 13]


def _measure(store: Store) -> Measure:
    project = projects.create_project(store, "Delinger")
    log = UndoLog(store)
    measure = measures.add_measure(log, project.id, name="Ventetid", kind=MeasureKind.TIME,
                                   unit="dage")
    period, entries, labels = "2026-W01", [], []
    for value in BEFORE + AFTER:
        entries.append(measures.Entry(period, value=value))
        labels.append(period)
        period = next_period(period, measure.frequency)
    measures.apply_paste(log, measure, entries)
    measures.add_annotation(log, measure, period_start(labels[len(BEFORE)]), "Ny arbejdsgang")
    return measure


async def test_a_proposed_split_is_shown_accepted_undone_and_put_away(empty_store: Store) -> None:
    measure = _measure(empty_store)
    app = make_app(empty_store)
    async with app.run_test(size=(80, 24)) as pilot:
        await app.push_screen(MeasuresScreen(measure.project_id))
        await pilot.pause()
        app.push_screen(MeasureScreen(measure.project_id, measure.id))
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, MeasureScreen)
        line = str(screen.query_one("#measure-suggestion", Label).render())
        assert line == ("Forslag: ny del fra 23-03-2026 (Ny arbejdsgang) – middelværdien "
                        "13,9 dage derefter. s deler, Esc lader være")
        assert PREVIEW in screen.query_one("#measure-chart", RunChartView).chart_text
        named = {b.description: keys for _, b, keys in tavle_bindings(screen)}
        assert named["Del her"] == ["s"]
        # nothing is split until the key is pressed
        assert load_series(empty_store, measure.id).parts == ()
        await pilot.press("s")
        await pilot.pause()
        assert load_series(empty_store, measure.id).parts == (len(BEFORE),)
        assert screen.suggestion is None
        assert not screen.query_one("#measure-suggestion", Label).display
        assert PREVIEW not in screen.query_one("#measure-chart", RunChartView).chart_text
        assert "Del her" not in {b.description for _, b, _ in tavle_bindings(screen)}
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert load_series(empty_store, measure.id).parts == ()
        assert screen.suggestion is not None
        # Esc puts the proposal away for this visit, and then goes back
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is screen and screen.suggestion is None
        assert not screen.query_one("#measure-suggestion", Label).display
        assert load_series(empty_store, measure.id).parts == ()
        await pilot.press("s")
        await pilot.pause()
        assert load_series(empty_store, measure.id).parts == ()
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, MeasuresScreen)


async def test_the_s_key_types_into_the_entry_line(empty_store: Store) -> None:
    measure = _measure(empty_store)
    app = make_app(empty_store)
    async with app.run_test(size=(100, 34)) as pilot:
        app.push_screen(MeasureScreen(measure.project_id, measure.id))
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, MeasureScreen)
        await pilot.press("n")
        await pilot.pause()
        await pilot.press("s")
        await pilot.pause()
        assert screen.query_one("#entry-value", Input).value == "s"
        assert load_series(empty_store, measure.id).parts == ()


def _error(form: ChoiceFormDialog) -> str:
    return str(form.query_one("#form-error", Label).render())


async def test_a_target_path_is_typed_in_the_form_and_drawn(empty_store: Store) -> None:
    measure = _measure(empty_store)
    app = make_app(empty_store)
    async with app.run_test(size=(120, 40)) as pilot:
        await app.push_screen(MeasuresScreen(measure.project_id))
        await pilot.pause()
        await pilot.press("f2")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, ChoiceFormDialog)
        form.query_one("#field-target", Input).value = "14"
        form.query_one("#field-target_start", Input).value = "21"
        form.query_one("#field-target_from", Input).value = "01-01-2026"
        await pilot.press("ctrl+s")
        await pilot.pause()
        # a path needs all three: the form says so and stays open
        assert app.screen is form
        assert "startværdi, startdato og dato for målet" in _error(form)
        form.query_one("#field-target_by", Input).value = "30.13.2026"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "Målsti: målet nås senest: Datoen »30.13.2026« findes ikke" in _error(form)
        form.query_one("#field-target_by", Input).value = "01-06-2026"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is not form
        saved = changelog.load(empty_store, Measure, measure.id)
        assert saved.target_path == (dt.date(2026, 1, 1), 21.0, dt.date(2026, 6, 1), 14.0)
        table_text = " ".join(str(c) for c in app.screen.query_one("#measures").get_row_at(0))
        # the overview shows the target now: the path's value on the latest point's last day
        # (31-05-2026, a day before the goal date), which assurance is judged against
        assert " 14,0 dage " in table_text
