"""The rhythm of kaizen meetings: every 14 days. Plain SQL and dates, so the project overview can
warn about a missed meeting without loading the models."""

from __future__ import annotations

import datetime as dt
from typing import Any

from core.db.store import Store

MEETING_EVERY_DAYS = 14
"""The guide's rhythm: a kaizen meeting every 14 days."""


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


def days_since_last_meeting(store: Store, project_id: str, today: dt.date) -> int | None:
    """Days since the project's latest meeting on or before today (None: no meeting yet)."""
    last = last_meeting_date(store, project_id, before=today)
    return None if last is None else (today - last).days


def meeting_overdue(store: Store, project_id: str, today: dt.date) -> int | None:
    """The days since the last meeting when more than 14 have passed, else None."""
    days = days_since_last_meeting(store, project_id, today)
    return days if days is not None and days > MEETING_EVERY_DAYS else None
