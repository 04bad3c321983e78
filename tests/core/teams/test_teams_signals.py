"""figure_state: one team figure series judged by the measures core's rules."""

from __future__ import annotations

import pytest

from core.i18n import Translator
from core.models import Chart, Direction, KeyFigure, MeasureKind
from core.teams.signals import FigureRule, figure_state, state_of
from core.teams.words import change_text, format_figure, verdict_text

DA = Translator("da")
STABLE = [5.0, 5.4, 4.8, 5.1, 5.3, 4.9, 5.2, 4.7, 5.0, 5.3, 4.8, 5.1, 5.2, 4.9]


def _sick(**values: object) -> KeyFigure:
    fields: dict[str, object] = {
        "org_id": "o", "key": "sick_leave_pct", "name": "Sygefravær", "unit": "%",
        "kind": MeasureKind.PROPORTION, "better": Direction.LOWER, "target": 6.0,
        "alert_threshold": 8.0}
    return KeyFigure.model_validate({**fields, **values})


def test_stable_series_on_target() -> None:
    state = figure_state(STABLE, _sick())
    assert not state.signal and state.verdict == "on_target"
    assert state.last == 4.9 and round(state.change or 0, 6) == -0.3
    assert state.change_better is True and not state.past_threshold
    assert verdict_text(state, DA) == "✓ På mål"
    assert change_text(state, DA) == "−0,3 (bedre)"


def test_off_target_without_a_signal() -> None:
    state = figure_state(STABLE, _sick(target=4.0))
    assert state.verdict == "off_target" and state.on_target is False


def test_a_sharp_rise_is_a_signal_in_the_worse_direction_past_the_threshold() -> None:
    state = figure_state([*STABLE, 13.5], _sick())
    assert state.signal and state.direction == "worse" and state.verdict == "signal_worse"
    assert state.past_threshold and state.last_in_signal
    assert state.change_better is False
    assert verdict_text(state, DA) == "▼ Signal – værre ⚠ ud over alarmgrænsen"


def test_a_long_run_below_the_mean_is_better_when_lower_is_better() -> None:
    values = [6.0, 6.2, 5.9, 6.1, 6.3, 6.0, 6.2, 5.8, 4.1, 4.0, 4.2, 3.9, 4.1, 4.0, 3.8, 4.2, 4.1,
              3.9]
    lower = figure_state(values, _sick())
    # the figure's I chart: the runs against its mean (4.93), not a median (issue 17): the 8
    # first in a run above it and the 10 latest in a run below it (limit 7), every point
    # outside the limits 4.33–5.53; the latest signal lies below
    part = lower.chart.last
    assert lower.chart.chart is Chart.I and part is not None
    assert part.centre == pytest.approx(sum(values) / len(values))
    assert (round(part.lcl or 0, 4), round(part.ucl or 0, 4)) == (4.3349, 5.5317)
    assert [(run.side, run.length) for run in part.signal_runs] == [(1, 8), (-1, 10)]
    assert part.runs.longest_run_max == 7
    assert lower.signal_indexes == frozenset(range(18))
    assert lower.signal and lower.direction == "better" and lower.verdict == "signal_better"
    higher = figure_state(values, _sick(better=Direction.HIGHER))
    assert higher.direction == "worse" and higher.verdict == "signal_worse"
    # the threshold is judged on the worse side of the figure's own direction
    assert figure_state([9.0], FigureRule(better=Direction.HIGHER, alert_threshold=8.0)
                        ).past_threshold is False
    assert figure_state([7.0], FigureRule(better=Direction.HIGHER, alert_threshold=8.0)
                        ).past_threshold is True


def test_a_count_figure_is_read_on_its_c_chart_and_its_lower_limit_stops_at_0() -> None:
    citizens = FigureRule(kind=MeasureKind.COUNT, better=Direction.LOWER)
    state = figure_state([4.0, 6.0, 5.0, 3.0, 7.0, 5.0, 4.0, 6.0, 5.0, 5.0, 16.0], citizens)
    part = state.chart.last
    assert state.chart.chart is Chart.C and part is not None
    assert part.centre == pytest.approx(66 / 11)
    assert part.lcl == 0.0 and part.ucl == pytest.approx(6 + 3 * 6**0.5)
    assert state.chart.sigma_indexes == (10,) and state.last_in_signal
    assert state.signal and state.direction == "worse"
    # a continuous figure keeps a negative lower limit (qicharts2's y.neg); a proportion does not
    levels = [1.0, 3.0, 0.5, 2.5, 1.5, 2.0, 0.8, 2.2]
    continuous = figure_state(levels, FigureRule(kind=MeasureKind.CONTINUOUS)).chart.last
    proportion = figure_state(levels, FigureRule(kind=MeasureKind.PROPORTION)).chart.last
    assert continuous is not None and proportion is not None
    assert continuous.lcl is not None and continuous.lcl < 0 and proportion.lcl == 0.0


def test_without_target_or_data() -> None:
    assert figure_state([], _sick()).verdict == "no_data"
    state = figure_state(STABLE, _sick(target=None))
    assert state.verdict == "no_signal" and state.on_target is None


def test_states_are_cached_on_the_values_and_rule() -> None:
    rule = FigureRule.of(_sick())
    assert figure_state(STABLE, rule) is figure_state(tuple(STABLE), _sick())
    assert state_of.cache_info().hits >= 1


def test_values_are_shown_with_their_unit() -> None:
    assert format_figure(_sick(), 4.75, DA) == "4,8 %"
    citizens = KeyFigure(org_id="o", name="Borgere", unit="borgere", kind=MeasureKind.COUNT)
    assert format_figure(citizens, 1234.0, DA) == "1\u00a0234 borgere"
