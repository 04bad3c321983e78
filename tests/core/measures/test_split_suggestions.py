"""Suggested splits (issue 18): a sustained shift that starts at an annotated change is proposed
as a new part, with the chart as it would be; never where a split is, never a tiny part."""

from __future__ import annotations

import dataclasses
import datetime as dt

from hypothesis import given, settings
from hypothesis import strategies as st

from core.i18n import Translator
from core.measures.qic import periods, qic
from core.measures.signals import Series
from core.measures.splits import AFTER, MIN_POINTS, suggest_split, suggestion_text, with_split
from core.models import Annotation, Chart, Measure, MeasureKind, Measurement
from core.values.periods import next_period, period_start

DA = Translator("da")
BEFORE = [24.0, 22, 25, 23, 26, 21, 24, 25, 22, 23, 24, 26]
AFTER_CHANGE = [14.0, 13, 15, 14, 12, 15, 13, 14, 16, 13]


def _series(values: list[float], notes: list[tuple[int, bool]], *,
            chart: Chart = Chart.I) -> Series:
    """Weekly values from week 1 2026, with an annotation at each (point index, split)."""
    measure = Measure(id="m", project_id="p", name="Ventetid", kind=MeasureKind.TIME,
                      unit="dage", chart=chart)
    labels, period = [], "2026-W01"
    for _ in values:
        labels.append(period)
        period = next_period(period, measure.frequency)
    points = tuple(Measurement(project_id="p", measure_id="m", period=label, value=value)
                   for label, value in zip(labels, values, strict=True))
    annotations = tuple(
        Annotation(id=f"a{n}", project_id="p", measure_id="m", on=period_start(labels[index]),
                   text=f"Ændring {n}", split=split)
        for n, (index, split) in enumerate(notes))
    return Series(measure, points, annotations)


def test_a_shift_at_an_annotated_change_is_proposed_with_its_new_centre_line() -> None:
    series = _series(BEFORE + AFTER_CHANGE, [(len(BEFORE), False)])
    found = suggest_split(series)
    assert found is not None
    assert found.index == len(BEFORE) and found.annotation.id == "a0"
    assert found.run.indexes[0] == len(BEFORE)
    # the preview is the chart with that part, as qic computes it
    expected = qic(periods(BEFORE + AFTER_CHANGE), chart=Chart.I, parts=[len(BEFORE)])
    assert found.preview == expected
    assert found.centre == expected.parts[1].centre == sum(AFTER_CHANGE) / len(AFTER_CHANGE)
    text = suggestion_text(found, series, DA)
    assert text == (f"Forslag: ny del fra {DA.date(found.annotation.on)} (Ændring 0) – "
                    "middelværdien 13,9 dage derefter.")


def test_a_shift_up_to_two_points_after_the_change_is_proposed_a_third_is_not() -> None:
    change = len(BEFORE)
    # the change is marked before the shift; the points between lie on the old side
    for late in range(AFTER + 2):
        values = BEFORE + [BEFORE[0]] * late + AFTER_CHANGE
        found = suggest_split(_series(values, [(change, False)]))
        if late <= AFTER:
            assert found is not None and found.index == change, late
        else:
            assert found is None, late


def test_no_suggestion_where_a_split_is_without_a_shift_or_without_a_note() -> None:
    values = BEFORE + AFTER_CHANGE
    assert suggest_split(_series(values, [(len(BEFORE), True)])) is None  # split already
    # a second annotation at the same point as a split one
    assert suggest_split(_series(values, [(len(BEFORE), True), (len(BEFORE), False)])) is None
    assert suggest_split(_series(values, [])) is None
    steady = [20.0, 22, 21, 23, 20, 22, 21, 23, 22, 21, 20, 22, 21, 23, 22, 21]
    assert suggest_split(_series(steady, [(8, False)])) is None
    # the note lies after the shift started: it did not come before the change
    assert suggest_split(_series(values, [(len(BEFORE) + 1, False)])) is None


def test_a_part_too_short_is_never_proposed() -> None:
    # the shift starts after only a few points: the part before would be too short
    short = BEFORE[: MIN_POINTS - 1] + AFTER_CHANGE * 2
    assert suggest_split(_series(short, [(MIN_POINTS - 1, False)])) is None
    enough = BEFORE[:MIN_POINTS] + AFTER_CHANGE * 2
    found = suggest_split(_series(enough, [(MIN_POINTS, False)]))
    assert found is not None and found.index == MIN_POINTS


def test_only_the_latest_shift_is_proposed_at_the_latest_note_before_it() -> None:
    up = [34.0, 33, 35, 36, 34, 33, 35, 34, 36, 35]
    values = BEFORE + AFTER_CHANGE + up
    fall, rise = len(BEFORE), len(BEFORE) + len(AFTER_CHANGE)
    series = _series(values, [(fall - 1, False), (fall, False), (rise, False)])
    starts = sorted(r.indexes[0] for p in series.qic().parts for r in p.signal_runs)
    assert starts[-1] == rise  # two shifts signal; the rise is the latest
    found = suggest_split(series)
    assert found is not None and found.index == rise and found.annotation.id == "a2"
    # the fall alone: of two notes before it, the latest one
    found = suggest_split(_series(BEFORE + AFTER_CHANGE, [(fall - 1, False), (fall, False)]))
    assert found is not None and found.annotation.id == "a1"


def test_a_run_chart_proposes_on_its_median() -> None:
    series = _series(BEFORE + AFTER_CHANGE, [(len(BEFORE), False)], chart=Chart.RUN)
    found = suggest_split(series)
    assert found is not None and found.preview.chart is Chart.RUN
    assert "medianen" in suggestion_text(found, series, DA)


values_strategy = st.lists(st.floats(min_value=0, max_value=40, allow_nan=False),
                           min_size=14, max_size=36)


@settings(max_examples=120, deadline=None)
@given(values=values_strategy, data=st.data())
def test_a_suggestion_never_points_at_a_split_and_its_preview_is_qic_with_that_part(
        values: list[float], data: st.DataObject) -> None:
    size = len(values)
    notes = data.draw(st.lists(st.tuples(st.integers(0, size - 1), st.booleans()),
                               max_size=4))
    series = _series([round(v, 1) for v in values], notes)
    found = suggest_split(series)
    if found is None:
        return
    assert found.index not in series.parts and found.index > 0
    assert not found.annotation.split
    assert 0 <= found.run.indexes[0] - found.index <= AFTER
    split = with_split(series, found.annotation)
    assert found.index in split.parts
    assert found.preview == split.qic(series.chart)
    # the engine itself, with the measure's rule that a time is never below zero
    assert found.preview == qic(series.subgroups(series.chart), chart=series.chart,
                                parts=[*series.parts, found.index],
                                negative=series.measure.can_be_negative)
    before, after = found.preview.part_of(found.index - 1), found.part
    assert before.end == found.index == after.start
    for part in (before, after):
        assert sum(p.y is not None for p in found.preview.points[part.start:part.end]) >= (
            MIN_POINTS)


def test_with_split_changes_only_the_annotation_and_writes_nothing() -> None:
    series = _series(BEFORE + AFTER_CHANGE, [(3, False), (len(BEFORE), False)])
    split = with_split(series, series.annotations[1])
    assert [a.split for a in split.annotations] == [False, True]
    assert [a.split for a in series.annotations] == [False, False]
    assert dataclasses.replace(split, annotations=series.annotations) == series
    assert split.parts == (len(BEFORE),)
    assert dt.date(2026, 1, 1) <= split.annotations[1].on
