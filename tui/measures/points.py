"""A chart point's name in the UI language: `core.measures.words`' names with the app's
translator (a period "uge 47 2026", "u47", or a rare event's date)."""

from __future__ import annotations

from core.measures import words
from core.models import Measure
from tui.lang import translator


def point_label(measure: Measure, label: str) -> str:
    """A point's name: "uge 47 2026", "november 2026", or an event's date."""
    return words.point_label(measure, label, translator())


def point_tick(measure: Measure, label: str) -> str:
    """A point's short name under the x axis: "u47", "nov 26", or an event's day ("03-11")."""
    return words.point_tick(measure, label, translator())
