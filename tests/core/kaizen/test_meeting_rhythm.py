"""A project's own kaizen-meeting rhythm: every N days, optionally a planned number of meetings;
the warning, the next meeting due and the planned dates follow it."""

from __future__ import annotations

import datetime as dt
import itertools
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from core.db import changelog
from core.db.store import Store
from core.db.undo import UndoLog
from core.errors import InvalidError
from core.i18n import Translator
from core.kaizen import meetings
from core.kaizen.rhythm import (
    Rhythm,
    meeting_overdue,
    meeting_plan,
    next_meeting_due,
    planned_dates,
    project_rhythm,
)
from core.models import Meeting, PhaseChange, Project
from core.project import projects
from core.views.portfolio import load_portfolio

TODAY = dt.date(2026, 11, 24)
TX = Translator("da")


@pytest.fixture
def store(tmp_path: Path) -> Store:
    return Store.open(tmp_path / "tavle.db")


def _project(store: Store) -> Project:
    project = projects.create_project(store, "Hverdagsinnovation")
    with store.transaction():
        changelog.update(store, Project, project.id, created_on=TODAY - dt.timedelta(days=100))
    return changelog.load(store, Project, project.id)


def _meeting(store: Store, project_id: str, held_on: dt.date) -> None:
    with store.transaction():
        changelog.create(store, changelog.build(Meeting, project_id=project_id, held_on=held_on))


def test_a_new_project_meets_every_14_days_with_no_number(store: Store) -> None:
    project = _project(store)
    assert (project.meeting_every_days, project.planned_meetings) == (14, None)
    rhythm = project_rhythm(store, project.id)
    assert rhythm == Rhythm(14, None, TODAY - dt.timedelta(days=100))


def test_a_row_from_before_the_rhythm_reads_the_defaults(store: Store) -> None:
    project = _project(store)
    with store.transaction():  # what m020 leaves in rows written before it
        store.db.execute("UPDATE projects SET meeting_every_days = NULL, "
                         "planned_meetings = NULL WHERE id = ?", [project.id])
    loaded = changelog.load(store, Project, project.id)
    assert (loaded.meeting_every_days, loaded.planned_meetings) == (14, None)
    assert project_rhythm(store, project.id).every_days == 14


def test_the_warning_follows_the_rhythm(store: Store) -> None:
    project = _project(store)
    _meeting(store, project.id, TODAY)
    guide = project_rhythm(store, project.id)
    assert meeting_overdue(store, project.id, TODAY + dt.timedelta(days=15), guide) == 15
    meetings.set_rhythm(UndoLog(store), project.id, every_days="21", planned="5")
    own = project_rhythm(store, project.id)
    assert (own.every_days, own.planned) == (21, 5)
    assert meeting_overdue(store, project.id, TODAY + dt.timedelta(days=15), own) is None
    assert meeting_overdue(store, project.id, TODAY + dt.timedelta(days=21), own) is None
    assert meeting_overdue(store, project.id, TODAY + dt.timedelta(days=22), own) == 22
    # the portfolio's column and its "no meeting in time" filter follow it too
    [row] = load_portfolio(store, today=TODAY + dt.timedelta(days=15))
    assert row.meeting_every_days == 21 and not row.meeting_overdue()
    [row] = load_portfolio(store, today=TODAY + dt.timedelta(days=22))
    assert row.meeting_overdue()


def test_the_plan_counts_meetings_held_and_dates_the_rest(store: Store) -> None:
    project = _project(store)
    meetings.set_rhythm(UndoLog(store), project.id, every_days="21", planned="5")
    rhythm = project_rhythm(store, project.id)
    # none yet: the first is due N days after the project was made (no move into phase 5)
    plan = meeting_plan(store, project.id, TODAY, rhythm)
    assert plan.held == 0 and plan.next_number == 1
    assert plan.next_due == TODAY - dt.timedelta(days=79)
    assert len(plan.remaining) == 5
    # two held; a meeting dated after today is not counted
    first, second = TODAY - dt.timedelta(days=30), TODAY - dt.timedelta(days=9)
    for day in (first, second, TODAY + dt.timedelta(days=2)):
        _meeting(store, project.id, day)
    plan = meeting_plan(store, project.id, TODAY, rhythm)
    assert (plan.held, plan.last, plan.next_number) == (2, second, 3)
    assert plan.next_due == dt.date(2026, 12, 6) and plan.days_left == 12
    assert plan.remaining == (dt.date(2026, 12, 6), dt.date(2026, 12, 27), dt.date(2027, 1, 17))
    assert not plan.all_held
    assert meetings.next_meeting_text(plan, TX) == (
        "Næste kaizen-møde: 06-12-2026 (om 12 dage) · møde 3 af 5")
    assert meetings.planned_text(plan, TX) == (
        "Planlagte kaizen-møder: 06-12-2026 · 27-12-2026 · 17-01-2027")
    assert meetings.next_meeting_text(plan, Translator("nb")) == (
        "Neste forbedringsmøte: 06.12.2026 (om 12 dager) · møte 3 av 5")


