"""The chart engine's rules, one by one, and its properties over arbitrary series."""

from __future__ import annotations

import itertools
import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from core.measures.qic import Chart, Sigma, Subgroup, a3, b3, b4, c4, periods, qic, unsupported
from core.measures.runs import crossings_limit, longest_run_limit


@pytest.mark.parametrize(
    ("n", "longest", "crossings"),
    # Anhøj & Olesen 2014, table 1 (and qicharts2's vignette, appendix 2)
    [(10, 6, 2), (11, 6, 2), (12, 7, 3), (20, 7, 6), (24, 8, 8), (30, 8, 10), (40, 8, 14),
     (50, 9, 19), (100, 10, 41)],
)
def test_critical_values(n: int, longest: int, crossings: int) -> None:
    assert longest_run_limit(n) == longest
    assert crossings_limit(n) == crossings


def test_montgomery_constants_are_exact() -> None:
    assert c4(2) == pytest.approx(math.sqrt(2 / math.pi), abs=1e-15)
    # Montgomery, appendix VI (4 decimals)
    assert round(c4(5), 4) == 0.9400
    assert round(a3(5), 3) == 1.427
    assert round(b3(6), 3) == 0.030
    assert round(b4(6), 3) == 1.970
    assert math.isnan(c4(1))


def test_a_control_chart_reads_runs_against_its_own_mean() -> None:
    # mean 23, median 1: against the mean, 7 points in a row lie below it
    values = [100.0, 1, 1, 1, 1, 1, 1, 1, 100]
    chart = qic(periods(values), chart=Chart.I)
    runs = chart.parts[0].runs
    assert chart.parts[0].centre == pytest.approx(23)
    assert (runs.n_useful, runs.longest_run, runs.longest_run_max) == (9, 7, 6)
    assert chart.parts[0].runs_signal  # 9 points: the rules apply at any n, as qicharts2
    assert runs.few
    run = qic(periods(values), chart=Chart.RUN)
    assert run.parts[0].centre == 1
    assert run.parts[0].runs.n_useful == 2  # seven points sit on the median


def test_no_moving_range_left_means_no_limits() -> None:
    chart = qic(periods([3.0, 3, 3, 3, 3]), chart=Chart.I)
    assert chart.parts[0].centre == 3
    assert not chart.has_limits
    assert all(p.lcl is None and p.ucl is None for p in chart.points)


def test_moving_ranges_at_or_over_the_screen_are_dropped() -> None:
    values = [10.0, 11, 10, 11, 10, 11, 10, 11, 10, 40]
    chart = qic(periods(values), chart=Chart.I)
    # nine ranges: eight of 1 and one of 30; mean 38/9, screen 13.8: the 30 goes
    mean = sum(values) / 10
    assert chart.points[0].ucl == pytest.approx(mean + 3 / 1.128)
    unscreened = qic(periods(values), chart=Chart.I, screened=False)
    assert unscreened.points[0].ucl == pytest.approx(mean + 3 * (38 / 9) / 1.128)


def test_negative_lower_limit_kept_unless_the_measure_cannot_be_negative() -> None:
    values = [1.0, 9, 2, 8, 1, 9, 3, 7, 2, 8]
    kept = qic(periods(values), chart=Chart.I)
    assert kept.points[0].lcl is not None and kept.points[0].lcl < 0
    cut = qic(periods(values), chart=Chart.I, negative=False)
    assert cut.points[0].lcl == 0


def test_an_excluded_point_stays_on_the_chart_and_can_still_be_outside() -> None:
    values = [10.0, 11, 10, 12, 11, 10, 11, 50, 10, 11, 12, 10]
    chart = qic(periods(values), chart=Chart.I, exclude={7})
    point = chart.points[7]
    assert point.y == 50 and not point.include
    base = [v for i, v in enumerate(values) if i != 7]
    assert chart.parts[0].centre == pytest.approx(sum(base) / len(base))
    assert point.sigma_signal
    assert chart.parts[0].runs.n_obs == 11


def test_a_missing_period_breaks_the_moving_ranges_it_touches() -> None:
    chart = qic(periods([1.0, 2, None, 10, 11]), chart=Chart.I)
    # ranges 1, NA, NA, 1: sigma = 1 / 1.128
    assert chart.points[0].cl == pytest.approx(6)
    assert chart.points[0].ucl == pytest.approx(6 + 3 / 1.128)
    assert chart.points[2].y is None and not chart.points[2].sigma_signal
    assert chart.parts[0].runs.n_obs == 5 and chart.parts[0].runs.n_useful == 4


