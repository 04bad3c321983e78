"""Typing a measure's weeks at meeting speed, pasting from Excel, and reading the signal."""

from __future__ import annotations

from textual import events
from textual.widgets import DataTable, Label, TextArea

from core.db.store import Store
from core.db.undo import UndoLog
from core.measures import entry as measures
from core.measures.signals import load_series
from core.models import Frequency, MeasureKind
from core.project import projects
from core.values.periods import next_period
from tests.tui.conftest import make_app
from tui.dialogs import ConfirmDialog
from tui.measures.measure import MeasureScreen
from tui.measures.measure_paste import PasteDialog
from tui.measures.overview import MeasuresScreen
from tui.project.project_screen import ProjectScreen
from tui.widgets.run_chart import RunChartView

TYPED = ["20", "22", "21", "23,0", "20", "22", "21", "23", "22", "21"]
PASTED = [12, 11, 13, 12, 11, 12, 13, 11, 12]


def _label(screen: MeasureScreen, selector: str) -> str:
    return str(screen.query_one(selector, Label).render())


async def test_type_ten_weeks_paste_a_block_and_see_the_signal(empty_store: Store) -> None:
    project = projects.create_project(empty_store, "Sygedagpenge")
    measure = measures.add_measure(UndoLog(empty_store), project.id, name="[/x] Ventetid",
                                   kind=MeasureKind.TIME, unit="dage")
    app = make_app(empty_store)
    async with app.run_test(size=(100, 34)) as pilot:
        await pilot.pause()
        app.push_screen(MeasureScreen(project.id, measure.id))
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, MeasureScreen)
        assert _label(screen, "#measure-name").startswith("[/x] Ventetid")
        assert "Ingen målinger endnu" in _label(screen, "#measure-signal")
        await pilot.press("n")
        await pilot.pause()
        for value in TYPED:
            await pilot.press(*value, "enter")
        await pilot.pause()
        series = load_series(empty_store, measure.id)
        assert series.values == [20, 22, 21, 23, 20, 22, 21, 23, 22, 21]
        expected = [series.periods[0]]
        for _ in TYPED[1:]:
            expected.append(next_period(expected[-1], Frequency.WEEKLY))
        assert list(series.periods) == expected  # Enter proposed the next ISO week each time
        assert "gemt" in _label(screen, "#entry-message")
        # a word is refused with a message, and nothing is saved
        await pilot.press(*"tolv", "enter")
        await pilot.pause()
        assert "kan ikke læses som et tal" in _label(screen, "#entry-message")
        assert len(load_series(empty_store, measure.id).points) == 10
        await pilot.press("escape")  # typed text: asks first
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("y")
        await pilot.pause()
        assert not screen.query_one("#measure-entry").display
        assert "Ingen tegn på ikke-tilfældig variation" in _label(screen, "#measure-signal")
        # paste nine weeks copied from Excel (period, value), headings included
        start = series.periods[-1]
        periods = [next_period(start, Frequency.WEEKLY)]
        for _ in PASTED[1:]:
            periods.append(next_period(periods[-1], Frequency.WEEKLY))
        block = "Uge\tDage\n" + "\n".join(
            f"{p}\t{str(v).replace('.', ',')}" for p, v in zip(periods, PASTED, strict=True))
        await pilot.press("p")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, PasteDialog)
        assert app.focused is dialog.query_one("#paste-text", TextArea)
        app.post_message(events.Paste(block))  # what the terminal sends on ctrl+v
        await pilot.pause()
        await pilot.press("ctrl+s")
        await pilot.pause()
        said = str(dialog.query_one("#paste-preview", Label).render())
        assert "9 linjer kan gemmes, 0 kan ikke" in said
        assert "Linje 1 er sprunget over: kolonneoverskrifter." in said
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is screen
        assert load_series(empty_store, measure.id).values[-9:] == PASTED
        # a time is read on an I chart, against its mean and its limits
        signal = _label(screen, "#measure-signal")
        assert "I-kort" in _label(screen, "#measure-name")
        assert "Signal: 10 punkter i træk over middelværdien (grænse 7)" in signal
        assert "uden for kontrolgrænserne" in signal
        chart = screen.query_one("#measure-chart", RunChartView)
        assert "◆" in chart.chart_text and "u" in chart.chart_text
        table = screen.query_one("#measure-points", DataTable)
        assert table.row_count == 19
        # k picks the run chart instead: read against its median
        await pilot.press("k")
        await pilot.pause()
        await pilot.press("down", "enter")
        await pilot.pause()
        assert app.screen is screen
        assert "Seriediagram" in _label(screen, "#measure-name")
        signal = _label(screen, "#measure-signal")
        assert "Signal: 9 punkter i træk under medianen (grænse 7)" in signal
        assert "kontrolgrænserne" not in signal
        # one ctrl+z takes the chart choice back, the next the whole paste
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert "I-kort" in _label(screen, "#measure-name")
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert len(load_series(empty_store, measure.id).points) == 10
        assert table.row_count == 10


