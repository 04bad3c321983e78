"""Deadlines as Danish users type them in a meeting: `24-12-2026`, `24/12`, `uge 52`, `+14`, `fre`.

`parse_deadline(text, today)` is pure: it returns the date or raises `TavleError` with a catalog
key (`action_plan.deadline.*`) saying what was wrong. The rules:

- `24-12-2026`, `24.12.2026`, `24/12/2026`, `24-12-26` (20yy) and ISO `2026-12-24`: that date.
- `24-12`, `24/12`, `24.12`: the next such date on or after today (this year, or next year when
  it has passed; `29-02` is the next 29 February).
- `uge 52`, `u52`, `uge 52 2027` (also `week`/`w`/`uke`): the Friday of that ISO week, the
  working week's last day. Without a year: the next such week whose Friday is on or after today.
- `+14` (days), `+14d`, `+2u`/`+2 uger`/`+2 uker`/`+2w` (weeks): counted from today.
- `fre`, `fredag` and every Danish or English weekday name or 3-letter abbreviation: the next
  such weekday after today (on a Friday, `fre` is a week later).
- `i dag`, `idag`, `i morgen`, `imorgen`, `i overmorgen` and `today`, `tomorrow`.
An impossible date (`31-02-2026`, `uge 54`) is refused, never moved to a nearby day.
"""

from __future__ import annotations

import datetime as dt
import re

from core.errors import InvalidError, TavleError
from core.values.dates import parse_date
from core.values.periods import typed_week

_FULL_DATE = re.compile(r"^(\d{1,2})[-./](\d{1,2})[-./](\d{4})$")

_WEEKDAY_NAMES: tuple[tuple[str, ...], ...] = (
    ("mandag", "man", "monday", "mon"),
    ("tirsdag", "tir", "tirs", "tuesday", "tue", "tues"),
    ("onsdag", "ons", "wednesday", "wed"),
    ("torsdag", "tor", "tors", "thursday", "thu", "thur", "thurs"),
    ("fredag", "fre", "friday", "fri"),
    ("lørdag", "lør", "lordag", "saturday", "sat"),
    ("søndag", "søn", "sondag", "sunday", "sun"),
)
WEEKDAYS: dict[str, int] = {
    name: index for index, names in enumerate(_WEEKDAY_NAMES) for name in names
}
"""Every weekday name the parser knows, lower case, to its ISO weekday index (Monday = 0)."""

RELATIVE_DAYS: dict[str, int] = {
    "i dag": 0, "idag": 0, "today": 0,
    "i morgen": 1, "imorgen": 1, "tomorrow": 1,
    "i overmorgen": 2, "overmorgen": 2,
}

MAX_DAYS_AHEAD = 3650
"""`+N` further ahead than ten years is a typing slip, not a deadline."""
WEEK_DEADLINE_DAY = 4
"""The weekday a week's deadline falls on: Friday."""

_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
_DAY_MONTH = re.compile(r"^(\d{1,2})\s*[-./]\s*(\d{1,2})(?:\s*[-./]\s*(\d{2}|\d{4}))?\.?$")
_PLUS = re.compile(
    r"^\+\s*(\d{1,5})\s*(d|dg|dag|dage|dager|day|days|u|uge|uger|uke|uker|w|wk|week|weeks)?$"
)
_WEEK_UNITS = {"u", "uge", "uger", "uke", "uker", "w", "wk", "week", "weeks"}


def parse_day(text: str, field_name: str, today: dt.date) -> dt.date | None:
    """Read a date as every date field given today reads it: a full date (`parse_date`), or
    what a deadline takes ("uge 26", "+14", "24/11", "i morgen"); empty is None. Raise
    `InvalidError` on `field_name`, saying why."""
    try:
        return parse_date(text, field_name)
    except InvalidError:
        if _FULL_DATE.match(text.strip()):
            raise  # a full date that is not a real one (31-02-2026): say so
    try:
        return parse_deadline(text, today)
    except TavleError as error:
        raise InvalidError([(field_name, error.key, dict(error.params))]) from None


def parse_deadline(text: str, today: dt.date) -> dt.date:
    """Return the date `text` means, counted from `today`; raise `TavleError` if it means none."""
    cleaned = " ".join(text.strip().casefold().split())
    if not cleaned:
        raise TavleError("action_plan.deadline.empty")
    if cleaned in RELATIVE_DAYS:
        return today + dt.timedelta(days=RELATIVE_DAYS[cleaned])
    if cleaned.rstrip(".") in WEEKDAYS:
        ahead = (WEEKDAYS[cleaned.rstrip(".")] - today.weekday() - 1) % 7 + 1
        return today + dt.timedelta(days=ahead)
    if match := _PLUS.match(cleaned):
        count = int(match[1]) * (7 if match[2] in _WEEK_UNITS else 1)
        if count > MAX_DAYS_AHEAD:
            raise TavleError("action_plan.deadline.too_far", text=text.strip())
        return today + dt.timedelta(days=count)
    if match := _ISO.match(cleaned):
        return _date(int(match[1]), int(match[2]), int(match[3]), text)
    if match := _DAY_MONTH.match(cleaned):
        day, month = int(match[1]), int(match[2])
        if match[3] is not None:
            year = int(match[3]) + (2000 if len(match[3]) == 2 else 0)
            return _date(year, month, day, text)
        return _next_day_month(day, month, today, text)
    if (week := typed_week(cleaned)) is not None and week.worded:
        if week.year is not None:
            return _week_friday(week.year, week.week, text)
        return _next_week(week.week, today, text)
    raise TavleError("action_plan.deadline.unreadable", text=text.strip())


def _date(year: int, month: int, day: int, text: str) -> dt.date:
    try:
        return dt.date(year, month, day)
    except ValueError:
        raise TavleError("action_plan.deadline.no_such_date", text=text.strip()) from None


def _next_day_month(day: int, month: int, today: dt.date, text: str) -> dt.date:
    """The next `day`-`month` on or after today (a 29 February may be up to 8 years away)."""
    for year in range(today.year, today.year + 9):
        try:
            candidate = dt.date(year, month, day)
        except ValueError:
            continue
        if candidate >= today:
            return candidate
    raise TavleError("action_plan.deadline.no_such_date", text=text.strip())


def _week_friday(year: int, week: int, text: str) -> dt.date:
    try:
        return dt.date.fromisocalendar(year, week, WEEK_DEADLINE_DAY + 1)
    except ValueError:
        raise TavleError("action_plan.deadline.no_such_week", week=week, year=year) from None


def _next_week(week: int, today: dt.date, text: str) -> dt.date:
    """The Friday of the next ISO week numbered `week` whose Friday is on or after today."""
    this_year = today.isocalendar().year
    for year in range(this_year, this_year + 7):
        try:
            friday = dt.date.fromisocalendar(year, week, WEEK_DEADLINE_DAY + 1)
        except ValueError:
            continue
        if friday >= today:
            return friday
    raise TavleError("action_plan.deadline.no_such_week", week=week, year=this_year)
