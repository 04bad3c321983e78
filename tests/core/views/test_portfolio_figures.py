"""The portfolio's figures on hand-made projects: days since the last kaizen meeting, open and
overdue actions, signals in the better and worse direction, conflicts, who changed what last,
and a project received from another unit by a real export and import."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from core import clock
from core.db import changelog
from core.db.store import Store
from core.models import (
    Action,
    ActionStatus,
    Direction,
    Measure,
    MeasureKind,
    Measurement,
    Meeting,
    Project,
    week_period,
)
from core.project import projects
from core.sync.exporter import export_scope
from core.sync.importer import apply_import
from core.views.portfolio import (
    PortfolioFilter,
    PortfolioRow,
    PortfolioSignals,
    cached_signals,
    filter_rows,
    load_portfolio,
    portfolio_signals,
    project_signals,
    remember_signals,
    sort_rows,
    units_of,
)
from core.views.presentation import main_measure

TODAY = dt.date(2026, 11, 24)
SHIFT = [20.0, 21, 22, 20, 21, 22, 20, 21, 22, 20, 10, 11, 12, 10, 11, 12, 10, 11, 12, 10]
STABLE = [10.0, 12, 11, 13, 10, 12, 11, 13, 10, 12, 11, 13, 10, 12, 11, 13, 10, 12, 11, 13]


def _unit(tmp_path: Path, name: str) -> Store:
    store = Store.open(tmp_path / f"{name}.db", fingerprint=name)
    with store.transaction():
        store.execute("UPDATE sync_replica SET unit_name = ?", [name])
    store.author = name[:2].upper()
    return store


def _measure(store: Store, project_id: str, name: str, better: Direction,
             values: list[float], target: float | None = None,
             kind: MeasureKind = MeasureKind.COUNT) -> str:
    start = dt.date(2026, 1, 5)
    with store.transaction():
        measure = changelog.create(store, Measure(project_id=project_id, name=name,
                                                  better=better, order=name, target=target,
                                                  kind=kind))
        for week, value in enumerate(values):
            period = week_period(start + dt.timedelta(weeks=week))
            changelog.create(store, Measurement(
                id=Measurement.id_for(project_id, measure.id, period), project_id=project_id,
                measure_id=measure.id, period=period, value=value))
    return measure.id


@pytest.fixture
def store(tmp_path: Path) -> Store:
    return _unit(tmp_path, "Jobcenter Nord")


def _row(rows: list[PortfolioRow], project_id: str) -> PortfolioRow:
    return next(row for row in rows if row.id == project_id)


def test_days_since_meeting_and_open_and_overdue_actions(store: Store) -> None:
    met = projects.create_project(store, "Sygefravær", unit="Jobcenter Nord", leader="Mette")
    never = projects.create_project(store, "Udskrivning", unit="Sundhed")
    late = projects.create_project(store, "Ventetid", unit="Sundhed")
    with store.transaction():
        for held in (TODAY - dt.timedelta(days=30), TODAY - dt.timedelta(days=10),
                     TODAY + dt.timedelta(days=4)):  # a meeting planned ahead does not count
            changelog.create(store, Meeting(project_id=met.id, held_on=held))
        changelog.create(store, Meeting(project_id=late.id, held_on=TODAY - dt.timedelta(20)))
        for change, deadline, status in (
            ("Forsinket", TODAY - dt.timedelta(days=1), ActionStatus.IN_PROGRESS),
            ("Til tiden", TODAY, ActionStatus.NOT_STARTED),
            ("Uden frist", None, ActionStatus.NOT_STARTED),
            ("Færdig sent", TODAY - dt.timedelta(days=9), ActionStatus.DONE),
            ("Annulleret", TODAY - dt.timedelta(days=9), ActionStatus.CANCELLED),
        ):
            changelog.create(store, Action(project_id=met.id, change=change,
                                           deadline=deadline, status=status))
    rows = load_portfolio(store, today=TODAY)
    first = _row(rows, met.id)
    assert (first.days_since_meeting, first.open_actions, first.overdue_actions) == (10, 3, 1)
    listed = {p.id: (p.open_actions, p.overdue_actions)
              for p in projects.list_projects(store, today=TODAY)}
    assert listed == {row.id: (row.open_actions, row.overdue_actions) for row in rows}
    assert (first.unit, first.leader, first.phase) == ("Jobcenter Nord", "Mette", 1)
    assert not first.meeting_overdue()
    assert _row(rows, never.id).days_since_meeting is None
    assert _row(rows, never.id).meeting_overdue()
    assert _row(rows, late.id).meeting_overdue()
    # the last change, who made it and in which unit
    assert first.last_author == "JO" and first.last_unit == "Jobcenter Nord"
    assert first.last_change is not None and not first.received
    assert units_of(rows) == ["Jobcenter Nord", "Sundhed"]


def test_signals_in_the_better_and_the_worse_direction(store: Store) -> None:
    project = projects.create_project(store, "Sygefravær")
    quiet = projects.create_project(store, "Stille")
    _measure(store, project.id, "a: dage til samtale", Direction.LOWER, SHIFT)  # fell: better
    _measure(store, project.id, "b: andel med plan", Direction.HIGHER, SHIFT)  # fell: worse
    _measure(store, project.id, "c: sager", Direction.LOWER, STABLE)
    _measure(store, quiet.id, "stabil", Direction.HIGHER, STABLE)
    assert project_signals(store, project.id) == (1, 1)
    assert project_signals(store, quiet.id) == (0, 0)
    signals = portfolio_signals(store, [project.id, quiet.id])
    assert (signals.better, signals.worse) == ({project.id: 1, quiet.id: 0},
                                              {project.id: 1, quiet.id: 0})
    assert signals.conflicts == {}
    rows = load_portfolio(store, today=TODAY)
    assert _row(rows, project.id).measures == 3
    worse = filter_rows(rows, PortfolioFilter(state="worse"), signals)
    assert [r.id for r in worse] == [project.id]
    ordered = sort_rows(rows, "better", signals, descending=True)
    assert ordered[0].id == project.id


def test_measures_assured_to_meet_and_to_fail_their_target(store: Store) -> None:
    project = projects.create_project(store, "Mål")
    steady = [20.0, 22, 21, 23, 20, 22, 21, 23, 22, 21, 20, 22]  # I chart limits 17,1 and 25,8
    time = MeasureKind.TIME
    _measure(store, project.id, "a", Direction.LOWER, steady, 30.0, time)  # always met
    _measure(store, project.id, "b", Direction.LOWER, steady, 10.0, time)  # never met
    _measure(store, project.id, "c", Direction.LOWER, steady, 21.0, time)  # hit and miss
    _measure(store, project.id, "d", Direction.HIGHER, steady, 10.0, time)  # always met
    signals = portfolio_signals(store, [project.id])
    assert (signals.meets, signals.fails) == ({project.id: 2}, {project.id: 1})
    assert (signals.better, signals.worse) == ({project.id: 0}, {project.id: 0})


def test_signals_are_kept_until_the_next_write(store: Store) -> None:
    project = projects.create_project(store, "Sygefravær")
    assert cached_signals(store) is None
    computed = PortfolioSignals(better={project.id: 2})
    remember_signals(store, store.generation, computed)
    assert cached_signals(store) is computed
    projects.rename_project(store, project.id, "Nyt navn")
    assert cached_signals(store) is None


def test_filter_and_sort(store: Store) -> None:
    a = projects.create_project(store, "Åbne døre", unit="Træning", leader="Ib")
    b = projects.create_project(store, "Bedre udskrivning", unit="Sundhed")
    c = projects.create_project(store, "Color", unit="")
    with store.transaction():
        changelog.update(store, Project, b.id, current_phase=4)
    rows = load_portfolio(store, today=TODAY)
    none = PortfolioSignals()
    assert [r.id for r in filter_rows(rows, PortfolioFilter(unit="sundhed"), none)] == [b.id]
    assert [r.id for r in filter_rows(rows, PortfolioFilter(unit=""), none)] == [c.id]
    assert [r.id for r in filter_rows(rows, PortfolioFilter(phase=4), none)] == [b.id]
    assert [r.id for r in filter_rows(rows, PortfolioFilter(text="IB"), none)] == [a.id]
    assert [r.id for r in filter_rows(rows, PortfolioFilter(state="own"), none)] == [
        r.id for r in rows]
    assert not filter_rows(rows, PortfolioFilter(state="received"), none)
    assert PortfolioFilter(phase=2).active and not PortfolioFilter().active
    assert [r.id for r in sort_rows(rows, "unit", none)] == [b.id, a.id, c.id]  # empty last
    assert sort_rows(rows, "phase", none, descending=True)[0].id == b.id


def test_a_received_project_names_its_unit_and_last_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
) -> None:
    imported_at = dt.datetime(2026, 11, 24, 12, 0, tzinfo=dt.UTC)
    monkeypatch.setattr(clock, "utc_now", lambda: imported_at)
    nord, sundhed = _unit(tmp_path, "Jobcenter Nord"), _unit(tmp_path, "Sundhed")
    project = projects.create_project(nord, "Sygefravær i hjemmeplejen", unit="Jobcenter Nord")
    with nord.transaction():
        action = changelog.create(nord, Action(project_id=project.id, change="Ring op"))
    apply_import(sundhed, export_scope(nord, project.id, folder=tmp_path).path)
    own = projects.create_project(sundhed, "Sundheds eget", unit="Sundhed")
    [received] = [r for r in load_portfolio(sundhed, today=TODAY) if r.id == project.id]
    assert received.received and received.received_from == "Jobcenter Nord"
    assert received.last_file == imported_at.astimezone().date()  # the day it came, here
    assert (received.last_author, received.last_unit) == ("JO", "Jobcenter Nord")
    assert not _row(load_portfolio(sundhed, today=TODAY), own.id).received
    # the sender's own portfolio does not call its project received
    apply_import(nord, export_scope(sundhed, project.id, folder=tmp_path).path)
    assert not _row(load_portfolio(nord, today=TODAY), project.id).received
    # a concurrent edit in both units is a conflict waiting in the portfolio
    with nord.transaction():
        changelog.update(nord, Action, action.id, responsible="LK")
    with sundhed.transaction():
        changelog.update(sundhed, Action, action.id, responsible="PS")
    apply_import(sundhed, export_scope(nord, project.id, folder=tmp_path).path)
    signals = portfolio_signals(sundhed, [project.id, own.id])
    assert signals.conflicts == {project.id: 1}
    rows = load_portfolio(sundhed, today=TODAY)
    assert [r.id for r in filter_rows(rows, PortfolioFilter(state="conflicts"), signals)] == [
        project.id]
    assert [r.id for r in filter_rows(rows, PortfolioFilter(state="received"), signals)] == [
        project.id]


def test_the_main_measure_is_the_first_goals(store: Store) -> None:
    from core.models import ResultGoal

    project = projects.create_project(store, "Sygefravær")
    assert main_measure(store, project.id) is None
    first = _measure(store, project.id, "a", Direction.LOWER, STABLE)
    second = _measure(store, project.id, "b", Direction.LOWER, STABLE)
    assert main_measure(store, project.id) == first
    with store.transaction():
        goal = changelog.create(store, ResultGoal(project_id=project.id, text="Mål", order="1"))
        changelog.create(store, ResultGoal(project_id=project.id, text="Mål 2", order="2",
                                           measure_id=first))
    with store.transaction():
        changelog.update(store, Measure, second, goal_id=goal.id)
    assert main_measure(store, project.id) == second
    with store.transaction():
        changelog.update(store, ResultGoal, goal.id, measure_id=first)
    assert main_measure(store, project.id) == first