async def test_duplicate_period_proportions_and_editing(empty_store: Store) -> None:
    project = projects.create_project(empty_store, "Plan")
    measure = measures.add_measure(UndoLog(empty_store), project.id, name="Andel",
                                   kind=MeasureKind.PROPORTION)
    app = make_app(empty_store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        app.push_screen(MeasureScreen(project.id, measure.id))
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, MeasureScreen)
        await pilot.press("n", "3", "enter", "4", "enter")
        await pilot.pause()
        [point] = load_series(empty_store, measure.id).points
        assert (point.numerator, point.denominator) == (3, 4)
        await pilot.press("5", "enter", "4", "enter")  # numerator above denominator
        await pilot.pause()
        assert "Tælleren er større end nævneren" in _label(screen, "#entry-message")
        # the period field holds the proposed period; type the first period again
        await pilot.press("shift+tab", "shift+tab", *"uge ", *point.period[-2:].lstrip("0"),
                          "enter", "1", "enter", "2", "enter")
        await pilot.pause()
        assert "Der er allerede en måling for uge" in _label(screen, "#entry-message")
        await pilot.press("escape", "y")
        await pilot.pause()
        # Enter on the row edits it
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("1", "enter", "2", "enter")  # focus selects the old value
        await pilot.pause()
        [point] = load_series(empty_store, measure.id).points
        assert (point.numerator, point.denominator) == (1, 2)
        await pilot.press("delete", "y")
        await pilot.pause()
        assert load_series(empty_store, measure.id).points == ()
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert len(load_series(empty_store, measure.id).points) == 1


async def test_demo_shifted_measure_shows_its_signal(demo_store: Store) -> None:
    app = make_app(demo_store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ProjectScreen)
        await pilot.press("m")
        await pilot.pause()
        assert isinstance(app.screen, MeasuresScreen)
        await pilot.press("enter")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, MeasureScreen)
        assert screen.sub_title.startswith("Målinger")
        assert "I-kort" in _label(screen, "#measure-name")
        signal = _label(screen, "#measure-signal")
        assert signal.startswith("Middelværdien ") and "middelværdien (grænse 8)" in signal
        assert "uden for kontrolgrænserne" in signal
        assert "Ændringer: 1 " in _label(screen, "#measure-marks")
        chart = screen.query_one("#measure-chart", RunChartView)
        assert "◆" in chart.chart_text and "u46" in chart.chart_text
        # b freezes the centre line and limits at the cursor's point (the last); again unfreezes
        await pilot.press("b")
        await pilot.pause()
        assert "og kontrolgrænserne er låst" in _label(screen, "#measure-signal")
        await pilot.press("b")
        await pilot.pause()
        assert "er låst" not in _label(screen, "#measure-signal")


async def test_annotation_with_a_split_starts_a_new_part(empty_store: Store) -> None:
    project = projects.create_project(empty_store, "Del")
    log = UndoLog(empty_store)
    measure = measures.add_measure(log, project.id, name="Tid", kind=MeasureKind.TIME)
    period, entries = "2026-W01", []
    for value in [5, 6, 5, 6, 5, 6, 9, 10, 9, 10, 9, 10]:
        entries.append(measures.Entry(period, value=value))
        period = next_period(period, Frequency.WEEKLY)
    measures.apply_paste(log, measure, entries)
    app = make_app(empty_store)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        app.push_screen(MeasureScreen(project.id, measure.id))
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, MeasureScreen)
        await pilot.press(*["up"] * 5, "a")  # the 7th point, week 7
        await pilot.pause()
        await pilot.press(*"[b]Ny rutine", "tab", "tab", "enter")
        await pilot.pause()
        await pilot.press("down", "enter")
        await pilot.pause()
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is screen
        [note] = load_series(empty_store, measure.id).annotations
        assert (note.text, note.split, note.on.isoformat()) == ("[b]Ny rutine", True, "2026-02-09")
        assert load_series(empty_store, measure.id).parts == (6,)
        signal = _label(screen, "#measure-signal")
        assert "Del 2 fra uge 7 2026:" in signal
        assert "1 09-02-2026 [b]Ny rutine (ny del)" in _label(screen, "#measure-marks")


async def test_a_column_of_values_says_which_weeks_it_fills(empty_store: Store) -> None:
    project = projects.create_project(empty_store, "Ventetid")
    log = UndoLog(empty_store)
    measure = measures.add_measure(log, project.id, name="Dage", kind=MeasureKind.TIME)
    measures.apply_paste(log, measure, [measures.Entry("2026-W40", value=9.0)])
    app = make_app(empty_store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        app.push_screen(MeasureScreen(project.id, measure.id))
        await pilot.pause()
        await pilot.press("p")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, PasteDialog)
        app.post_message(events.Paste("12,5\n11\n10,5\n9"))
        await pilot.pause()
        await pilot.press("ctrl+s")
        await pilot.pause()
        said = str(dialog.query_one("#paste-preview", Label).render())
        assert "4 linjer kan gemmes, 0 kan ikke" in said
        assert "Kun værdier: de udfylder uge 41 2026 til uge 44 2026" in said
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert load_series(empty_store, measure.id).values == [9.0, 12.5, 11.0, 10.5, 9.0]