def test_a_missing_period_has_no_limits_on_a_p_chart() -> None:
    chart = qic(periods([3.0, None, 5, 4], [50.0, None, 50, 50]), chart=Chart.P)
    assert chart.points[1].y is None
    assert chart.points[1].ucl is None and chart.points[1].lcl is None
    assert chart.points[0].cl == pytest.approx(12 / 150)


def test_a_frozen_baseline_in_each_part() -> None:
    values = [5.0, 6, 5, 6, 5, 9, 9, 9, 2, 3, 2, 3, 8, 8]
    chart = qic(periods(values), chart=Chart.RUN, parts=[8], freeze={0: 4, 1: 4})
    assert chart.parts[0].centre == 5.5
    assert chart.parts[1].centre == 2.5
    assert [p.baseline for p in chart.points] == [True] * 4 + [False] * 4 + [True] * 4 + [
        False] * 2


def test_a_given_centre_and_a_scale() -> None:
    chart = qic(periods([3.0, 4, 5], [100.0, 100, 100]), chart=Chart.U, centre=0.05,
                multiply=1000)
    assert chart.points[0].cl == pytest.approx(50)
    assert chart.points[0].y == pytest.approx(30)
    assert chart.points[0].ucl == pytest.approx(1000 * (0.05 + 3 * math.sqrt(0.05 / 100)))


def test_nhs_variant_uses_2_66_mean_moving_ranges() -> None:
    values = [4.0, 6, 5, 7, 5, 6, 4, 5]
    mean = sum(values) / len(values)
    amr = sum(abs(b - a) for a, b in itertools.pairwise(values)) / 7
    chart = qic(periods(values), chart=Chart.I, sigma=Sigma.NHS)
    assert chart.points[0].ucl == pytest.approx(mean + 2.66 * amr)


def test_t_chart_is_an_i_chart_of_the_transformed_times() -> None:
    days = [12.0, 30, 7, 45, 20, 15, 60, 9]
    chart = qic(periods(days), chart=Chart.T)
    moved = [d ** (1 / 3.6) for d in days]
    centre = sum(moved) / len(moved)
    assert chart.points[0].cl == pytest.approx(centre**3.6)
    assert chart.points[0].lcl == 0 or chart.points[0].lcl == pytest.approx(
        (centre - 3 * (sum(abs(b - a) for a, b in itertools.pairwise(moved)) / 7)
         / 1.128) ** 3.6)


def test_g_chart_centre_is_the_median() -> None:
    between = [3.0, 10, 7, 1, 25, 4, 12]
    chart = qic(periods(between), chart=Chart.G)
    mean = sum(between) / len(between)
    assert chart.points[0].cl == 7
    assert chart.points[0].ucl == pytest.approx(mean + 3 * math.sqrt(mean * (mean + 1)))
    assert chart.points[0].lcl == 0


def test_xbar_and_s_from_cases() -> None:
    groups = [Subgroup((5.0, 7, 6)), Subgroup((4.0, 6, 8)), Subgroup((6.0, 6, 9))]
    xbar = qic(groups, chart=Chart.XBAR)
    assert xbar.points[0].y == 6
    assert xbar.points[0].cl == pytest.approx(57 / 9)
    s = qic(groups, chart=Chart.S)
    assert s.points[1].y == pytest.approx(2.0)


def test_unsupported_data_is_named() -> None:
    assert unsupported(Chart.P, periods([0.2, 0.3])) == "needs_denominator"
    assert unsupported(Chart.P, periods([6.0, 3], [5.0, 10])) == "share_above_one"
    assert unsupported(Chart.XBAR, periods([1.0, 2])) == "needs_cases"
    assert unsupported(Chart.T, periods([3.0, 0])) == "needs_positive"
    assert unsupported(Chart.C, periods([3.0, -1])) == "needs_counts"
    assert unsupported(Chart.I, periods([3.0, -1])) is None


# -- properties --------------------------------------------------------------------------------

values_st = st.lists(st.floats(-1e6, 1e6, allow_nan=False).map(lambda v: round(v, 3)),
                     min_size=1, max_size=40)
gappy_st = st.lists(st.none() | st.floats(-1e4, 1e4, allow_nan=False), max_size=30)


