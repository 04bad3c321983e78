"""The Anhøj rules: critical values, worked examples, and properties that must hold."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from core.measures.runchart import (
    ABOVE,
    BELOW,
    analyse,
    crossings_limit,
    longest_run_limit,
    part_bounds,
)

# Anhøj & Olesen (2014), table 1: n useful observations -> (upper limit of the longest run,
# lower limit of the number of crossings). Longest runs for 10-109 checked against the table
# reproduced at unaettie.com; crossings are the binomial 5 % quantiles the paper tabulates.
ANHOEJ_TABLE = {
    10: (6, 2), 11: (6, 2), 12: (7, 3), 13: (7, 3), 14: (7, 4), 15: (7, 4), 16: (7, 4),
    17: (7, 5), 18: (7, 5), 19: (7, 6), 20: (7, 6), 21: (7, 6), 22: (7, 7), 23: (8, 7),
    24: (8, 8), 25: (8, 8), 26: (8, 8), 27: (8, 9), 28: (8, 9), 29: (8, 10), 30: (8, 10),
    31: (8, 11), 32: (8, 11), 33: (8, 11), 34: (8, 12), 35: (8, 12), 36: (8, 13),
    37: (8, 13), 38: (8, 14), 39: (8, 14), 40: (8, 14), 41: (8, 15), 42: (8, 15),
    43: (8, 16), 44: (8, 16), 45: (8, 17), 46: (9, 17), 47: (9, 17), 48: (9, 18),
    49: (9, 18), 50: (9, 19), 60: (9, 23), 70: (9, 28), 80: (9, 32), 90: (9, 37),
    91: (10, 37), 100: (10, 41),
}


@pytest.mark.parametrize(("n", "limits"), sorted(ANHOEJ_TABLE.items()))
def test_critical_values_match_the_published_table(n: int, limits: tuple[int, int]) -> None:
    assert (longest_run_limit(n), crossings_limit(n)) == limits


def test_crossing_limit_is_the_exact_binomial_quantile() -> None:
    from math import comb

    for n in range(10, 101):
        trials, limit = n - 1, crossings_limit(n)
        below = sum(comb(trials, k) for k in range(limit)) / 2**trials
        upto = below + comb(trials, limit) / 2**trials
        assert below < 0.05 <= upto


def test_a_shift_gives_a_long_run_below_the_median() -> None:
    high = iter(range(20, 33))
    low = iter([4, 5, 6, 3])
    pattern = "AAABAAABAAABAAABA"  # 13 above, 4 below, runs of at most 3
    values = [next(high) if c == "A" else next(low) for c in pattern] + list(range(1, 10))
    part = analyse(values).parts[0]
    assert part.centre == 14.5  # between the 13 points above and the 13 below
    assert part.n_useful == 26 and part.crossings == 9 and part.crossings_limit == 8
    assert part.longest_run == 9 and part.longest_run_side == BELOW
    assert part.longest_run_limit == 8
    assert part.long_run_signal and not part.crossings_signal and part.signal
    assert part.signal_indexes == tuple(range(17, 26))


def test_points_on_the_median_are_skipped_and_do_not_break_a_run() -> None:
    # median 5; the 5s are not useful and the run 6,6,(5),6 is one run of three
    values = [1, 2, 6, 6, 5, 6, 1, 5, 9]
    part = analyse(values).parts[0]
    assert part.centre == 5.0
    assert part.n_useful == 7
    assert [(r.side, r.indexes) for r in part.runs] == [
        (BELOW, (0, 1)), (ABOVE, (2, 3, 5)), (BELOW, (6,)), (ABOVE, (8,))
    ]
    assert part.crossings == 3
    assert part.too_few and not part.signal


def test_few_crossings_signal_without_a_long_run() -> None:
    # 30 useful points in runs of 7, 8, 7, 8: three crossings (limit 10), longest 8 (limit 8)
    values = [*range(1, 8), *range(20, 28), *range(8, 15), *range(28, 36)]
    part = analyse(values).parts[0]
    assert part.n_useful == 30 and part.crossings == 3 and part.crossings_limit == 10
    assert part.longest_run == 8 and part.longest_run_limit == 8 and not part.long_run_signal
    assert part.crossings_signal and part.signal and part.signal_indexes == ()


def test_random_looking_series_has_no_signal() -> None:
    values = [3, 7, 4, 8, 2, 9, 5, 6, 3, 7, 4, 8, 5, 6, 2, 9]
    part = analyse(values).parts[0]
    assert not part.too_few and not part.signal


def test_fewer_than_ten_useful_points_are_too_few_even_with_a_long_run() -> None:
    part = analyse([1, 2, 3, 4, 5, 6, 7, 8, 9]).parts[0]
    assert part.too_few and part.longest_run == 4 and not part.signal


def test_parts_have_medians_of_their_own() -> None:
    chart = analyse([1, 2, 3, 4, 5, 10, 20, 30], parts=[5])
    assert [(p.start, p.end, p.centre) for p in chart.parts] == [(0, 5, 3.0), (5, 8, 20.0)]
    assert chart.centres() == [3.0] * 5 + [20.0] * 3
    assert chart.part_of(6).start == 5 and chart.last is chart.parts[1]


def test_frozen_baseline_judges_later_points_against_its_median() -> None:
    values = [5, 6, 4, 5, 6, 4, 5, 6, 4, 5, 6, 4] + [2] * 10
    free, frozen = analyse(values), analyse(values, baseline=12)
    assert frozen.parts[0].centre == 5.0 and frozen.parts[0].frozen
    assert frozen.parts[0].long_run_signal and frozen.parts[0].signal_indexes[-10:] == tuple(
        range(12, 22))
    assert free.parts[0].centre == 4.0 and not free.parts[0].frozen


def test_part_bounds_ignore_bad_indexes_and_empty_series() -> None:
    assert part_bounds(5, [0, 3, 3, 9]) == [(0, 3), (3, 5)]
    assert analyse([]).parts == () and analyse([]).last is None


series = st.lists(st.integers(-1000, 1000), min_size=0, max_size=60)


def _signature(part):  # type: ignore[no-untyped-def]
    return (part.n_useful, part.longest_run, part.crossings, part.long_run_signal,
            part.crossings_signal)


@given(series)
def test_reversing_keeps_longest_run_and_crossings(values: list[int]) -> None:
    forward, backward = analyse(values), analyse(values[::-1])
    assert [_signature(p) for p in forward.parts] == [_signature(p) for p in backward.parts]


@given(series, st.integers(-10**6, 10**6))
def test_adding_a_constant_moves_the_centre_and_keeps_the_signals(
    values: list[int], constant: int
) -> None:
    base, moved = analyse(values), analyse([v + constant for v in values])
    for a, b in zip(base.parts, moved.parts, strict=True):
        assert b.centre == a.centre + constant  # type: ignore[operator]
        assert _signature(a) == _signature(b) and a.signal_indexes == b.signal_indexes


@given(series, st.sampled_from([0.5, 2, 3, 10, 1000]))
def test_scaling_by_a_positive_factor_keeps_the_signals(values: list[int], factor: float) -> None:
    base, scaled = analyse(values), analyse([v * factor for v in values])
    assert [(_signature(p), p.signal_indexes) for p in base.parts] == [
        (_signature(p), p.signal_indexes) for p in scaled.parts]


@given(series, st.lists(st.integers(0, 60), max_size=3))
def test_parts_cover_every_point_once(values: list[int], splits: list[int]) -> None:
    chart = analyse(values, parts=splits)
    assert [i for p in chart.parts for i in p.indexes] == list(range(len(values)))
    assert len(chart.centres()) == len(values)
