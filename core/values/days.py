"""Days as users type them in a meeting: `24-12-2026`, `24/12`, `uge 52`, `+14`, `fre`, `i går`.

One reader for every date field. `read_day(text, today, looking=...)` is pure: it returns the
date or raises `TavleError` with a catalog key (`action_plan.deadline.*`) saying what was wrong.
What a date without its year means depends on the field, so the field says which way it looks
(`Looking`): a deadline looks ahead (`parse_deadline`), the date of a case or the day a team
started looks back, the start of a target path to the nearest, and a benefit's period is
this year's. The rules:

- `24-12-2026`, `24.12.2026`, `24/12/2026`, `24-12-26` (20yy) and ISO `2026-12-24`: that date.
- `17. aug. 2026`, `17-aug-2026`, `17 august 2026`, `aug 17, 2026` (month names in Danish,
  Norwegian or English, with or without a dot; `MONTH_WORDS`), and without the year like `24-12`.
- A time of day after a date, as Excel exports a date and time (`2026-08-17 00:00:00`): left out.
- Only where the caller says the text came from a spreadsheet cell (`cell=True`): an Excel serial
  number, days since 30 December 1899 (`46251` is 17-08-2026), 1 January 1900 to 31 December
  2100; a fraction (the time of day) is left out.
- `24-12`, `24/12`, `24.12`: ahead, the next such date on or after today (`29-02` is the next
  29 February); back, the last one on or before today; nearest, whichever is nearer; this
  year, this year's (as Excel reads it).
- `uge 52`, `u52`, `uge 52 2027` (also `week`/`w`/`uke`): a day of that ISO week – the Friday
  (the working week's last day) for a deadline, the Monday for a day that starts something, the
  Sunday for the end of a period. Without a year: the next such week (ahead), the last (back),
  the nearer one, or this ISO year's.
- `+14` (days), `+14d`, `+2u`/`+2 uger`/`+2 uker`/`+2w` (weeks): counted from today; `-14`,
  `−2u`: counted back. Written out, they mean what they say whichever way the field looks.
- `fre`, `fredag` and every Danish, Norwegian or English weekday name or 3-letter abbreviation:
  ahead, the next such weekday after today (on a Friday, `fre` is a week later); back, the last
  one before today; otherwise the one in this week.
- `i dag`, `i morgen`, `i overmorgen`, `i går`, `i forgårs` (also without the space), `today`,
  `tomorrow`, `yesterday`.
An impossible date (`31-02-2026`, `uge 54`) is refused, never moved to a nearby day.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from enum import Enum

from core.errors import InvalidError, TavleError
from core.values.dates import parse_date, without_time
from core.values.periods import MONTH_WORDS, typed_week

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
    "i går": -1, "igår": -1, "yesterday": -1,
    "i forgårs": -2, "iforgårs": -2, "forgårs": -2, "i forgår": -2,
}

MAX_DAYS_AHEAD = 3650
"""`+N` (or `-N`) further than ten years from today is a typing slip, not a date."""
WEEK_DEADLINE_DAY = 4
"""The weekday a week's deadline falls on: Friday."""


class Looking(Enum):
    """Which way a date field looks from today when a typed date leaves out its year, and which
    day of a typed week it means."""

    AHEAD = "ahead"
    """A deadline: the next such date; a week is its Friday."""
    BACK = "back"
    """A day that has been (a case, the day a team started, a report's start): the last such
    date; a week is its Monday."""
    NEAREST = "nearest"
    """A day that may lie either side of today (the start of a target path): the nearer one;
    a week is its Monday."""
    THIS_YEAR = "this_year"
    """The start of a period (a benefit's), as Excel reads a date without its year: this year's;
    a week is its Monday. The end of the same period reads the same year, so "uge 1" to
    "uge 26" is this year's first half wherever today is."""
    THIS_YEAR_END = "this_year_end"
    """The end of such a period: this year's; a week is its Sunday."""

    @property
    def week_day(self) -> int:
        """The ISO weekday index (Monday = 0) a typed week means."""
        return {Looking.AHEAD: WEEK_DEADLINE_DAY, Looking.THIS_YEAR_END: 6}.get(self, 0)

