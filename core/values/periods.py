"""Periods of measurements: ISO weeks (`2026-W47`) and months (`2026-11`).

Weekly and fortnightly measures are stored by the ISO week their period starts in; monthly ones
by month. This module finds the next period, the period of a date and the date of a period,
reads what users type and Excel writes ("47", "uge 47", "u47 2026", "uke 45 2026",
"2026 uge 45", "2026-W47", "46-2026" (a week: no month is 46), "11-2026", "nov 2026",
"nov. 2026", "nov-26") and names periods the way Danes do ("uge 47 2026", "november 2026").
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from core.errors import InvalidError, TavleError
from core.models.measure import Frequency, check_period, week_period
from core.values.dates import parse_date, without_time

if TYPE_CHECKING:
    from core.i18n import Translator

_WEEK = re.compile(r"^(\d{4})-W(\d{2})$")
_MONTH = re.compile(r"^(\d{4})-(\d{2})$")

MONTH_WORDS: dict[str, int] = {
    # Danish, Norwegian and English month names and abbreviations users type
    "jan": 1, "januar": 1, "january": 1, "feb": 2, "februar": 2, "february": 2,
    "mar": 3, "mart": 3, "marts": 3, "mars": 3, "march": 3, "apr": 4, "april": 4,
    "maj": 5, "mai": 5, "may": 5,
    "jun": 6, "juni": 6, "june": 6, "jul": 7, "juli": 7, "july": 7, "aug": 8, "august": 8,
    "sep": 9, "sept": 9, "september": 9, "okt": 10, "oktober": 10, "oct": 10, "october": 10,
    "nov": 11, "november": 11, "dec": 12, "december": 12, "des": 12, "desember": 12,
    "febr": 2, "mrt": 3,
}
"""Danish, Norwegian and English month names and abbreviations (lower case, no dot) to their
number: the one list periods and dates read month names from."""


def is_week(period: str) -> bool:
    """Whether a period is an ISO week (else a month)."""
    return bool(_WEEK.match(period))


def period_start(period: str) -> dt.date:
    """The first day of a period (the Monday of a week, the 1st of a month)."""
    if match := _WEEK.match(period):
        return dt.date.fromisocalendar(int(match[1]), int(match[2]), 1)
    if match := _MONTH.match(period):
        return dt.date(int(match[1]), int(match[2]), 1)
    raise ValueError(period)


def period_end(period: str, frequency: Frequency) -> dt.date:
    """The last day a measurement of this period covers."""
    return period_start(next_period(period, frequency)) - dt.timedelta(days=1)


def period_of(day: dt.date, frequency: Frequency) -> str:
    """The period a date falls in (the ISO week for weekly and fortnightly measures)."""
    if frequency is Frequency.MONTHLY:
        return f"{day.year:04d}-{day.month:02d}"
    return week_period(day)


def next_period(period: str, frequency: Frequency) -> str:
    """The period after `period`: the next ISO week, two weeks on, or the next month."""
    start = period_start(period)
    if frequency is Frequency.MONTHLY:
        month = start.month % 12 + 1
        return f"{start.year + (start.month == 12):04d}-{month:02d}"
    days = 14 if frequency is Frequency.FORTNIGHTLY else 7
    return week_period(start + dt.timedelta(days=days))


def proposed_period(last: str | None, frequency: Frequency, today: dt.date) -> str:
    """The period quick entry proposes: the one after the last measured, or the current one."""
    return next_period(last, frequency) if last else period_of(today, frequency)


WEEK_WORDS = ("uge", "uke", "week", "wk", "u", "w")
"""The words a typed week may start with (Danish, Norwegian, English): "uge 47", "u47", "w47"."""
_TYPED_WEEK = re.compile(
    rf"^(?:({'|'.join(WEEK_WORDS)})\.?)?\s*(\d{{1,2}})(?:[\s/,.-]+(\d{{4}}))?$")
_ISO_WEEK = re.compile(r"^(\d{4})\s*-?\s*w\s*(\d{1,2})$")
_YEAR_WEEK = re.compile(rf"^(\d{{4}})[\s/,.-]+(?:{'|'.join(WEEK_WORDS)})\.?\s*(\d{{1,2}})$")
_SLASH_WEEK = re.compile(r"^(\d{1,2})\s*/\s*(\d{4})$")
_NUM_MONTH = re.compile(r"^(\d{1,2})\s*[-/.]\s*(\d{4})$|^(\d{4})\s*[-/.]\s*(\d{1,2})$")
_WORD_MONTH = re.compile(r"^([a-zæøå]+)\.?(?:[\s/,.-]+(\d{4}|\d{2}))?$")


@dataclass(frozen=True)
class TypedWeek:
    """A week as typed: its number, its year if one was typed, and whether it was named a week
    ("uge 47", "w47", "2026-W47") rather than a bare number ("47", "47 2026")."""

    week: int
    year: int | None
    worded: bool


def typed_week(text: str) -> TypedWeek | None:
    """Read "uge 47", "u47 2026", "uke. 47", "w47", "47", "47/2026", "2026 uge 47" or "2026-W47"
    (lower case, trimmed) as a week number with its year if typed; None when the text is no week
    so typed. The one reader of typed weeks: periods, deadlines and the team CSV use it."""
    if match := _ISO_WEEK.match(text) or _YEAR_WEEK.match(text):
        return TypedWeek(int(match[2]), int(match[1]), True)
    if match := _TYPED_WEEK.match(text):
        return TypedWeek(int(match[2]), int(match[3]) if match[3] else None, bool(match[1]))
    return None


def read_week(text: str, today: dt.date, frequency: Frequency = Frequency.WEEKLY) -> str:
    """The period of a file's period cell: from "2026-W47", "uge 47 2026", "47/2026", "46-2026",
    a date (its period; also as Excel exports a date and time) or any period `read_period`
    reads, fitted to `frequency` (an ISO week for a weekly figure, a month for a monthly one);
    raise `TavleError` with a catalog key if unreadable. "47/2026" is week 47 here (a weekly
    file's column), never a month."""
    raw = text.strip()
    if match := _SLASH_WEEK.match(raw):
        return fit_period(_week(int(match[2]), int(match[1]), raw), frequency)
    try:
        day = parse_date(without_time(raw), "period")
    except InvalidError:
        day = None
    if day is not None:
        return period_of(day, frequency)
    return parse_period(raw, frequency, today)


def parse_period(text: str, frequency: Frequency, today: dt.date) -> str:
    """Read a period as users type it, fitted to the measure's frequency (see `read_period`)."""
    return fit_period(read_period(text, frequency, today), frequency)


def read_period(text: str, frequency: Frequency, today: dt.date) -> str:
    """Read a period the way users type it; raise `TavleError` with a catalog key if unreadable.

    Weeks: "47", "uge 47", "u47 2026", "uke 45 2026", "2026 uge 45", "2026-W47", "w47",
    "46-2026". Months: "11" (for a monthly measure), "11-2026", "2026-11", "nov 2026",
    "nov. 2026", "nov-26" (Excel's mmm-yy), "november". A week or month without a year is the
    latest one that starts at most half a year after `today`."""
    raw = text.strip()
    clean = raw.lower()
    if not clean:
        raise TavleError("periods.error.empty")
    week = typed_week(clean)
    if week is not None and week.year is not None and week.worded and clean[0].isdigit():
        return _week(week.year, week.week, raw)  # 2026-W47
    if match := _NUM_MONTH.match(clean):
        month, year = (match[1], match[2]) if match[1] else (match[4], match[3])
        if match[1] and 12 < int(month) <= 53:  # "46-2026": no month is 46, so a week
            return _week(int(year), int(month), raw)
        return _month(int(year), int(month), raw)
    if week is not None and (week.worded or frequency is not Frequency.MONTHLY):
        if week.year is not None:
            return _week(week.year, week.week, raw)
        return _guess_year_week(week.week, today, raw)
    if week is not None:  # a bare number for a monthly measure: a month
        year = week.year if week.year is not None else _guess_year_month(week.week, today)
        return _month(year, week.week, raw)
    if (match := _WORD_MONTH.match(clean)) and match[1] in MONTH_WORDS:
        month = MONTH_WORDS[match[1]]
        year = (int(match[2]) + (2000 if len(match[2]) == 2 else 0) if match[2]
                else _guess_year_month(month, today))
        return _month(year, month, raw)
    raise TavleError("periods.error.unreadable", text=raw)


def fit_period(period: str, frequency: Frequency) -> str:
    """The period a measure of `frequency` stores for a typed period (a week typed for a monthly
    measure becomes the month its Monday is in; a month for a weekly one its first week)."""
    if frequency is Frequency.MONTHLY and is_week(period):
        return period_of(period_start(period), frequency)
    if frequency is not Frequency.MONTHLY and not is_week(period):
        return week_period(period_start(period))
    return period


def _week(year: int, week: int, raw: str) -> str:
    try:
        dt.date.fromisocalendar(year, week, 1)
    except ValueError:
        raise TavleError("periods.error.no_such_week", week=week, year=year) from None
    return check_period(f"{year:04d}-W{week:02d}")


def _month(year: int, month: int, raw: str) -> str:
    if not 1 <= month <= 12 or year < 1:
        raise TavleError("periods.error.unreadable", text=raw)
    return f"{year:04d}-{month:02d}"


def _guess_year_week(week: int, today: dt.date, raw: str) -> str:
    """The latest ISO year whose week `week` starts at most 26 weeks after `today`."""
    current = today.isocalendar()[0]
    limit = today + dt.timedelta(weeks=26)
    for year in (current + 1, current, current - 1):
        try:
            if dt.date.fromisocalendar(year, week, 1) <= limit:
                return _week(year, week, raw)
        except ValueError:
            continue
    raise TavleError("periods.error.no_such_week", week=week, year=current)


def _guess_year_month(month: int, today: dt.date) -> int:
    """The latest year whose month `month` starts at most six months after `today`."""
    ahead = (month - today.month) % 12
    return today.year + (today.month + ahead > 12) if ahead <= 6 else (
        today.year - (month > today.month))


def period_label(period: str, tr: Translator) -> str:
    """A period's name: "uge 47 2026" or "november 2026"."""
    start = period_start(period)
    if is_week(period):
        year, week, _ = start.isocalendar()
        return tr.week(year, week)
    return tr("periods.month_year", month=tr(f"periods.month.m{start.month}"), year=start.year)


def period_tick(period: str, tr: Translator) -> str:
    """A short name for an x axis: "u47" or "nov 26"."""
    start = period_start(period)
    if is_week(period):
        return tr("periods.week_tick", week=start.isocalendar()[1])
    return tr("periods.month_tick", month=tr(f"periods.short.m{start.month}"),
              year=f"{start.year % 100:02d}")
