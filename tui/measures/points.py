"""A chart point's name: a period ("uge 47 2026", "u47") or, for rare events, the event's date."""

from __future__ import annotations

import datetime as dt

from core.models import Entry, Measure
from core.values.periods import period_label, period_tick
from tui.lang import translator


def point_label(measure: Measure, label: str) -> str:
    """A point's name: "uge 47 2026", "november 2026", or an event's date."""
    t = translator()
    if measure.entry is Entry.EVENTS:
        return t.date(dt.date.fromisoformat(label))
    return period_label(label, t)


def point_tick(measure: Measure, label: str) -> str:
    """A point's short name under the x axis: "u47", "nov 26", or an event's day ("03/11")."""
    if measure.entry is Entry.EVENTS:
        return dt.date.fromisoformat(label).strftime("%d/%m")
    return period_tick(label, translator())
