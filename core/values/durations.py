"""Durations typed on workflow steps ("30 min", "2 t", "1-5 dage", "2 uger"): parse and total.

A step's duration is kept as the user typed it. For the map's figures it is read as one or more
"number unit" parts ("1 t 30 min"); a number may be a range ("1-5 dage", "1–5 dage") and may
have a decimal comma or point. Units, Danish, Norwegian and English, short and long:
min/minut(t)(ter), t/time(r)/h/hour(s), d/dag(e)(r)/day(s), u/uge(r)/uke(r)/w/week(s). A day is
a calendar day (24 hours), a week 7 days. Anything else is not understood: the step counts as
"unknown" in the figures.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

Translate = Callable[..., str]
"""A catalog lookup: `core.i18n.Translator` or the UI's `tr`."""

MINUTE, HOUR, DAY, WEEK = 1, 60, 24 * 60, 7 * 24 * 60

UNITS: dict[str, int] = {
    **dict.fromkeys(
        ("m", "min", "mins", "minut", "minutt", "minutter", "minute", "minutes"), MINUTE
    ),
    **dict.fromkeys(("t", "time", "timer", "h", "hour", "hours", "hr", "hrs"), HOUR),
    **dict.fromkeys(("d", "dag", "dage", "dager", "dags", "day", "days"), DAY),
    **dict.fromkeys(("u", "uge", "uger", "uke", "uker", "w", "wk", "week", "weeks"), WEEK),
}

_NUMBER = r"(\d+(?:[.,]\d+)?)"
_PART = re.compile(rf"\s*{_NUMBER}(?:\s*[-–]\s*{_NUMBER})?\s*([^\W\d_]+)\.?\s*")


@dataclass(frozen=True)
class Span:
    """A duration in minutes; `low` < `high` when the user typed a range."""

    low: float
    high: float

    def __add__(self, other: Span) -> Span:
        return Span(self.low + other.low, self.high + other.high)


ZERO = Span(0, 0)


def _number(text: str) -> float:
    return float(text.replace(",", "."))


def parse_duration(text: str) -> Span | None:
    """Read a typed duration; None when it is not understood (an empty text is zero)."""
    text = text.strip().lower()
    if not text:
        return ZERO
    total, position = ZERO, 0
    while position < len(text):
        match = _PART.match(text, position)
        if match is None:
            return None
        unit = UNITS.get(match[3])
        if unit is None:
            return None
        low = _number(match[1])
        high = _number(match[2]) if match[2] else low
        if high < low:
            return None
        total += Span(low * unit, high * unit)
        position = match.end()
    return total


def duration_parts(minutes: float) -> list[tuple[int, str]]:
    """Split minutes into (count, unit) parts, largest first: weeks, days, hours, minutes."""
    left = round(minutes)
    parts = []
    for size, unit in ((WEEK, "week"), (DAY, "day"), (HOUR, "hour"), (MINUTE, "minute")):
        count, left = divmod(left, size)
        if count:
            parts.append((count, unit))
    return parts


def format_minutes(minutes: float, tr: Translate) -> str:
    """Write minutes as people say it ("2 uger 3 dage 4 t"); "0 min" for nothing."""
    parts = duration_parts(minutes)
    if not parts:
        return tr("workflow.duration.minute_many", count=0)
    return " ".join(
        tr(f"workflow.duration.{unit}_{'one' if count == 1 else 'many'}", count=count)
        for count, unit in parts
    )


def format_span(span: Span, tr: Translate) -> str:
    """Write a total, as a range ("2 uger – 3 uger") when a typed range makes it uncertain."""
    if round(span.low) == round(span.high):
        return format_minutes(span.low, tr)
    return tr("workflow.duration.range", low=format_minutes(span.low, tr),
              high=format_minutes(span.high, tr))
