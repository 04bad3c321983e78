"""The measure's chart by keyboard (issue 17): choosing the chart type, leaving a point out with
a reason, a period without data, the MR chart under an I chart, a baseline per part and the
chart's options – every number on screen is `qic`'s."""

from __future__ import annotations

from textual.pilot import Pilot
from textual.widgets import DataTable, Label, OptionList

from core.db.store import Store
from core.db.undo import UndoLog
from core.i18n import Translator
from core.measures import entry as measures
from core.measures.qic import periods, qic
from core.measures.signals import load_series
from core.measures.words import format_value
from core.models import Chart, Measure, MeasureKind
from core.project import projects
from core.values.periods import next_period, period_start
from tests.tui.conftest import make_app
from tui.app import TavleApp
from tui.bindings import tavle_bindings
from tui.dialogs import FormDialog
from tui.dialogs.choice_form import ChoiceFormDialog
from tui.dialogs.pick import PickDialog
from tui.measures.measure import MeasureScreen
from tui.widgets.run_chart import EXCLUDED, RunChartView

DA = Translator("da")
TIMES = [20.0, 22, 21, 23, 20, 22, 21, 23, 22, 21, 30, 21, 22, 20, 23, 21, 22, 20]


def _measure(store: Store, values: list[float], kind: MeasureKind = MeasureKind.TIME,
             skip: frozenset[int] = frozenset(), **fields: object) -> Measure:
    """A measure with weekly values from week 1 2026 (the weeks in `skip` left without one)."""
    project = projects.create_project(store, "Diagrammer")
    log = UndoLog(store)
    measure = measures.add_measure(log, project.id, name="Ventetid", kind=kind, unit="dage",
                                   **fields)
    period, entries = "2026-W01", []
    for index, value in enumerate(values):
        if index not in skip:
            entries.append(measures.Entry(period, value=value))
        period = next_period(period, measure.frequency)
    measures.apply_paste(log, measure, entries)
    return measure


def _label(screen: MeasureScreen, selector: str) -> str:
    return str(screen.query_one(selector, Label).render())


def _row(screen: MeasureScreen, index: int) -> list[str]:
    table = screen.query_one("#measure-points", DataTable)
    return [str(value) for value in table.get_row_at(index)]


async def _open(app: TavleApp, pilot: Pilot[None], measure: Measure) -> MeasureScreen:
    app.push_screen(MeasureScreen(measure.project_id, measure.id))
    await pilot.pause()
    screen = app.screen
    assert isinstance(screen, MeasureScreen)
    return screen


async def test_pick_a_chart_type_and_an_unsupported_one_cannot_be_chosen(
        empty_store: Store) -> None:
    # a count with a value below 0: the C chart cannot carry it, the I chart is recommended
    measure = _measure(empty_store, [3.0, 4, -1, 5, 2, 4, 3, 5, 4, 3], kind=MeasureKind.COUNT)
    app = make_app(empty_store)
    async with app.run_test(size=(100, 34)) as pilot:
        screen = await _open(app, pilot, measure)
        assert "I-kort" in _label(screen, "#measure-name")
        # every chart action is in the palette (and the help) by name, with its key
        named = {binding.description: keys for _, binding, keys in tavle_bindings(screen)}
        for name, key in (("Diagramtype", "k"), ("Udelad", "x"), ("Ingen data", "m"),
                          ("Lås basis", "b"), ("Indstillinger", "o")):
            assert named[name] == [key], name
        await pilot.press("k")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, PickDialog)
        options = dialog.query_one("#pick-options", OptionList)
        texts = [str(options.get_option_at_index(i).prompt) for i in range(options.option_count)]
        assert texts[0].startswith("C-kort – kan ikke vælges: kræver tal på 0 eller mere")
        assert options.get_option_at_index(0).disabled
        assert texts[1].startswith("I-kort ★ anbefalet: ét tal pr. periode")
        assert texts[2].startswith("Seriediagram – ")
        assert options.highlighted == 1  # the chart shown now
        await pilot.press("up")  # the C chart is passed over
        await pilot.pause()
        assert options.highlighted != 0
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is screen
        assert load_series(empty_store, measure.id).measure.chart is None
        # the run chart is chosen and kept on the measure; ctrl+z takes the choice back
        await pilot.press("k")
        await pilot.pause()
        await pilot.press("end", "enter")
        await pilot.pause()
        assert load_series(empty_store, measure.id).measure.chart is Chart.RUN
        assert "Seriediagram" in _label(screen, "#measure-name")
        assert "Medianen 3,5 dage" in _label(screen, "#measure-signal")
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert load_series(empty_store, measure.id).measure.chart is None
        assert "I-kort" in _label(screen, "#measure-name")


