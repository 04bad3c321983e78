"""The rhythm of a project's kaizen meetings: every N days (the guide: 14) and, optionally, a
planned number of meetings (hverdagsinnovation: 4-5 meetings 14-30 days apart). Plain SQL and
dates, so the project overview and the portfolio can warn about a missed meeting without
loading the models.

A project's rhythm is read once (`project_rhythm`) and handed to every function that depends
on it. The next meeting is due N days after the last one; before the first meeting, N days
after the test phase began (the latest move into phase 5), or, when no such move is recorded
(a project made in phase 5, or from before phase moves were recorded), N days after the
project was made. The planned meetings still to come follow the next one N days apart.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from core.db.store import Store

MEETING_EVERY_DAYS = 14
"""The guide's rhythm: a kaizen meeting every 14 days (a project's default)."""
TEST_PHASE = 5
"""The test phase (afprøvningsfasen), when the kaizen meetings are held."""


@dataclass(frozen=True)
class Rhythm:
    """A project's meeting rhythm."""

    every_days: int = MEETING_EVERY_DAYS
    """A kaizen meeting every so many days."""
    planned: int | None = None
    """How many meetings the project plans (None: no number)."""
    start: dt.date | None = None
    """The day the wait for the first meeting counts from (see the module's note)."""

    def overdue(self, days_since: int | None) -> bool:
        """Whether `days_since` the last meeting is more than the rhythm allows."""
        return days_since is not None and days_since > self.every_days


def _local_date(text: str) -> dt.date:
    return dt.datetime.fromisoformat(text).astimezone().date()


def project_rhythm(store: Store, project_id: str) -> Rhythm:
    """The project's rhythm as stored (the defaults where a column is empty)."""
    row = store.execute(
        "SELECT COALESCE(meeting_every_days, ?), planned_meetings, created_on, "
        "(SELECT MAX(decided_at) FROM phase_changes c WHERE c.project_id = p.id AND c._exists "
        "AND c.to_phase = ?) FROM projects p WHERE id = ?",
        [MEETING_EVERY_DAYS, TEST_PHASE, project_id]).fetchone()
    if row is None:
        return Rhythm()
    every, planned, created, tested = row
    start = _local_date(tested) if tested else (
        dt.date.fromisoformat(created[:10]) if created else None)
    return Rhythm(int(every), None if planned is None else int(planned), start)


def last_meeting_date(store: Store, project_id: str, *, before: dt.date | None = None,
                      exclude: str | None = None) -> dt.date | None:
    """The date of the project's latest meeting (on or before `before`, other than `exclude`)."""
    sql = "SELECT MAX(held_on) FROM meetings WHERE project_id = ? AND _exists AND id != ?"
    params: list[Any] = [project_id, exclude or ""]
    if before is not None:
        sql += " AND held_on <= ?"
        params.append(before.isoformat())
    (last,) = store.execute(sql, params).fetchone()
    return dt.date.fromisoformat(last) if last else None


def meetings_held(store: Store, project_id: str, today: dt.date) -> int:
    """How many meetings the project has held on or before today."""
    (count,) = store.execute(
        "SELECT COUNT(*) FROM meetings WHERE project_id = ? AND _exists AND held_on <= ?",
        [project_id, today.isoformat()]).fetchone()
    return int(count)


def days_since_last_meeting(store: Store, project_id: str, today: dt.date) -> int | None:
    """Days since the project's latest meeting on or before today (None: no meeting yet)."""
    last = last_meeting_date(store, project_id, before=today)
    return None if last is None else (today - last).days


def meeting_overdue(store: Store, project_id: str, today: dt.date,
                    rhythm: Rhythm) -> int | None:
    """The days since the last meeting when more than the rhythm's days have passed, else
    None (also when no meeting is held yet)."""
    days = days_since_last_meeting(store, project_id, today)
    return days if rhythm.overdue(days) else None


def next_meeting_due(rhythm: Rhythm, last: dt.date | None) -> dt.date | None:
    """When the next meeting is due: N days after the last one, or after the rhythm's start
    when none is held yet (None: neither is known)."""
    base = last if last is not None else rhythm.start
    return None if base is None else base + dt.timedelta(days=rhythm.every_days)


def planned_dates(rhythm: Rhythm, last: dt.date | None, held: int) -> list[dt.date]:
    """The dates of the planned meetings still to come, N days apart from the next one due
    (empty: no planned number, all of them held, or no date to count from)."""
    first = next_meeting_due(rhythm, last)
    if rhythm.planned is None or first is None:
        return []
    step = dt.timedelta(days=rhythm.every_days)
    return [first + step * n for n in range(max(0, rhythm.planned - held))]


@dataclass(frozen=True)
class MeetingPlan:
    """Where a project stands in its rhythm on a day."""

    rhythm: Rhythm
    held: int
    """Meetings held on or before the day."""
    last: dt.date | None
    next_due: dt.date | None
    remaining: tuple[dt.date, ...]
    """The planned meetings still to come (empty without a planned number)."""
    today: dt.date

    @property
    def days_left(self) -> int | None:
        """Days until the next meeting is due (negative: overdue by so many; None: unknown)."""
        return None if self.next_due is None else (self.next_due - self.today).days

    @property
    def all_held(self) -> bool:
        """Whether every planned meeting is held (False without a planned number)."""
        return self.rhythm.planned is not None and self.held >= self.rhythm.planned

    @property
    def next_number(self) -> int:
        """The number of the next meeting (1 for the first)."""
        return self.held + 1


def meeting_plan(store: Store, project_id: str, today: dt.date, rhythm: Rhythm) -> MeetingPlan:
    """The project's meetings held, the next one due and the planned ones still to come."""
    last = last_meeting_date(store, project_id, before=today)
    held = meetings_held(store, project_id, today)
    return MeetingPlan(rhythm, held, last, next_meeting_due(rhythm, last),
                       tuple(planned_dates(rhythm, last, held)), today)
