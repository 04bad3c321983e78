"""Benchmarks between teams: ranking in the better direction, ties, the median of the teams,
teams missing the period, the teams × figures table and the text drawing."""

from __future__ import annotations

from pathlib import Path

import pytest

from core.db.store import Store
from core.models import Direction
from core.teams.benchmarks import (
    Scale,
    bar,
    benchmark,
    median_of,
    periods_of,
    position_text,
    ranks,
    sparkline_on,
    team_table,
    values_in,
)
from core.teams.states import CACHE, figure_series, judge, judged, load_org
from tests.core.teams import teamcmp_org as org


@pytest.fixture
def store(tmp_path: Path) -> Store:
    return Store.open(tmp_path / "teams.db")


def test_ranks_follow_the_better_direction_and_ties_share_a_rank() -> None:
    values = {"a": 4.0, "b": 9.8, "c": 4.0, "d": 3.1}
    assert ranks(values, Direction.LOWER) == {"d": 1, "a": 2, "c": 2, "b": 4}
    assert ranks(values, Direction.HIGHER) == {"b": 1, "a": 2, "c": 2, "d": 4}
    assert ranks({}, Direction.LOWER) == {}


def test_median_of_the_teams() -> None:
    assert median_of([4.0, 9.8, 3.1]) == 4.0
    assert median_of([4.0, 5.0, 3.0, 6.0]) == 4.5
    assert median_of([]) is None


def test_position_marks_the_best_middle_and_worst_third() -> None:
    assert [position_text(rank, 6) for rank in (1, 2, 3, 4, 5, 6)] == [
        "▲ 1/6", "▲ 2/6", "■ 3/6", "■ 4/6", "▼ 5/6", "▼ 6/6"]
    assert position_text(1, 1) == "1/1"


def test_benchmark_of_a_period_with_a_missing_team_and_a_tie(store: Store) -> None:
    org_id = org.organisation(store)
    sick = org.figure(store, org_id)
    north, south, east, west = (org.team(store, org_id, name)
                                for name in ("Nord", "Syd", "Øst", "Vest"))
    org.values(store, org_id, north, sick.id, [4.0, 4.1])
    org.values(store, org_id, south, sick.id, [4.2, 9.8])
    org.values(store, org_id, east, sick.id, [5.0, 4.1])
    org.values(store, org_id, west, sick.id, [3.0, None])  # no value in week 2
    data = load_org(store, org_id)
    series = figure_series(store, org_id, sick.id)
    assert periods_of(series.values()) == ["2026-W01", "2026-W02"]
    result = benchmark(sick, data.teams, series, "2026-W02")
    assert [(row.team.name, row.value, row.rank) for row in result.rows] == [
        ("Nord", 4.1, 1), ("Øst", 4.1, 1), ("Syd", 9.8, 3), ("Vest", None, None)]
    assert result.count == 3
    assert result.median == 4.1
    assert result.target == 5.0
    south_row = result.row_of(south)
    assert south_row is not None and south_row.past_threshold
    first = benchmark(sick, data.teams, series, "2026-W01")
    assert [row.team.name for row in first.rows] == ["Vest", "Nord", "Syd", "Øst"]
    assert first.median == 4.1


def test_higher_is_better_puts_the_highest_first(store: Store) -> None:
    org_id = org.organisation(store)
    share = org.figure(store, org_id, "Klienttid", better=Direction.HIGHER, target=60,
                       threshold=50)
    low, high = org.team(store, org_id, "A"), org.team(store, org_id, "B")
    org.values(store, org_id, low, share.id, [45.0])
    org.values(store, org_id, high, share.id, [62.0])
    data = load_org(store, org_id)
    result = benchmark(share, data.teams, figure_series(store, org_id, share.id), "2026-W01")
    assert [(row.team.name, row.rank, row.past_threshold) for row in result.rows] == [
        ("B", 1, False), ("A", 2, True)]


def test_a_signal_point_is_marked_on_its_side(store: Store) -> None:
    org_id = org.organisation(store)
    sick = org.figure(store, org_id)
    rising, calm = org.team(store, org_id, "Stiger"), org.team(store, org_id, "Rolig")
    calm_values = [4.0, 4.4, 3.9, 4.2, 4.1, 3.8, 4.3, 4.0, 4.2, 3.9, 4.1, 4.0, 4.3, 3.9, 4.1]
    periods = org.values(store, org_id, calm, sick.id, calm_values)
    org.values(store, org_id, rising, sick.id, [*calm_values[:-1], 12.0])
    data = judge(load_org(store, org_id))
    states = {team: state for (team, _), state in data.states.items()}
    result = benchmark(sick, data.teams, figure_series(store, org_id, sick.id), periods[-1],
                       states)
    rising_row, calm_row = result.row_of(rising), result.row_of(calm)
    assert rising_row is not None and rising_row.signal == "worse" and rising_row.rank == 2
    assert calm_row is not None and calm_row.signal is None


def test_table_ranks_each_figure_among_the_teams(store: Store) -> None:
    org_id = org.organisation(store)
    sick = org.figure(store, org_id)
    share = org.figure(store, org_id, "Klienttid", better=Direction.HIGHER, order="0020")
    a, b = org.team(store, org_id, "A"), org.team(store, org_id, "B")
    org.values(store, org_id, a, sick.id, [4.0])
    org.values(store, org_id, b, sick.id, [6.0])
    org.values(store, org_id, a, share.id, [50.0])
    org.values(store, org_id, b, share.id, [None])
    data = load_org(store, org_id)
    found = values_in(data.series.values(), "2026-W01")
    table = team_table(data.figures, found)
    assert (table[(a, sick.id)].rank, table[(b, sick.id)].rank) == (1, 2)
    assert table[(b, sick.id)].position == "worst"
    assert (table[(a, share.id)].rank, table[(a, share.id)].count) == (1, 1)
    assert (b, share.id) not in table


def test_bars_and_sparklines_share_a_scale() -> None:
    scale = Scale.of([5.0, 10.0])
    assert (scale.low, scale.high) == (0.0, 10.0)
    assert bar(10.0, scale, 10) == "█" * 10
    assert bar(5.0, scale, 10) == "█" * 5 + " " * 5
    assert bar(None, scale, 4) == "    "
    marked = bar(10.0, scale, 10, [(5.0, "│"), (None, "┆")])
    assert marked[5] == "│" and len(marked) == 10
    assert bar(0.5, scale, 10).startswith("▌")
    close = bar(None, scale, 10, [(5.0, "│"), (5.2, "┆")])
    assert close.index("│") == 5 and close.index("┆") == 6
    same = Scale.of([2.0, 4.0], from_zero=False)
    assert sparkline_on([2.0, 4.0], same, 4) == "  ▁█"


def test_judged_data_is_cached_until_the_store_writes(store: Store) -> None:
    org_id = org.organisation(store)
    sick = org.figure(store, org_id)
    team_id = org.team(store, org_id, "Nord")
    org.values(store, org_id, team_id, sick.id, [4.0, 4.5])
    CACHE.clear()
    first = judged(store, org_id)
    assert judged(store, org_id) is first
    assert first.states[(team_id, sick.id)].last == 4.5
    org.values(store, org_id, team_id, sick.id, [4.0, 4.5, 9.0])
    again = judged(store, org_id)
    assert again is not first and again.states[(team_id, sick.id)].last == 9.0
