"""The demo shows every kind of chart: an I chart with its MR chart, a rare-event measure (written
complaints, T or G chart), a P chart with a point left out, and cases per week on X̄ and S
charts."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from pathlib import Path

import pytest

from core.db.store import Store
from core.demo import charts, data
from core.demo.build import anchor_of, open_demo
from core.ids import stable_id
from core.measures.signals import cases_of, load_series, marks_of, measure_status
from core.models import Chart, ChartMark, Entry, MarkKind, week_period

TODAY = dt.date(2026, 11, 24)


def _measure_id(store: Store, name: str) -> str:
    (row,) = store.query("SELECT id FROM measures WHERE name = ? AND _exists", [name])
    return str(row["id"])


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Store:
    return open_demo(tmp_path_factory.mktemp("demo") / "demo.db", today=TODAY)


def test_the_weekly_time_is_an_i_chart_with_its_mr_chart(store: Store) -> None:
    (row,) = store.query("SELECT id FROM measures WHERE \"order\" = '0010' AND kind = 'time'")
    status = measure_status(store, row["id"])
    assert status.chart.chart is Chart.I
    moving = status.series.qic(Chart.MR)
    assert len(moving.points) >= 20
    assert moving.points[0].y is None and all(p.y is not None for p in moving.points[1:])
    assert moving.last is not None and moving.last.ucl is not None


def test_complaints_on_a_t_chart_or_a_g_chart(store: Store) -> None:
    measure_id = _measure_id(store, charts.COMPLAINTS_NAME)
    status = measure_status(store, measure_id)
    assert status.measure.entry is Entry.EVENTS
    complaints = cases_of(store, measure_id)
    days = [case.on for case in complaints]
    anchor = anchor_of(TODAY)
    assert 20 <= len(complaints) <= 30 and len(set(days)) == len(days)
    assert anchor + dt.timedelta(days=data.CREATED) <= days[0] and days[-1] < anchor
    # home visits since the fall before on every fall but the first: a G chart can be chosen
    assert complaints[0].value is None and all(c.value and c.value > 0 for c in complaints[1:])
    assert status.chart.chart is Chart.T
    offered = {choice.chart: choice for choice in status.series.choices()}
    assert offered[Chart.T].recommended and offered[Chart.G].problem is None
    assert status.series.labels == tuple(day.isoformat() for day in days[1:])
    # the complaints grew rarer after the letters: a signal for the better
    assert status.signal and status.direction == "better"


def test_a_p_chart_with_one_week_left_out_and_why(store: Store) -> None:
    measure_id = _measure_id(store, charts.YES_NO_NAME)
    status = measure_status(store, measure_id)
    assert status.measure.entry is Entry.YES_NO and status.chart.chart is Chart.P
    (mark,) = marks_of(store, measure_id)
    assert mark.mark is MarkKind.EXCLUDED and mark.reason == charts.HOLIDAY_REASON
    assert mark.id == ChartMark.id_for(mark.project_id, measure_id, mark.point, mark.mark)
    assert list(status.series.excluded.values()) == [charts.HOLIDAY_REASON]
    assert not status.chart.points[status.series.labels.index(mark.point)].include
    assert status.direction == "better"


def test_several_cases_a_week_on_xbar_and_s_charts(store: Store) -> None:
    measure_id = _measure_id(store, charts.CASES_NAME)
    status = measure_status(store, measure_id)
    assert status.measure.entry is Entry.CASES and status.chart.chart is Chart.XBAR
    per_week = Counter(week_period(case.on) for case in cases_of(store, measure_id))
    assert len(per_week) == charts.WEEKS and min(per_week.values()) >= 2
    assert status.series.qic(Chart.S).last is not None
    assert status.direction == "better"
    # in the sick-leave project, after its three weekly measures
    (project,) = store.query("SELECT id FROM projects WHERE id = ?", [status.measure.project_id])
    assert status.measure.order == "0040"
    assert _measure_id(store, charts.YES_NO_NAME) == stable_id(project["id"], "demo_measure",
                                                               "yes_no")


@pytest.mark.parametrize("today", [dt.date(2027, 1, 3), dt.date(2026, 3, 2)])
def test_every_case_lies_before_today_whatever_the_day(tmp_path: Path, today: dt.date) -> None:
    store = open_demo(tmp_path / "demo.db", today=today)
    for name in (charts.CASES_NAME, charts.YES_NO_NAME, charts.COMPLAINTS_NAME):
        measure_id = _measure_id(store, name)
        assert all(case.on < anchor_of(today) for case in cases_of(store, measure_id))
        assert load_series(store, measure_id).chart in (Chart.XBAR, Chart.P, Chart.T)
    store.close()
