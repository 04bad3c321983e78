"""Funnel plots (core.teams.funnel): limits by hand, properties by hypothesis, the demo's sick
leave naming its outlier team, and words in three languages."""

from __future__ import annotations

import datetime as dt
import math
from itertools import pairwise
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from core.demo.build import open_demo
from core.i18n import Translator
from core.models import Direction, MeasureKind
from core.teams.funnel import (
    Position,
    Shown,
    UnitInput,
    curve,
    figure_scale,
    funnel,
    funnel_table,
    limits,
    numerator_of,
    position,
    shown_for,
    summary_sentences,
    team_funnel,
)
from core.teams.key_figures import figures

P, U = MeasureKind.PROPORTION, MeasureKind.RATE


def test_proportion_limits_by_hand() -> None:
    # p = 0.1, n = 100: sd = sqrt(0.09 / 100) = 0.03
    at = limits(P, 0.1, 100)
    assert math.isclose(at.high_95, 0.1 + 1.959964 * 0.03)
    assert math.isclose(at.low_95, 0.1 - 1.959964 * 0.03)
    assert math.isclose(at.high_998, 0.1 + 3.090232 * 0.03)
    assert math.isclose(at.low_998, 0.1 - 3.090232 * 0.03)


def test_rate_limits_by_hand_and_cut_at_zero() -> None:
    # u = 2 per unit of base, n = 50: sd = sqrt(2 / 50) = 0.2
    at = limits(U, 2.0, 50)
    assert math.isclose(at.high_998, 2.0 + 3.090232 * 0.2)
    # a small base: the lower limit would be negative and is cut at 0
    small = limits(U, 0.5, 1)
    assert small.low_95 == 0.0 and small.low_998 == 0.0
    # a proportion's upper limit is cut at 1
    assert limits(P, 0.9, 2).high_998 == 1.0


def test_units_classified_and_left_out() -> None:
    units = [UnitInput("a", "Team A", 10, 100), UnitInput("b", "Team B", 10, 100),
             UnitInput("c", "Team C", 30, 100), UnitInput("d", "Team D", None, None),
             UnitInput("e", "Team E", 1, 0)]
    result = funnel(units, P, Direction.LOWER)
    assert math.isclose(result.overall, 50 / 300)
    assert result.left_out == ["Team D", "Team E"]
    by_name = {u.name: u for u in result.units}
    # p = 1/6, n = 100: sd = 0.0373; 99.8 % upper = 0.282; C at 0.30 is above it
    assert by_name["Team C"].position is Position.ABOVE_998
    assert by_name["Team C"].better is False  # lower is better: above is worse
    assert by_name["Team A"].position is Position.INSIDE and by_name["Team A"].better is None
    assert [u.name for u in result.outliers] == ["Team C"]
    higher = funnel(units, P, Direction.HIGHER)
    assert next(u for u in higher.units if u.name == "Team C").better is True


def test_team_figure_scale() -> None:
    assert figure_scale("%") == 100 and figure_scale(" ‰ ") == 1000 and figure_scale("") == 1
    assert numerator_of(5.0, 200, 100) == 10.0  # 5 % of 200 planned hours
    assert numerator_of(5.0, None, 100) is None


units_strategy = st.lists(
    st.tuples(st.integers(min_value=1, max_value=2000), st.floats(min_value=0, max_value=1)),
    min_size=1, max_size=12)


@given(units_strategy, st.sampled_from([P, U]))
def test_funnel_properties(raw: list[tuple[int, float]], kind: MeasureKind) -> None:
    units = [UnitInput(str(i), f"U{i}", round(n * share, 3), float(n))
             for i, (n, share) in enumerate(raw)]
    result = funnel(units, kind, Direction.LOWER)
    rates = [u.rate for u in result.units]
    assert min(rates) - 1e-12 <= result.overall <= max(rates) + 1e-12
    for unit in result.units:
        at = unit.limits
        assert at.low_998 <= at.low_95 <= result.overall <= at.high_95 <= at.high_998
        assert unit.position is position(unit.rate, at)
        if unit.position is Position.INSIDE:
            assert at.low_95 <= unit.rate <= at.high_95
        elif unit.position is Position.ABOVE_998:
            assert unit.rate > at.high_998
        elif unit.position is Position.ABOVE_95:
            assert at.high_95 < unit.rate <= at.high_998
        elif unit.position is Position.BELOW_998:
            assert unit.rate < at.low_998
        else:
            assert at.low_998 <= unit.rate < at.low_95
        assert (unit.better is None) == (unit.position is Position.INSIDE)


@given(st.floats(min_value=0.001, max_value=0.999), st.floats(min_value=1, max_value=1e5),
       st.sampled_from([P, U]))