_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
_DAY_MONTH = re.compile(r"^(\d{1,2})\s*[-./]\s*(\d{1,2})(?:\s*[-./]\s*(\d{2}|\d{4}))?\.?$")
_PLUS = re.compile(
    r"^([+\-\u2212])\s*(\d{1,5})\s*(d|dg|dag|dage|dager|day|days|u|uge|uger|uke|uker|w|wk|week|weeks)?$"
)
_NAMED_MONTH = re.compile(
    r"^(\d{1,2})\.?\s*[-/.\s]?\s*([a-zæøå]+)\.?(?:\s*[-/.,\s]\s*(\d{4}|\d{2}))?\.?$")
_MONTH_FIRST = re.compile(r"^([a-zæøå]+)\.?\s+(\d{1,2})\.?,?\s+(\d{4})$")
_SERIAL = re.compile(r"^(\d{1,6})(?:[.,]\d+)?$")
EXCEL_EPOCH = dt.date(1899, 12, 30)
"""Day 0 of Excel's serial dates (so 1 is 31-12-1899 as Python counts: Excel's 1900 has a 29
February that never was, and its serials from 1 March 1900 on agree with this)."""
SERIAL_RANGE = (dt.date(1900, 1, 1), dt.date(2100, 12, 31))
"""The days a serial number in a spreadsheet cell is read as a date in."""
_WEEK_UNITS = {"u", "uge", "uger", "uke", "uker", "w", "wk", "week", "weeks"}


def parse_day(
    text: str, field_name: str, today: dt.date, looking: Looking = Looking.AHEAD,
    cell: bool = False,
) -> dt.date | None:
    """Read a date field as every date field reads it (`read_day`); empty is None. Raise
    `InvalidError` on `field_name`, saying why. `cell`: the text came from a spreadsheet cell
    (so a serial number is a date)."""
    if not text.strip():
        return None
    try:
        return parse_date(text, field_name)
    except InvalidError:
        if _FULL_DATE.match(text.strip()):  # a full date that is not a real one: say so
            raise InvalidError([(field_name, "action_plan.deadline.no_such_date",
                                 {"text": text.strip()})]) from None
    try:
        return read_day(text, today, looking, cell=cell)
    except TavleError as error:
        raise InvalidError([(field_name, error.key, dict(error.params))]) from None


def parse_deadline(text: str, today: dt.date) -> dt.date:
    """Return the deadline `text` means, looking ahead from `today`; raise `TavleError` if it
    means none."""
    return read_day(text, today, Looking.AHEAD)


def read_day(text: str, today: dt.date, looking: Looking, cell: bool = False) -> dt.date:
    """Return the date `text` means, counted from `today` the way the field looks; raise
    `TavleError` if it means none. `cell`: the text came from a spreadsheet cell, where a serial
    number is a date (Excel's)."""
    cleaned = without_time(" ".join(text.strip().casefold().split()))
    if not cleaned:
        raise TavleError("action_plan.deadline.empty")
    if cell and (match := _SERIAL.match(cleaned)):
        serial_day = EXCEL_EPOCH + dt.timedelta(days=int(match[1]))
        if not SERIAL_RANGE[0] <= serial_day <= SERIAL_RANGE[1]:
            raise TavleError("action_plan.deadline.unreadable", text=text.strip())
        return serial_day
    if cleaned in RELATIVE_DAYS:
        return today + dt.timedelta(days=RELATIVE_DAYS[cleaned])
    if cleaned.rstrip(".") in WEEKDAYS:
        return _weekday(WEEKDAYS[cleaned.rstrip(".")], today, looking)
    if match := _PLUS.match(cleaned):
        count = int(match[2]) * (7 if match[3] in _WEEK_UNITS else 1)
        if count > MAX_DAYS_AHEAD:
            raise TavleError("action_plan.deadline.too_far" if match[1] == "+"
                             else "action_plan.deadline.too_far_back", text=text.strip())
        return today + dt.timedelta(days=count if match[1] == "+" else -count)
    if match := _ISO.match(cleaned):
        return _date(int(match[1]), int(match[2]), int(match[3]), text)
    if match := _DAY_MONTH.match(cleaned):
        day, month = int(match[1]), int(match[2])
        if match[3] is not None:
            year = int(match[3]) + (2000 if len(match[3]) == 2 else 0)
            return _date(year, month, day, text)
        return _choose(_day_month_in(day, month), today, looking, text)
    if (match := _NAMED_MONTH.match(cleaned)) and match[2] in MONTH_WORDS:
        day, month = int(match[1]), MONTH_WORDS[match[2]]
        if match[3] is not None:
            year = int(match[3]) + (2000 if len(match[3]) == 2 else 0)
            return _date(year, month, day, text)
        return _choose(_day_month_in(day, month), today, looking, text)
    if (match := _MONTH_FIRST.match(cleaned)) and match[1] in MONTH_WORDS:
        return _date(int(match[3]), MONTH_WORDS[match[1]], int(match[2]), text)
    if (week := typed_week(cleaned)) is not None and week.worded:
        if week.year is not None:
            return _week_day(week.year, week.week, looking.week_day)
        return _choose(_week_in(week.week, looking.week_day),
                       today, looking, text, week=week.week)
    raise TavleError("action_plan.deadline.unreadable", text=text.strip())


