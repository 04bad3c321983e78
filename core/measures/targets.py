"""A measure's target as a chart and a sentence read it: one level, or a path from a start value
and date to the goal by a date (`Measure.target_path`, the charter's result goal "fra 21 til 14
dage inden 1. juni").

On a chart the path is drawn point by point: each point's target is the target on the day the
point stands for (`Series.day_of`: the last day of its period, a rare event's own day), so the
week the goal date falls in already shows the goal; assurance reads the same day's target.
"""

from __future__ import annotations

from core.i18n import Translator
from core.measures.signals import Series
from core.measures.words import format_value
from core.models import Measure


def target_points(series: Series) -> tuple[float, ...] | None:
    """The target of each point when the measure's target is a path (None: no path – a flat
    target, or none, is `Measure.target`). In the unit the chart shows (`Series.shown_measure`)."""
    measure = series.shown_measure
    if measure.target_path is None:
        return None
    found = []
    for label in series.labels:
        value = measure.target_on(series.day_of(label))
        assert value is not None  # a path always has a value
        found.append(value)
    return tuple(found)


def target_text(measure: Measure, tr: Translator) -> str:
    """The target in words: "14 dage", or a path "fra 21 til 14 dage inden 01-06-2027" ("" with
    no target)."""
    path = measure.target_path
    if path is None:
        return format_value(measure, measure.target, tr)
    _, start, by, goal = path
    first = format_value(measure, start, tr)
    unit = measure.unit.strip()
    if unit and first.endswith(f" {unit}"):
        first = first[: -len(unit) - 1]  # "fra 21 til 14 dage"
    return tr("splits.target_path", start=first, goal=format_value(measure, goal, tr),
              date=tr.date(by))