def test_the_line_says_today_one_day_late_and_all_held(store: Store) -> None:
    project = _project(store)
    _meeting(store, project.id, TODAY - dt.timedelta(days=14))
    rhythm = project_rhythm(store, project.id)
    today = meeting_plan(store, project.id, TODAY, rhythm)
    assert meetings.next_meeting_text(today, TX) == "Næste kaizen-møde: 24-11-2026 (i dag)"
    late = meeting_plan(store, project.id, TODAY + dt.timedelta(days=1), rhythm)
    assert meetings.next_meeting_text(late, TX) == (
        "Næste kaizen-møde: 24-11-2026 (1 dag forsinket)")
    soon = meeting_plan(store, project.id, TODAY - dt.timedelta(days=1), rhythm)
    assert meetings.next_meeting_text(soon, Translator("en")) == (
        "Next kaizen meeting: 24-11-2026 (in 1 day)")
    meetings.set_rhythm(UndoLog(store), project.id, every_days="14", planned="1")
    done = meeting_plan(store, project.id, TODAY, project_rhythm(store, project.id))
    assert done.all_held and done.remaining == ()
    assert meetings.next_meeting_text(done, TX) == (
        "Næste kaizen-møde: 24-11-2026 (i dag) · 1 af 1 møde holdt")
    assert meetings.planned_text(done, TX) == ""


def test_the_first_meeting_counts_from_the_move_into_the_test_phase(store: Store) -> None:
    project = _project(store)
    moved = dt.datetime(2026, 10, 1, 12, 0, tzinfo=dt.UTC)
    with store.transaction():
        changelog.create(store, changelog.build(
            PhaseChange, project_id=project.id, from_phase=4, to_phase=5, decided_at=moved))
    rhythm = project_rhythm(store, project.id)
    assert rhythm.start == moved.astimezone().date()
    assert next_meeting_due(rhythm, None) == rhythm.start + dt.timedelta(days=14)


def test_the_rhythm_is_read_with_the_number_reader_and_undone(store: Store) -> None:
    project = _project(store)
    log = UndoLog(store)
    meetings.set_rhythm(log, project.id, every_days=" 21 ", planned="5,0")
    rhythm = project_rhythm(store, project.id)
    assert (rhythm.every_days, rhythm.planned) == (21, 5)
    refused = {"21,5": "error.int_from_float", "0": "error.greater_than_equal",
               "121": "error.less_than_equal", "hver anden uge": "values.number.unreadable"}
    for text, key in refused.items():
        with pytest.raises(InvalidError) as error:
            meetings.set_rhythm(log, project.id, every_days=text, planned="")
        assert [(p[0], p[1]) for p in error.value.problems] == [("meeting_every_days", key)]
    with pytest.raises(InvalidError) as error:
        meetings.set_rhythm(log, project.id, every_days="14", planned="51")
    assert error.value.message(TX) == (
        "Antal planlagte kaizen-møder: Værdien er for stor. Skriv et tal, der er højst 50.")
    # empty: the guide's 14 days and no number
    meetings.set_rhythm(log, project.id, every_days="", planned="")
    assert project_rhythm(store, project.id).every_days == 14
    assert project_rhythm(store, project.id).planned is None
    log.undo()
    assert project_rhythm(store, project.id).planned == 5


@given(every=st.integers(1, 120), planned=st.none() | st.integers(1, 50),
       held=st.integers(0, 60),
       last=st.none() | st.dates(dt.date(2000, 1, 1), dt.date(2090, 12, 31)),
       start=st.dates(dt.date(2000, 1, 1), dt.date(2090, 12, 31)))
def test_the_planned_dates_are_the_rhythm_apart(every: int, planned: int | None, held: int,
                                                last: dt.date | None, start: dt.date) -> None:
    rhythm = Rhythm(every, planned, start)
    due = next_meeting_due(rhythm, last)
    assert due is not None
    assert (due - (last or start)).days == every
    dates = planned_dates(rhythm, last, held)
    assert len(dates) == (0 if planned is None else max(0, planned - held))
    if dates:
        assert dates[0] == due
        assert all((b - a).days == every for a, b in itertools.pairwise(dates))
    assert rhythm.overdue(every) is False and rhythm.overdue(every + 1) is True
    assert rhythm.overdue(None) is False