def _weekday(weekday: int, today: dt.date, looking: Looking) -> dt.date:
    """Ahead: the next such weekday after today; back: the last before today; otherwise the one
    in today's week."""
    if looking is Looking.AHEAD:
        return today + dt.timedelta(days=(weekday - today.weekday() - 1) % 7 + 1)
    if looking is Looking.BACK:
        return today - dt.timedelta(days=(today.weekday() - weekday - 1) % 7 + 1)
    return today + dt.timedelta(days=weekday - today.weekday())


_SEARCH_YEARS = 9
"""How many years either side of today a date without its year is looked for (a 29 February may
be eight years away; an ISO week 53 up to six)."""


def _choose(
    candidates: Callable[[int], dt.date | None], today: dt.date, looking: Looking, text: str,
    week: int | None = None,
) -> dt.date:
    """The date among each year's candidate that the field means: the first on or after today
    (ahead), the last on or before today (back), the one nearest today (an even tie goes
    ahead), or this year's."""
    if looking in (Looking.THIS_YEAR, Looking.THIS_YEAR_END):
        year = today.isocalendar().year if week is not None else today.year
        this_year = candidates(year)
        if this_year is not None:
            return this_year
        if week is not None:
            raise TavleError("action_plan.deadline.no_such_week", week=week, year=year)
        raise TavleError("action_plan.deadline.no_such_date", text=text.strip())
    years = range(today.year - _SEARCH_YEARS, today.year + _SEARCH_YEARS + 1)
    found = [day for day in map(candidates, years) if day is not None]
    ahead = [day for day in found if day >= today]
    back = [day for day in found if day <= today]
    chosen: dt.date | None
    if looking is Looking.AHEAD:
        chosen = min(ahead, default=None)
    elif looking is Looking.BACK:
        chosen = max(back, default=None)
    else:
        chosen = min(found, key=lambda day: (abs((day - today).days), day < today), default=None)
    if chosen is not None:
        return chosen
    if week is not None:
        raise TavleError("action_plan.deadline.no_such_week", week=week, year=today.year)
    raise TavleError("action_plan.deadline.no_such_date", text=text.strip())


def _day_month_in(day: int, month: int) -> Callable[[int], dt.date | None]:
    """`day`-`month` in a given year, or None where there is none (29-02)."""
    def in_year(year: int) -> dt.date | None:
        try:
            return dt.date(year, month, day)
        except ValueError:
            return None

    return in_year


def _week_in(week: int, week_day: int) -> Callable[[int], dt.date | None]:
    """The day of ISO week `week` in a given ISO year, or None where there is no such week."""
    def in_year(year: int) -> dt.date | None:
        try:
            return dt.date.fromisocalendar(year, week, week_day + 1)
        except ValueError:
            return None

    return in_year


def _date(year: int, month: int, day: int, text: str) -> dt.date:
    try:
        return dt.date(year, month, day)
    except ValueError:
        raise TavleError("action_plan.deadline.no_such_date", text=text.strip()) from None


def _week_day(year: int, week: int, week_day: int) -> dt.date:
    try:
        return dt.date.fromisocalendar(year, week, week_day + 1)
    except ValueError:
        raise TavleError("action_plan.deadline.no_such_week", week=week, year=year) from None
