"""Measures: typed values by kind, duplicates, paste preview, undo, baseline, splits, status."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from core.db import changelog
from core.db.store import Store
from core.db.undo import UndoLog
from core.demo.build import open_demo
from core.errors import InvalidError, TavleError
from core.i18n import Translator
from core.measures import entry as measures
from core.measures.signals import load_series, measure_status, project_measure_ids
from core.models import Annotation, Chart, Direction, Measure, MeasureKind, Measurement
from core.project import projects

TODAY = dt.date(2026, 11, 24)
DA = Translator("da")


def _measure(log: UndoLog, kind: MeasureKind = MeasureKind.TIME, **values: object) -> Measure:
    project = projects.create_project(log.store, "P")
    return measures.add_measure(log, project.id, name="Ventetid", kind=kind, **values)


def _values(store: Store, measure: Measure) -> list[float]:
    return load_series(store, measure.id).values


def test_values_are_read_by_kind_with_decimal_commas(log: UndoLog) -> None:
    time = _measure(log)
    assert measures.read_entry(time, "2026-W47", value="12,5").value == 12.5
    assert measures.read_entry(time, "2026-W47", value="1.234,5").value == 1234.5
    share = measures.add_measure(log, time.project_id, name="Andel", kind=MeasureKind.PROPORTION)
    entry = measures.read_entry(share, "2026-W47", numerator="3", denominator="4")
    assert (entry.numerator, entry.denominator, entry.value) == (3, 4, None)
    rate = measures.add_measure(log, time.project_id, name="Opkald", kind=MeasureKind.RATE)
    entry = measures.read_entry(rate, "2026-W47", numerator="30", denominator="12")
    assert (entry.numerator, entry.denominator) == (30, 12)  # a rate may exceed 1


@pytest.mark.parametrize(("kind", "fields", "key"), [
    (MeasureKind.TIME, {"value": "tolv"}, "values.number.unreadable"),
    (MeasureKind.TIME, {"value": ""}, "error.value_missing"),
    (MeasureKind.PROPORTION, {"numerator": "3", "denominator": "0"}, "error.denominator_zero"),
    (MeasureKind.PROPORTION, {"numerator": "5", "denominator": "4"},
     "error.numerator_above_denominator"),
    (MeasureKind.RATE, {"numerator": "5", "denominator": ""}, "measures.error.fraction_needed"),
    (MeasureKind.PROPORTION, {"numerator": "x", "denominator": "4"},
     "values.number.unreadable"),
])
def test_bad_values_are_refused_with_a_message(
    log: UndoLog, kind: MeasureKind, fields: dict[str, str], key: str
) -> None:
    measure = _measure(log, kind)
    with pytest.raises(InvalidError) as error:
        measures.read_entry(measure, "2026-W47", **fields)
    assert error.value.problems[0][1] == key
    assert "error." not in error.value.message(DA)


def test_a_duplicate_period_is_refused_and_undo_redo_work(store: Store, log: UndoLog) -> None:
    measure = _measure(log)
    measures.add_measurement(log, measure, measures.Entry("2026-W47", value=10))
    with pytest.raises(TavleError) as error:
        measures.add_measurement(log, measure, measures.Entry("2026-W47", value=11))
    assert error.value.message(DA) .startswith("Der er allerede en måling for uge 47 2026")
    saved = measures.existing(store, measure, "2026-W47")
    assert saved is not None and saved.id == Measurement.id_for(
        measure.project_id, measure.id, "2026-W47")
    measures.delete_measurement(log, saved.id)
    assert _values(store, measure) == []
    log.undo()
    assert _values(store, measure) == [10]
    # a deleted period can be typed again
    measures.delete_measurement(log, saved.id)
    measures.add_measurement(log, measure, measures.Entry("2026-W47", value=12))
    assert _values(store, measure) == [12]
    log.undo()
    assert _values(store, measure) == []


def test_editing_keeps_or_moves_the_period(store: Store, log: UndoLog) -> None:
    measure = _measure(log)
    first = measures.add_measurement(log, measure, measures.Entry("2026-W46", value=10))
    measures.add_measurement(log, measure, measures.Entry("2026-W47", value=11))
    measures.edit_measurement(log, measure, first.id, measures.Entry("2026-W46", value=9))
    assert _values(store, measure) == [9, 11]
    with pytest.raises(TavleError):
        measures.edit_measurement(log, measure, first.id, measures.Entry("2026-W47", value=9))
    measures.edit_measurement(log, measure, first.id, measures.Entry("2026-W45", value=9))
    assert load_series(store, measure.id).periods == ("2026-W45", "2026-W47")
    log.undo()
    assert load_series(store, measure.id).periods == ("2026-W46", "2026-W47")


def test_paste_preview_reports_problems_per_line_and_applies_as_one_step(
    store: Store, log: UndoLog
) -> None:
    measure = _measure(log)
    measures.add_measurement(log, measure, measures.Entry("2026-W40", value=1))
    text = ("Uge\tDage\n"
            "uge 41\t12,5\n"
            "2026-W42\t13\n"
            "43\tfjorten\n"
            "40\t9\n"
            "\n"
            "26-10-2026\t15\n"
            "44\t16\n"
            "45\t1\t2\n")
    preview = measures.parse_paste(store, measure, text, TODAY)
    assert [e.period for e in preview.good] == ["2026-W41", "2026-W42", "2026-W44"]
    assert [(line.number, line.problem.key) for line in preview.bad] == [  # type: ignore[union-attr]
        (4, "error.invalid_record"), (5, "measures.error.duplicate"),
        (8, "measures.error.duplicate"), (9, "measures.error.paste_columns")]
    assert measures.apply_paste(log, measure, preview.good) == 3
    assert _values(store, measure) == [1, 12.5, 13, 15]
    log.undo()
    assert _values(store, measure) == [1]


def test_paste_of_a_proportion_needs_three_columns(store: Store, log: UndoLog) -> None:
    measure = _measure(log, MeasureKind.PROPORTION)
    preview = measures.parse_paste(store, measure, "47\t3\t4\n48\t0,5\n49\t5\t4", TODAY)
    assert [e.numerator for e in preview.good] == [3]
    assert [line.problem.key for line in preview.bad] == [  # type: ignore[union-attr]
        "measures.error.paste_fraction", "error.invalid_record"]


def test_a_column_of_values_fills_the_periods_after_the_last(store: Store, log: UndoLog) -> None:
    measure = _measure(log)
    measures.apply_paste(log, measure, [measures.Entry("2026-W40", value=9.0)])
    preview = measures.parse_paste(store, measure, "12,5\n11\n10,5\n9\n", TODAY)
    assert [(e.period, e.value) for e in preview.good] == [
        ("2026-W41", 12.5), ("2026-W42", 11.0), ("2026-W43", 10.5), ("2026-W44", 9.0)]
    assert preview.filled == ("2026-W41", "2026-W44") and not preview.bad
    assert not preview.headings  # the first value is a value, not a heading


def test_headings_are_shown_skipped_and_columns_read_either_way(
        store: Store, log: UndoLog) -> None:
    measure = _measure(log)
    preview = measures.parse_paste(store, measure, "Uge\tDage\nuge 32\t4,5\n", TODAY)
    assert [line.number for line in preview.headings] == [1]
    assert [(e.period, e.value) for e in preview.good] == [("2026-W32", 4.5)]
    # a first line "value, week" is data, read the other way round – never taken as headings
    preview = measures.parse_paste(store, measure, "4,5\tuge 32\n5\tuge 33", TODAY)
    assert not preview.headings and preview.filled is None
    assert [(e.period, e.value) for e in preview.good] == [("2026-W32", 4.5), ("2026-W33", 5.0)]


def test_a_proportion_pasted_as_numerators_and_denominators(store: Store, log: UndoLog) -> None:
    measure = _measure(log, MeasureKind.PROPORTION)
    preview = measures.parse_paste(store, measure, "3\t4\n5\t8", TODAY)
    assert preview.filled == ("2026-W48", "2026-W49")  # none entered yet: from this week
    assert [(e.period, e.numerator, e.denominator) for e in preview.good] == [
        ("2026-W48", 3.0, 4.0), ("2026-W49", 5.0, 8.0)]


def _weeks(log: UndoLog, measure: Measure, values: list[float]) -> None:
    entries = [measures.Entry(f"2026-W{week + 1:02d}", value=v) for week, v in enumerate(values)]
    measures.apply_paste(log, measure, entries)


def test_frozen_baseline_and_split_parts(store: Store, log: UndoLog) -> None:
    measure = _measure(log, better=Direction.LOWER)
    _weeks(log, measure, [20, 22, 21, 23, 20, 22, 21, 23, 22, 21, 12, 11, 13, 12])
    measures.freeze_baseline(log, measure.id, "2026-W10")
    series = load_series(store, measure.id)
    assert series.freeze.get(0) == 10
    assert series.qic(Chart.RUN).parts[0].centre == 21.5
    measures.add_annotation(log, changelog.load(store, Measure, measure.id),
                            dt.date(2026, 3, 11), "Ny tirsdagstid", split=True)
    series = load_series(store, measure.id)
    assert series.parts == (10,)  # 11-03-2026 lies in week 11, the 11th point
    chart = series.qic(Chart.RUN)
    assert [p.centre for p in chart.parts] == [21.5, 12.0]
    log.undo()
    log.undo()
    assert load_series(store, measure.id).parts == () and load_series(
        store, measure.id).freeze.get(0) is None


def test_status_says_better_or_worse_and_until_looks_back(store: Store, log: UndoLog) -> None:
    measure = _measure(log, better=Direction.LOWER, target=14)
    _weeks(log, measure, [20, 22, 21, 23, 20, 22, 21, 23, 22, 21, 20, 22,
                          12, 11, 13, 12, 11, 12, 13, 11, 12])
    status = measure_status(store, measure.id)
    assert status.signal and status.direction == "better"
    # a time is read on its I chart; its runs analysis is against the mean (17.33), so the 12
    # weeks before are a run above it and the 9 after a run below (issue 17); the latest signal
    # (the last week, below the lower limit 13.41) is below: better
    assert status.chart.chart is Chart.I and status.part is not None
    assert status.part.centre == pytest.approx(52 / 3)
    assert status.part.lcl == pytest.approx(13.41396, abs=1e-5)
    assert [(run.side, run.length) for run in status.part.signal_runs] == [(1, 12), (-1, 9)]
    assert status.part.runs.longest_run == 12 and status.part.runs.longest_run_max == 7
    assert status.sigma_indexes == (1, 3, 5, 7, 8, 11, *range(12, 21))
    assert status.last_value == 12 and status.last_period == "2026-W21"
    assert status.target == 14
    earlier = measure_status(store, measure.id, until=dt.date(2026, 3, 22))
    assert len(earlier.series.points) == 12 and not earlier.signal
    measures.edit_measure(log, measure.id, better=Direction.HIGHER)
    assert measure_status(store, measure.id).direction == "worse"


def test_delete_measure_takes_its_measurements_and_undo_brings_all_back(
    store: Store, log: UndoLog
) -> None:
    measure = _measure(log)
    _weeks(log, measure, [1, 2, 3])
    measures.add_annotation(log, measure, dt.date(2026, 1, 7), "Note")
    measures.delete_measure(log, measure.id)
    assert project_measure_ids(store, measure.project_id) == []
    log.undo()
    assert _values(store, measure) == [1, 2, 3]
    assert [a.text for a in load_series(store, measure.id).annotations] == ["Note"]
    assert isinstance(load_series(store, measure.id).annotations[0], Annotation)


def test_demo_shifted_measure_signals_in_its_better_direction(tmp_path: Path) -> None:
    demo = open_demo(tmp_path / "demo.db", today=TODAY)
    (project_id,) = [r["id"] for r in demo.query("SELECT id FROM projects")]
    statuses = [measure_status(demo, m) for m in project_measure_ids(demo, project_id)]
    first = statuses[0]
    assert first.measure.name.startswith("Dage fra sygemelding")
    assert first.signal and first.direction == "better"
    # read on its I chart (a time), against the mean: the 16 weeks before go-live are a run
    # above it, the 10 after a run below it (issue 17); the latest signal is below: better
    assert first.chart.chart is Chart.I and first.part is not None
    assert [(run.side, run.length) for run in first.part.signal_runs] == [(1, 16), (-1, 10)]
    assert first.part.runs.longest_side == 1
    assert not statuses[2].part.signal  # type: ignore[union-attr]
    demo.close()


def test_link_choices_list_redesigned_steps_first_by_kpi_and_goals(tmp_path: Path) -> None:
    demo = open_demo(tmp_path / "demo.db", today=TODAY)
    (project_id,) = [r["id"] for r in demo.query("SELECT id FROM projects")]
    steps, goals = measures.link_choices(demo, project_id)
    kpi_steps = {r["id"] for r in demo.query("SELECT id FROM steps WHERE kpi")}
    assert steps and steps[0][0] in kpi_steps
    assert len(goals) == 3 and goals[0][1].startswith("Første fælles samtale")
    demo.close()
