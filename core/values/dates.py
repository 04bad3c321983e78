"""Dates as users type them, dd-mm-åååå (or with `.` or `/`, or ISO åååå-mm-dd), and back.

`parse_date` is the one reader of a typed date and `format_date` its writer: what Tavle puts in a
cell to be edited or in a CSV file for Excel, `parse_date` reads back to the same day. Dates shown
to the user follow the language (`Translator.date`: 24-11-2026, 24.11.2026). Given `today`, a
date field takes all that the action plan's deadline takes ("uge 26", "+14", "24/11", "i morgen",
"fre": `core.values.days.parse_deadline`), so every date field reads the same things.
"""

from __future__ import annotations

import datetime as dt
import re

from core.errors import InvalidError

DATE_FORMAT = "%d-%m-%Y"
"""How a date is written to be typed again (dd-mm-åååå), in every language."""

_DATE = re.compile(r"^(\d{1,2})[-./](\d{1,2})[-./](\d{4})$")
_TIME = re.compile(r"^(.*\d)(?:\s+|t)\d{1,2}[:.]\d{2}(?:[:.]\d{2}(?:\.\d+)?)?$", re.IGNORECASE)


def without_time(text: str) -> str:
    """A date without the time of day Excel writes after it when it exports a date and time
    ("2026-08-17 00:00:00", "17-08-2026 00:00", "2026-08-17T00:00:00"); other text as it is."""
    match = _TIME.match(text.strip())
    return match[1] if match else text


def parse_date(text: str, field_name: str = "due") -> dt.date | None:
    """Read a date typed as dd-mm-åååå (or with . or /, or ISO åååå-mm-dd); empty is None.
    (`core.values.days.parse_day` also takes what a deadline takes: "uge 26", "+14".)

    Raise `InvalidError` on `field_name` when the text is not a real date, saying why."""
    text = text.strip()
    if not text:
        return None
    try:
        match = _DATE.match(text)
        if match:
            day, month, year = (int(part) for part in match.groups())
            return dt.date(year, month, day)
        return dt.date.fromisoformat(text)
    except ValueError:
        raise InvalidError([(field_name, "error.date_parsing", {})]) from None


def format_date(day: dt.date | None) -> str:
    """A date as it is typed (dd-mm-åååå); None is empty. `parse_date` reads it back."""
    return day.strftime(DATE_FORMAT) if day is not None else ""
