"""Variation and assurance as Making Data Count reads them, from the chart Tavle draws."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from core.db.undo import UndoLog
from core.i18n import Translator
from core.measures import entry as measures
from core.measures.assurance import Assurance, Variation, assurance_of, variation_of
from core.measures.qic import Chart, periods, qic
from core.measures.signals import load_series, status_of
from core.measures.words import (
    assurance_text,
    reading_sentence,
    reading_text,
    variation_text,
)
from core.models import Direction, Measure, MeasureKind
from core.project import projects
from core.teams.signals import FigureRule, figure_state
from core.values.periods import next_period

STEADY = [20.0, 22, 21, 23, 20, 22, 21, 23, 22, 21, 20, 22, 21, 23, 22, 20]
DA = Translator("da")


def _limits() -> tuple[float, float]:
    point = qic(periods(STEADY), chart=Chart.I).points[-1]
    assert point.lcl is not None and point.ucl is not None
    return point.lcl, point.ucl


def test_variation_from_the_verdict() -> None:
    assert variation_of(False, None, True) is Variation.COMMON
    assert variation_of(True, "better", True) is Variation.IMPROVING
    assert variation_of(True, "worse", True) is Variation.CONCERNING
    assert variation_of(True, None, True) is Variation.NEITHER
    assert variation_of(False, None, False) is None


def test_assurance_against_the_latest_limits() -> None:
    chart = qic(periods(STEADY), chart=Chart.I)
    lcl, ucl = _limits()
    assert 17 < lcl < 19 and 24 < ucl < 26
    # higher is better: a target under the lower limit is met every time
    assert assurance_of(chart, lcl - 1, Direction.HIGHER) is Assurance.PASS
    assert assurance_of(chart, lcl, Direction.HIGHER) is Assurance.PASS
    assert assurance_of(chart, 21.5, Direction.HIGHER) is Assurance.HIT_AND_MISS
    assert assurance_of(chart, ucl + 1, Direction.HIGHER) is Assurance.FAIL
    # lower is better: the mirror image
    assert assurance_of(chart, ucl + 1, Direction.LOWER) is Assurance.PASS
    assert assurance_of(chart, 21.5, Direction.LOWER) is Assurance.HIT_AND_MISS
    assert assurance_of(chart, lcl - 1, Direction.LOWER) is Assurance.FAIL


def test_no_assurance_without_a_target_or_limits() -> None:
    assert assurance_of(qic(periods(STEADY), chart=Chart.I), None, Direction.HIGHER) is None
    assert assurance_of(qic(periods(STEADY), chart=Chart.RUN), 30.0, Direction.HIGHER) is None
    assert assurance_of(qic(periods([]), chart=Chart.I), 30.0, Direction.HIGHER) is None


def test_assurance_reads_the_latest_part_only() -> None:
    # a part at 50 followed by a part at 20: a target of 30 (higher better) lies above the new
    # part's limits, and between the wide limits of the two parts read as one
    values = [50.0, 51, 49, 50, 52, 48, 50, 51, 49, 50, *STEADY]
    chart = qic(periods(values), chart=Chart.I, parts=[10])
    assert assurance_of(chart, 30.0, Direction.HIGHER) is Assurance.FAIL
    whole = qic(periods(values), chart=Chart.I)
    assert assurance_of(whole, 30.0, Direction.HIGHER) is Assurance.HIT_AND_MISS


ORDER = {Assurance.PASS: 0, Assurance.HIT_AND_MISS: 1, Assurance.FAIL: 2}


@given(st.lists(st.floats(0, 100, allow_nan=False), min_size=3, max_size=30),
       st.lists(st.floats(-50, 150, allow_nan=False), min_size=2, max_size=2),
       st.sampled_from([Chart.I, Chart.C, Chart.XBAR]))
def test_a_harder_target_is_never_more_assured(
        values: list[float], targets: list[float], kind: Chart) -> None:
    """The further the target lies on the better side, the less assured it is met: pass, then
    hit and miss, then fail, and never back."""
    data = periods([round(v) for v in values]) if kind is Chart.C else periods(values)
    chart = qic(data, chart=kind)
    easy, hard = sorted(targets)
    higher = (assurance_of(chart, easy, Direction.HIGHER), assurance_of(chart, hard,
                                                                         Direction.HIGHER))
    lower = (assurance_of(chart, hard, Direction.LOWER), assurance_of(chart, easy,
                                                                       Direction.LOWER))
    for first, second in (higher, lower):
        assert (first is None) == (second is None)
        if first is not None and second is not None:
            assert ORDER[first] <= ORDER[second]


def _measure(log: UndoLog, values: list[float], **fields: object) -> Measure:
    project = projects.create_project(log.store, "Ventetid")
    measure = measures.add_measure(log, project.id, name="Ventetid", kind=MeasureKind.TIME,
                                   unit="dage", better=Direction.LOWER, **fields)
    period, entries = "2026-W01", []
    for value in values:
        entries.append(measures.Entry(period, value=value))
        period = next_period(period, measure.frequency)
    measures.apply_paste(log, measure, entries)
    return measure


def test_a_target_path_is_judged_at_the_latest_point(log: UndoLog) -> None:
    # 16 weeks from week 1 2026: the latest point is week 16, which ends on 19-04-2026
    lcl, _ = _limits()
    flat = _measure(log, STEADY, target=lcl - 1)
    status = status_of(load_series(log.store, flat.id))
    assert status.reading.assurance is Assurance.FAIL and status.reading.target == lcl - 1
    path = _measure(log, STEADY, target=10.0, target_start=30.0,
                    target_from=dt.date(2026, 4, 19), target_by=dt.date(2026, 12, 31))
    status = status_of(load_series(log.store, path.id))
    # on the path's first day the target is still its start value, above the upper limit
    assert status.reading.target == 30.0 and status.reading.assurance is Assurance.PASS
    assert status.reading.variation is Variation.COMMON
    assert status.reading.since == 0  # common cause since the part began
    assert reading_sentence(status, DA) == ("Variation: ~ almindelig variation siden uge 1 2026"
                                            " · Når målet? ✓ når målet hver gang (mål 30 dage)")


def test_the_target_path_is_a_straight_line() -> None:
    measure = Measure(project_id="p", name="Ventetid", target=14.0, target_start=21.0,
                      target_from=dt.date(2026, 1, 1), target_by=dt.date(2026, 1, 8))
    assert measure.target_on(dt.date(2025, 12, 1)) == 21.0
    assert measure.target_on(dt.date(2026, 1, 4)) == pytest.approx(21.0 - 7 * 3 / 7)
    assert measure.target_on(dt.date(2026, 2, 1)) == 14.0
    assert Measure(project_id="p", name="x", target=3.0).target_on(dt.date(2026, 1, 1)) == 3.0
    with pytest.raises(ValueError):
        Measure(project_id="p", name="x", target=1.0, target_start=2.0,
                target_from=dt.date(2026, 2, 1), target_by=dt.date(2026, 1, 1))


def test_a_team_figure_reads_the_same_way() -> None:
    rule = FigureRule(MeasureKind.CONTINUOUS, Direction.LOWER, target=30.0)
    state = figure_state(STEADY, rule)
    assert state.reading.variation is Variation.COMMON
    assert state.reading.assurance is Assurance.PASS
    shifted = figure_state([*STEADY, *[15.0] * 9], rule)
    assert shifted.reading.variation is Variation.IMPROVING
    assert shifted.reading.since == len(STEADY)


def test_the_words() -> None:
    chart = qic(periods(STEADY), chart=Chart.I)
    state = figure_state(STEADY, FigureRule(MeasureKind.CONTINUOUS, Direction.LOWER, 30.0))
    assert reading_text(state.reading, DA) == "~ almindelig variation · ✓ når målet hver gang"
    assert variation_text(state.reading, DA, short=True) == "~ almindelig"
    none = figure_state(STEADY, FigureRule(MeasureKind.CONTINUOUS, Direction.LOWER))
    assert assurance_text(none.reading, DA) == "– intet mål"
    assert assurance_text(none.reading, Translator("en"), short=True) == "– no target"
    assert chart.points  # the chart the state was read from
