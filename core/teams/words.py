"""Team figures in words: a value with its unit, the change since the last period, the state
with a marker (never colour alone), from the catalogs."""

from __future__ import annotations

from core.i18n import Translator
from core.models import KeyFigure, MeasureKind
from core.teams.signals import FigureState

MARKERS = {
    "signal_worse": "▼", "signal_better": "▲", "off_target": "✗", "on_target": "✓",
    "no_signal": "·", "no_data": " ",
}
"""A marker per verdict, so the state reads in black and white on a projector."""
THRESHOLD_MARKER = "⚠"


def format_figure(figure: KeyFigure, value: float | None, tr: Translator) -> str:
    """A value as the figure shows it: "4,8 %", "31,5 timer", "42 borgere"."""
    if value is None:
        return ""
    number = tr.number(value, 0 if figure.kind is MeasureKind.COUNT else 1)
    unit = figure.unit.strip()
    if unit == "%":
        return tr("format.percent", value=number)
    return f"{number} {unit}".strip()


def change_text(state: FigureState, tr: Translator) -> str:
    """The change since the previous period, signed, with whether it is better or worse
    ("+5,7 (værre)"; the unit is the value's)."""
    change = state.change
    if change is None:
        return ""
    if change == 0:
        return tr("teams.dashboard.no_change")
    sign = "+" if change > 0 else "−"
    amount = tr.number(abs(change), 1)
    key = "teams.dashboard.change_better" if state.change_better else "teams.dashboard.change_worse"
    return tr(key, change=f"{sign}{amount}")


def verdict_text(state: FigureState, tr: Translator) -> str:
    """The state in words with its marker; past the alert threshold says so too."""
    verdict = state.verdict
    text = f"{MARKERS[verdict]} {tr(f'teams.state.{verdict}')}".strip()
    if state.past_threshold:
        text = f"{text} {THRESHOLD_MARKER} {tr('teams.state.past_threshold')}"
    return text