async def test_leave_a_point_out_with_a_reason(empty_store: Store) -> None:
    measure = _measure(empty_store, TIMES)
    app = make_app(empty_store)
    async with app.run_test(size=(100, 34)) as pilot:
        screen = await _open(app, pilot, measure)
        await pilot.press(*["up"] * 7)  # week 11: the 30 days
        await pilot.pause()
        assert _row(screen, 10)[0].startswith("uge 11 2026")
        await pilot.press("x")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, FormDialog)
        await pilot.press("enter")  # no reason: refused, the dialog stays
        await pilot.pause()
        assert app.screen is dialog
        assert "skal have en begrundelse" in str(dialog.query_one("#form-error", Label).render())
        await pilot.press(*"[b]Systemnedbrud", "enter")
        await pilot.pause()
        assert app.screen is screen
        series = load_series(empty_store, measure.id)
        assert series.excluded == {10: "[b]Systemnedbrud"}
        # drawn with its own marker, listed with its reason, marked in the table
        assert EXCLUDED in screen.query_one("#measure-chart", RunChartView).chart_text
        assert "uge 11 2026 ([b]Systemnedbrud)" in _label(screen, "#measure-excluded")
        row = _row(screen, 10)
        assert row[0] == f"uge 11 2026 {EXCLUDED}" and "udeladt: [b]Systemnedbrud" in row[2]
        # the centre line and limits on screen are qic's, without the point
        chart = qic(periods(TIMES), chart=Chart.I, exclude={10}, negative=False)
        part = chart.parts[0]
        assert part.centre is not None and part.lcl is not None and part.ucl is not None
        shown = _label(screen, "#measure-signal")
        centre = format_value(measure, part.centre, DA)
        lower = format_value(measure, part.lcl, DA).removesuffix(" dage")
        assert f"Middelværdien {centre}, grænser {lower} og " \
               f"{format_value(measure, part.ucl, DA)}" in shown
        assert centre != format_value(measure, sum(TIMES) / len(TIMES), DA)
        # x again takes the point into the calculation; ctrl+z leaves it out again
        await pilot.press("x")
        await pilot.pause()
        assert load_series(empty_store, measure.id).excluded == {}
        assert not screen.query_one("#measure-excluded", Label).display
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert load_series(empty_store, measure.id).excluded == {10: "[b]Systemnedbrud"}


async def test_record_a_period_without_data(empty_store: Store) -> None:
    measure = _measure(empty_store, [5.0, 6, 5, 7, 5, 6, 5], skip=frozenset({5}))
    app = make_app(empty_store)
    async with app.run_test(size=(100, 34)) as pilot:
        screen = await _open(app, pilot, measure)
        assert screen.query_one("#measure-points", DataTable).row_count == 6
        # below 10 useful points the rules are said to have little power, and still apply
        signal = _label(screen, "#measure-signal")
        assert "Kun 6 brugbare punkter: reglerne finder sjældent et signal før 10" in signal
        assert "Middelværdien" in signal and "kontrolgrænserne" in signal
        await pilot.press("m")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, FormDialog)
        assert dialog.values()["period"] == "uge 6 2026"  # the gap is proposed
        await pilot.press("end", "ctrl+u", *"uge 1 2026", "tab")  # a week with a value is refused
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "uge 1 2026 har en måling" in str(dialog.query_one("#form-error", Label).render())
        await pilot.press("shift+tab", "end", "ctrl+u", *"uge 6 2026", "tab", *"Ferielukket",
                          "enter")
        await pilot.pause()
        assert app.screen is screen
        series = load_series(empty_store, measure.id)
        assert series.labels[5] == "2026-W06" and series.missing == {5}
        assert series.qic().points[5].y is None  # a gap, never a signal
        row = _row(screen, 5)
        assert row[0] == "uge 6 2026" and row[1] == "ingen data" and row[2] == "Ferielukket"
        # the cursor is on the period: m again takes the record away
        await pilot.press("m")
        await pilot.pause()
        assert load_series(empty_store, measure.id).missing == frozenset()
        assert screen.query_one("#measure-points", DataTable).row_count == 6