def test_limits_widen_as_n_falls(overall: float, largest: float, kind: MeasureKind) -> None:
    points = curve(kind, overall, 1.0, largest + 1.0, 20)
    for small, big in pairwise(points):
        assert small.n < big.n
        assert small.high_95 >= big.high_95 and small.low_95 <= big.low_95
        assert small.high_998 >= big.high_998 and small.low_998 <= big.low_998
        assert small.high_998 >= small.high_95 and small.low_998 <= small.low_95


def test_demo_sick_leave_funnel_names_team_syd(tmp_path: Path) -> None:
    store = open_demo(tmp_path / "demo.db", today=dt.date(2026, 11, 24))
    try:
        (org_id,) = [r["id"] for r in store.query("SELECT id FROM organisations")]
        figure = next(f for f in figures(store, org_id) if f.key == "sick_leave_pct")
        result = team_funnel(store, org_id, figure, "2026-W47")
        assert len(result.units) == 6 and not result.left_out
        assert [u.name for u in result.outliers] == ["Team Syd"]
        tr = Translator("da")
        assert summary_sentences(result, shown_for(figure), tr) == [
            "Team Syd ligger over 95 %-grænsen (men inden for 99,8 %): 9,8 % mod 5,8 % samlet"
            " – værre end forventet"]
        syd = next(row for row in funnel_table(result, shown_for(figure), tr)
                   if row[0] == "Team Syd")
        assert syd == ("Team Syd", "259", "9,8 %", "△ over 95 %-grænsen – værre end forventet")
        english = summary_sentences(result, shown_for(figure), Translator("en"))
        assert english[0].startswith("Team Syd lies above the 95 % limit")
    finally:
        store.close()


def test_words_for_all_inside_and_left_out() -> None:
    result = funnel([UnitInput("a", "Team A", 5, 100), UnitInput("b", "Team B", None, None)],
                    P, Direction.LOWER)
    tr = Translator("da")
    assert summary_sentences(result, Shown(100, "%"), tr) == [
        "Det ene team ligger inden for grænserne omkring 5 %.",
        "1 team har intet grundlag i perioden og er udeladt: Team B."]


def test_paste_and_csv_take_an_optional_base(tmp_path: Path) -> None:
    from core.db import changelog
    from core.db.undo import UndoLog
    from core.models import TeamFigure
    from core.teams import figures as team_figures
    from core.teams.excel import apply_team_import, parse_team_csv

    store = open_demo(tmp_path / "demo.db", today=dt.date(2026, 11, 24))
    try:
        (org_id,) = [r["id"] for r in store.query("SELECT id FROM organisations")]
        (team_id,) = [r["id"] for r in store.query(
            "SELECT id FROM teams WHERE name = 'Team Nord'")]
        catalogue = figures(store, org_id)
        sick = next(f for f in catalogue if f.key == "sick_leave_pct")
        client = next(f for f in catalogue if f.key == "client_time_pct")
        log = UndoLog(store)
        lines = team_figures.parse_block("Sygefravær\t6,1\t240\nKlienttid\t59\n"
                                         "Klienttid\t58\t-3", catalogue)
        assert [(ln.value, ln.base) for ln in lines[:2]] == [(6.1, 240.0), (59.0, None)]
        assert lines[2].problem is not None  # a base must be above 0
        team_figures.apply_block(log, team_id, "2026-W48", lines)
        record = changelog.load(store, TeamFigure, TeamFigure.id_for(team_id, "2026-W48", sick.id))
        assert (record.value, record.denominator) == (6.1, 240.0)
        # a value without a base keeps the base it had
        team_figures.apply_block(log, team_id, "2026-W48",
                                 team_figures.parse_block("Sygefravær\t6,3", catalogue))
        record = changelog.load(store, TeamFigure, record.id)
        assert (record.value, record.denominator) == (6.3, 240.0)
        # the CSV: four columns as before, and a fifth with the base
        preview = parse_team_csv("Team;Periode;Nøgletal;Værdi;Grundlag\n"
                                 "Team Nord;2026-W48;Klienttid;60;250\n"
                                 "Team Nord;2026-W48;Sygefravær;6,3;\n",
                                 store, org_id, dt.date(2026, 11, 24))
        assert [(r.status, r.base) for r in preview.rows] == [("changed", 250.0),
                                                              ("unchanged", None)]
        assert apply_team_import(log, org_id, preview) == 1
        record = changelog.load(store, TeamFigure,
                                TeamFigure.id_for(team_id, "2026-W48", client.id))
        assert record.denominator == 250.0
        old = parse_team_csv("Team Nord;2026-W48;Klienttid;61\n", store, org_id,
                             dt.date(2026, 11, 24))
        assert [(r.status, r.base) for r in old.rows] == [("changed", None)]
    finally:
        store.close()
