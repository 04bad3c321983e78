"""Marks on a measure's chart: excluded points with reasons, missing periods, a baseline per
part and the chart chosen – each one undo step, and read by the chart as `qic` computes it."""

from __future__ import annotations

import datetime as dt

import pytest

from core.db.undo import UndoLog
from core.errors import InvalidError
from core.measures import entry as measures
from core.measures import marks
from core.measures.qic import periods, qic
from core.measures.signals import load_series
from core.models import Chart, Entry, MarkKind, Measure, MeasureCase, MeasureKind
from core.project import projects
from core.values.periods import next_period, period_start

VALUES = [5.0, 6, 5, 7, 5, 6, 30, 6, 5, 6, 9, 10, 9, 10, 11, 9, 10, 9]


def _measure(log: UndoLog, values: list[float] = VALUES, **fields: object) -> Measure:
    project = projects.create_project(log.store, "P")
    measure = measures.add_measure(log, project.id, name="Tid", kind=MeasureKind.TIME, **fields)
    period, entries = "2026-W01", []
    for value in values:
        entries.append(measures.Entry(period, value=value))
        period = next_period(period, measure.frequency)
    measures.apply_paste(log, measure, entries)
    return measure


def test_an_excluded_point_needs_a_reason_and_leaves_the_centre(log: UndoLog) -> None:
    measure = _measure(log)
    series = load_series(log.store, measure.id)
    week = series.labels[6]
    with pytest.raises(InvalidError) as error:
        marks.set_mark(log, measure, week, MarkKind.EXCLUDED, "  ")
    assert error.value.problems[0][1] == "error.reason_missing"
    marks.set_mark(log, measure, week, MarkKind.EXCLUDED, "Systemnedbrud")
    series = load_series(log.store, measure.id)
    assert series.excluded == {6: "Systemnedbrud"}
    chart = series.qic(Chart.I)
    expected = qic(periods(VALUES), chart=Chart.I, exclude={6}, negative=False)
    assert [p.cl for p in chart.points] == [p.cl for p in expected.points]
    assert [p.ucl for p in chart.points] == [p.ucl for p in expected.points]
    assert not chart.points[6].include
    found = marks.mark_on(log.store, measure, week, MarkKind.EXCLUDED)
    assert found is not None and found.reason == "Systemnedbrud"
    assert marks.clear_mark(log, measure, week, MarkKind.EXCLUDED)
    assert load_series(log.store, measure.id).excluded == {}
    assert not marks.clear_mark(log, measure, week, MarkKind.EXCLUDED)
    log.undo()  # the un-exclusion
    assert load_series(log.store, measure.id).excluded == {6: "Systemnedbrud"}
    log.undo()  # the exclusion
    assert load_series(log.store, measure.id).excluded == {}
    log.redo()
    assert load_series(log.store, measure.id).excluded == {6: "Systemnedbrud"}


def test_a_missing_period_is_a_gap_with_an_optional_reason(log: UndoLog) -> None:
    measure = _measure(log, [5, 6, 5])
    marks.set_mark(log, measure, "2026-W05", MarkKind.MISSING)
    series = load_series(log.store, measure.id)
    assert series.labels == ("2026-W01", "2026-W02", "2026-W03", "2026-W05")
    assert series.values == [5, 6, 5, None]
    assert series.missing == {3}
    assert series.qic().points[3].y is None
    # the same point excluded with a reason: one record, changed
    marks.set_mark(log, measure, "2026-W03", MarkKind.EXCLUDED, "Ferie")
    marks.set_mark(log, measure, "2026-W03", MarkKind.MISSING, "")
    assert marks.mark_on(log.store, measure, "2026-W03", MarkKind.EXCLUDED) is None
    assert marks.mark_on(log.store, measure, "2026-W03", MarkKind.MISSING) is not None
    log.undo()
    assert marks.mark_on(log.store, measure, "2026-W03", MarkKind.EXCLUDED) is not None
    assert marks.clear_mark(log, measure, "2026-W05", MarkKind.MISSING)
    assert load_series(log.store, measure.id).labels[-1] == "2026-W03"


def test_each_part_freezes_on_its_own(log: UndoLog) -> None:
    measure = _measure(log)
    store = log.store
    measures.add_annotation(log, measure, period_start("2026-W11"), "Ny rutine", split=True)
    series = load_series(store, measure.id)
    assert series.parts == (10,)
    assert marks.part_number(series, 12) == 1
    # the first part keeps its baseline on the measure
    assert marks.freeze_part(log, series, 4) == 0
    series = load_series(store, measure.id)
    assert series.measure.baseline_until == "2026-W05"
    assert series.freeze == {0: 5}
    assert marks.baseline_end(series, 0) == 4
    # a later part in a mark on its last baseline point
    marks.freeze_part(log, series, 13)
    series = load_series(store, measure.id)
    assert series.freeze == {0: 5, 1: 4}
    assert marks.baseline_end(series, 1) == 13
    chart = series.qic(Chart.I)
    assert chart.parts[1].frozen == 4
    assert chart.parts[1].centre == pytest.approx(9.5)
    # freezing the part again moves its one mark; unfreezing removes it (one step each)
    marks.freeze_part(log, series, 15)
    series = load_series(store, measure.id)
    assert series.freeze == {0: 5, 1: 6}
    assert [m.point for m in series.marks if m.mark is MarkKind.BASELINE_END] == ["2026-W16"]
    marks.unfreeze_part(log, series, 1)
    assert load_series(store, measure.id).freeze == {0: 5}
    log.undo()
    assert load_series(store, measure.id).freeze == {0: 5, 1: 6}
    marks.unfreeze_part(log, load_series(store, measure.id), 0)
    series = load_series(store, measure.id)
    assert series.measure.baseline_until is None and series.freeze == {1: 6}


def test_rare_events_freeze_their_first_part_with_a_mark(log: UndoLog) -> None:
    project = projects.create_project(log.store, "P")
    measure = measures.add_measure(log, project.id, name="Fald", kind=MeasureKind.TIME,
                                   entry=Entry.EVENTS)
    day = dt.date(2026, 1, 1)
    for gap in [0, 10, 12, 9, 30, 11]:
        day += dt.timedelta(days=gap)
        log.create(MeasureCase(project_id=project.id, measure_id=measure.id, on=day))
    series = load_series(log.store, measure.id)
    marks.freeze_part(log, series, 2)
    series = load_series(log.store, measure.id)
    assert series.measure.baseline_until is None
    assert series.freeze == {0: 3}


def test_the_chart_chosen_is_kept_and_undone(log: UndoLog) -> None:
    measure = _measure(log)
    assert load_series(log.store, measure.id).chart is Chart.I
    marks.choose_chart(log, measure.id, Chart.RUN)
    assert load_series(log.store, measure.id).chart is Chart.RUN
    log.undo()
    assert load_series(log.store, measure.id).measure.chart is None
