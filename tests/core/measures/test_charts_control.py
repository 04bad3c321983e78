"""Control charts on small examples computed by hand."""

from __future__ import annotations

import math

import pytest

from core.measures.controlchart import ChartKind, chart_kind_for, control_chart
from core.models import MeasureKind


def test_i_chart_uses_the_mean_moving_range() -> None:
    chart = control_chart(ChartKind.I, [10, 12, 11, 13, 12])
    # moving ranges 2, 1, 2, 1: mean 1.5, sigma 1.5 / 1.128
    sigma = 1.5 / 1.128
    assert chart.centre[0] == pytest.approx(11.6)
    assert chart.ucl[0] == pytest.approx(11.6 + 3 * sigma)
    assert chart.lcl[0] == pytest.approx(11.6 - 3 * sigma)
    assert chart.signal_indexes == ()


def test_i_chart_drops_moving_ranges_above_3_267_times_their_mean() -> None:
    values = [10, 11, 10, 11, 10, 11, 10, 11, 10, 30]
    # ranges: eight 1s and one 20, mean 28 / 9; 20 > 3.267 * 28 / 9 is dropped: mean 1
    chart = control_chart(ChartKind.I, values)
    assert chart.centre[0] == pytest.approx(12.4)
    assert chart.ucl[0] == pytest.approx(12.4 + 3 / 1.128)
    assert chart.lcl[0] == pytest.approx(12.4 - 3 / 1.128)
    assert chart.signal_indexes == (9,)


def test_i_chart_lower_limit_is_cut_at_zero_only_for_data_that_are_never_negative() -> None:
    assert control_chart(ChartKind.I, [1, 9, 1, 9]).lcl[0] == 0.0
    assert control_chart(ChartKind.I, [-1, 9, 1, 9]).lcl[0] < 0  # type: ignore[operator]


def test_p_chart_limits_vary_with_the_denominator_and_are_cut_at_0_and_1() -> None:
    chart = control_chart(ChartKind.P, [], numerators=[5, 10, 1], denominators=[10, 40, 2])
    p = 16 / 52
    assert chart.centre == (pytest.approx(p),) * 3
    assert chart.values == (0.5, 0.25, 0.5)
    for i, n in enumerate([10, 40, 2]):
        sigma = math.sqrt(p * (1 - p) / n)
        assert chart.ucl[i] == pytest.approx(min(1.0, p + 3 * sigma))
        assert chart.lcl[i] == pytest.approx(max(0.0, p - 3 * sigma))
    assert chart.lcl[2] == 0.0 and chart.ucl[2] == 1.0
    assert chart.lcl[1] > 0  # type: ignore[operator]


def test_p_chart_flags_points_outside_their_limits() -> None:
    num, den = [10] * 10 + [45], [100] * 10 + [100]
    chart = control_chart(ChartKind.P, [], numerators=num, denominators=den)
    assert chart.signal_indexes == (10,)
    assert chart.side(10) == 1


def test_u_chart() -> None:
    chart = control_chart(ChartKind.U, [], numerators=[3, 8], denominators=[100, 400])
    u = 11 / 500
    assert chart.centre[0] == pytest.approx(u)
    assert chart.ucl[0] == pytest.approx(u + 3 * math.sqrt(u / 100))
    assert chart.ucl[1] == pytest.approx(u + 3 * math.sqrt(u / 400))
    assert chart.lcl == (0.0, pytest.approx(max(0.0, u - 3 * math.sqrt(u / 400))))


def test_c_chart() -> None:
    chart = control_chart(ChartKind.C, [4, 6, 5, 5, 20])
    assert chart.centre[0] == 8.0
    assert chart.ucl[0] == pytest.approx(8 + 3 * math.sqrt(8))
    assert chart.lcl[0] == 0.0
    assert chart.signal_indexes == (4,)


def test_parts_and_baseline() -> None:
    chart = control_chart(ChartKind.C, [4, 6, 5, 20, 21, 19], parts=[3])
    assert chart.centre == (5.0, 5.0, 5.0, 20.0, 20.0, 20.0)
    frozen = control_chart(ChartKind.C, [4, 6, 5, 20, 21, 19], baseline=3)
    assert set(frozen.centre) == {5.0} and frozen.signal_indexes == (3, 4, 5)


def test_too_few_points_give_no_limits() -> None:
    chart = control_chart(ChartKind.I, [5.0])
    assert chart.centre == (5.0,) and chart.ucl == (None,) and chart.signal_indexes == ()


def test_chart_kind_per_measure_kind() -> None:
    assert [chart_kind_for(k) for k in MeasureKind] == [
        ChartKind.C, ChartKind.P, ChartKind.U, ChartKind.I, ChartKind.I]