async def test_the_mr_chart_under_the_i_chart_when_there_is_room(empty_store: Store) -> None:
    measure = _measure(empty_store, TIMES)
    mr = qic(periods(TIMES), chart=Chart.MR)
    app = make_app(empty_store)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await _open(app, pilot, measure)
        chart = screen.query_one("#measure-chart", RunChartView)
        assert chart.lower is not None and "MR-kort" in chart.chart_text
        assert [p.y for p in chart.lower.points] == [p.y for p in mr.points]
        assert "MR-kort:" not in _label(screen, "#measure-signal")
        # at 80x24 the MR chart is one line of words
        await pilot.resize_terminal(80, 24)
        await pilot.pause()
        await pilot.pause()
        assert chart.lower is None and "MR-kort" not in chart.chart_text
        part = mr.parts[0]
        assert part.centre is not None
        words = _label(screen, "#measure-signal")
        assert f"MR-kort: glidende spænd i snit {format_value(measure, part.centre, DA)}" in words
        # a run chart has no MR chart
        await pilot.press("k", "end", "enter")
        await pilot.pause()
        assert "MR-kort" not in _label(screen, "#measure-signal")


async def test_each_part_freezes_its_own_baseline(empty_store: Store) -> None:
    values = [5.0, 6, 5, 6, 5, 6, 9, 10, 9, 10, 9, 10, 11, 9]
    measure = _measure(empty_store, values)
    measures.add_annotation(UndoLog(empty_store), measure, period_start("2026-W07"), "Ny rutine",
                            split=True)
    app = make_app(empty_store)
    async with app.run_test(size=(100, 34)) as pilot:
        screen = await _open(app, pilot, measure)
        await pilot.press(*["up"] * 4, "b")  # week 10, in the second part
        await pilot.pause()
        series = load_series(empty_store, measure.id)
        assert series.freeze == {1: 4} and series.measure.baseline_until is None
        chart = series.qic()
        centre = chart.parts[1].centre
        assert centre is not None
        signal = _label(screen, "#measure-signal")
        assert "Del 2 fra uge 7 2026:" in signal
        assert (f"Centerlinjen ({format_value(measure, centre, DA)}) og kontrolgrænserne er låst"
                " til perioden til og med uge 10 2026") in signal
        assert "sidste basispunkt" in _row(screen, 9)[2]
        await pilot.press(*["up"] * 6, "b")  # week 4, in the first part: on the measure
        await pilot.pause()
        series = load_series(empty_store, measure.id)
        assert series.freeze == {0: 4, 1: 4} and series.measure.baseline_until == "2026-W04"
        await pilot.press("b")  # again: the first part follows all its points
        await pilot.pause()
        assert load_series(empty_store, measure.id).freeze == {1: 4}


async def test_chart_options_warning_lines_and_a_given_centre(empty_store: Store) -> None:
    measure = _measure(empty_store, TIMES)
    app = make_app(empty_store)
    async with app.run_test(size=(100, 34)) as pilot:
        screen = await _open(app, pilot, measure)
        assert "┈" not in screen.query_one("#measure-chart", RunChartView).chart_text
        await pilot.press("o")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, ChoiceFormDialog)
        # scale, centre, negative, sigma, warning lines
        await pilot.press("tab", *"18", "tab", "tab", "tab", "enter", "down", "enter")
        await pilot.pause()
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is screen
        saved = load_series(empty_store, measure.id).measure
        assert saved.centre == 18 and saved.warning_lines
        assert "┈" in screen.query_one("#measure-chart", RunChartView).chart_text
        assert "Middelværdien 18 dage" in _label(screen, "#measure-signal")
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert load_series(empty_store, measure.id).measure.centre is None