@settings(max_examples=150, deadline=None)
@given(values_st, st.sampled_from([Chart.RUN, Chart.I]))
def test_reversing_keeps_longest_run_and_crossings(values: list[float], chart: Chart) -> None:
    forward = qic(periods(values), chart=chart).parts[0].runs
    backward = qic(periods(values[::-1]), chart=chart).parts[0].runs
    assert forward.longest_run == backward.longest_run
    assert forward.crossings == backward.crossings


@settings(max_examples=150, deadline=None)
@given(values_st, st.integers(-1000, 1000), st.sampled_from([Chart.RUN, Chart.I]))
def test_adding_a_constant_moves_centre_and_limits(
    values: list[float], constant: int, chart: Chart
) -> None:
    before = qic(periods(values), chart=chart)
    after = qic(periods([v + constant for v in values]), chart=chart)
    for a, b in zip(before.points, after.points, strict=True):
        for column in ("cl", "lcl", "ucl"):
            old, new = getattr(a, column), getattr(b, column)
            assert (old is None) == (new is None)
            if old is not None and new is not None:
                assert new == pytest.approx(old + constant, rel=1e-9, abs=1e-6)
    assert before.parts[0].runs_signal == after.parts[0].runs_signal
    assert before.sigma_indexes == after.sigma_indexes or _on_a_limit(before)


def _on_a_limit(chart: object) -> bool:
    """Rounding may move a point lying exactly on a limit; such a series proves nothing."""
    points = getattr(chart, "points", ())
    return any((p.y is not None and p.ucl is not None and math.isclose(p.y, p.ucl, rel_tol=1e-9))
               or (p.y is not None and p.lcl is not None and math.isclose(p.y, p.lcl, rel_tol=1e-9))
               for p in points)


@settings(max_examples=150, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 50), st.integers(1, 80)), min_size=2, max_size=30),
       st.sampled_from([Chart.P, Chart.PP, Chart.U, Chart.UP, Chart.C, Chart.I, Chart.RUN]),
       st.sampled_from([100.0, 1000.0, 10000.0]))
def test_multiply_scales_centre_and_limits_and_keeps_signals(
    rows: list[tuple[int, int]], chart: Chart, multiply: float
) -> None:
    data = periods([min(a, b) for a, b in rows], [b for _, b in rows]) \
        if chart.needs_denominator else periods([a for a, _ in rows])
    plain = qic(data, chart=chart)
    scaled = qic(data, chart=chart, multiply=multiply)
    for a, b in zip(plain.points, scaled.points, strict=True):
        for column in ("y", "cl", "lcl", "ucl"):
            old, new = getattr(a, column), getattr(b, column)
            assert (old is None) == (new is None)
            if old is not None and new is not None:
                assert new == pytest.approx(old * multiply, rel=1e-9, abs=1e-9)
    assert [p.runs_signal for p in plain.parts] == [p.runs_signal for p in scaled.parts]
    assert plain.sigma_indexes == scaled.sigma_indexes or _on_a_limit(plain)


@settings(max_examples=300, deadline=None)
@given(gappy_st, st.lists(st.none() | st.floats(0, 1e4), max_size=30),
       st.sampled_from(list(Chart)), st.sets(st.integers(0, 30), max_size=5),
       st.sets(st.integers(1, 29), max_size=3), st.none() | st.integers(1, 10))
def test_nothing_a_user_enters_makes_the_statistics_raise(
    values: list[float | None], dens: list[float | None], chart: Chart, exclude: set[int],
    parts: set[int], freeze: int | None,
) -> None:
    size = min(len(values), len(dens)) if chart.needs_denominator else len(values)
    data = periods(values[:size], dens[:size]) if chart.needs_denominator else periods(values)
    result = qic(data, chart=chart, exclude=exclude, parts=parts, freeze=freeze)
    assert len(result.points) == len(data)
    for point in result.points:
        for column in ("y", "cl", "lcl", "ucl"):
            value = getattr(point, column)
            assert value is None or math.isfinite(value)


@pytest.mark.parametrize("chart", list(Chart))
@pytest.mark.parametrize("data", [
    [Subgroup.of(4.0)], [Subgroup.of(2.0)] * 6, [Subgroup.of(None)] * 4, []],
    ids=["one point", "all equal", "all missing", "empty"])
def test_degenerate_series_show_a_chart(chart: Chart, data: list[Subgroup]) -> None:
    result = qic(data, chart=chart, exclude=set(range(len(data))) if len(data) == 6 else ())
    assert len(result.points) == len(data)
    assert all(not p.sigma_signal for p in result.points)
