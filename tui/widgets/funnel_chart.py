"""A funnel plot drawn with plotext, and the panel around it (heading, legend, chart, the
outliers in words, the table of units) that the teams' and the portfolio's funnel screens share.

`FunnelChart` draws a `core.teams.funnel.Funnel` with plotext (UI thread only: its figure is
shared, as in `tui.widgets.run_chart`). Nothing reads by colour alone: a unit inside is •, past
the 95 % limit △ or ▽, past the 99.8 % limit ▲ or ▼; the overall line is ─, the 95 % limits ┈,
the 99.8 % limits ╌ (the control limits' and warning lines' characters on the run chart).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any, ClassVar

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import Label

from core.teams.funnel import (
    MARKERS,
    Funnel,
    Position,
    Shown,
    funnel_table,
    rate_range,
    summary_sentences,
)
from tui.lang import tr, translator
from tui.widgets.row_table import RowTable, cell
from tui.widgets.run_chart import AnsiChartView, Ink, nice_step

OVERALL = "─"
LIMIT_95 = "┈"
LIMIT_998 = "╌"
STYLE_NAMES = ("inside", "outside", "overall", "limit_95", "limit_998", "axis")
Y_TICKS = 5
X_TICKS = 5


def _ticks(low: float, high: float, count: int) -> list[float]:
    """Round values between `low` and `high` for an axis."""
    if high <= low:
        return [low]
    step = nice_step((high - low) / max(1, count - 1))
    first = math.ceil(low / step) * step
    values = []
    value = first
    while value <= high + step * 1e-9:
        values.append(round(value, 10))
        value += step
    return values


def _decimals(values: list[float]) -> int:
    if len(values) < 2:
        return 1
    step = values[1] - values[0]
    return 0 if step >= 1 else min(4, math.ceil(-math.log10(step)))


def draw_funnel(result: Funnel, shown: Shown, width: int, height: int, *,
                palette: dict[str, Ink] | None = None) -> str:
    """Draw `result` as ANSI text of `width` × `height` cells ("" when nothing fits)."""
    if not result.units or width < 20 or height < 6:
        return ""
    import plotext

    tx = translator()
    inks = palette or {}

    def pixel(name: str) -> Any:
        ink = inks.get(name, Ink())
        return plotext.pixel(foreground=ink.rgb, style="bold" if ink.bold else None)

    def marker(char: str, name: str) -> Any:
        return plotext.marker(char, pixel=pixel(name))

    scale = shown.scale
    low, high = (v * scale for v in rate_range(result))
    pad = (high - low) * 0.05 or max(abs(high), 1.0) * 0.05
    low, high = max(0.0, low - pad), high + pad
    y_ticks = _ticks(low, high, Y_TICKS)
    decimals = _decimals(y_ticks)
    y_labels = [tx.number(v, decimals) for v in y_ticks]
    left = max(len(text) for text in y_labels)
    first_n, last_n = result.curve[0].n, result.curve[-1].n
    x_ticks = [v for v in _ticks(first_n, last_n, X_TICKS) if first_n <= v <= last_n]

    plotext.terminal.limit(False, False)
    fig = plotext.figure
    fig.clear()
    plotext.add_theme("tavle", text=inks.get("axis", Ink()).rgb)
    fig.theme("tavle")
    fig.plot_size(width, height)
    fig.axes(False, axis="x", side="upper")
    fig.axes(False, axis="y", side="right")
    fig.ruler("y").lim(low, high)
    fig.ruler("y").ticks(y_ticks, [text.rjust(left) for text in y_labels])
    fig.ruler("x").lim(first_n, last_n)
    fig.ruler("x").ticks(x_ticks, [tx.number(v, 0) for v in x_ticks])

    ns = [at.n for at in result.curve]

    def line(values: list[float], char: str, name: str) -> None:
        kept = [(n, min(max(v * scale, low), high)) for n, v in zip(ns, values, strict=True)]
        drawn = fig.signal([n for n, _ in kept], [v for _, v in kept], marker=marker(char, name))
        drawn.lines()
        fig.draw(drawn)

    line([at.high_998 for at in result.curve], LIMIT_998, "limit_998")
    line([at.low_998 for at in result.curve], LIMIT_998, "limit_998")
    line([at.high_95 for at in result.curve], LIMIT_95, "limit_95")
    line([at.low_95 for at in result.curve], LIMIT_95, "limit_95")
    line([result.overall] * len(ns), OVERALL, "overall")
    for where in Position:
        units = [u for u in result.units if u.position is where]
        if units:
            style = "inside" if where is Position.INSIDE else "outside"
            fig.draw(fig.signal([u.n for u in units], [u.rate * scale for u in units],
                                marker=marker(MARKERS[where], style)))
    return str(fig.build().string())


class FunnelChart(AnsiChartView):
    """Shows a `Funnel` filling the widget; redraws when resized. `chart_text` is the plain
    text (what a test or a screen reader sees)."""

    PREFIX: ClassVar[str] = "funnel-chart"
    MARKS: ClassVar[Sequence[str]] = STYLE_NAMES
    COMPONENT_CLASSES: ClassVar[set[str]] = {f"funnel-chart--{name}" for name in STYLE_NAMES}

    DEFAULT_CSS = """
    FunnelChart { height: 1fr; min-height: 6; }
    FunnelChart > .funnel-chart--inside { color: $secondary; text-style: bold; }
    FunnelChart > .funnel-chart--outside { color: $error; text-style: bold; }
    FunnelChart > .funnel-chart--overall { color: $primary; }
    FunnelChart > .funnel-chart--limit_95 { color: $warning; }
    FunnelChart > .funnel-chart--limit_998 { color: $error; }
    FunnelChart > .funnel-chart--axis { color: $text-muted; }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.funnel: Funnel | None = None
        self.shown = Shown()

    def show(self, result: Funnel | None, shown: Shown) -> None:
        self.funnel, self.shown = result, shown
        self._redraw()

    def chart_texts(self, width: int, height: int) -> list[str]:
        if self.funnel is None:
            return []
        text = draw_funnel(self.funnel, self.shown, width, height, palette=self._palette())
        return [text] if text else []


class FunnelPanel(Vertical):
    """Heading, legend, chart, the outliers in words and the table of units."""

    DEFAULT_CSS = """
    FunnelPanel { height: 1fr; }
    FunnelPanel > .funnel-heading { padding: 0 1; text-style: bold; width: 100%; }
    FunnelPanel > .funnel-legend { padding: 0 1; color: $text-muted; width: 100%; }
    FunnelPanel > .funnel-words { padding: 0 1; width: 100%; height: auto; }
    FunnelPanel > #funnel-units { height: auto; max-height: 9; }
    """

    def compose(self) -> ComposeResult:
        yield Label("", id="funnel-heading", classes="funnel-heading", markup=False)
        yield Label("", id="funnel-legend", classes="funnel-legend", markup=False)
        yield Label("", id="funnel-empty", classes="empty-hint", markup=False)
        yield FunnelChart(id="funnel-chart")
        yield Label("", id="funnel-words", classes="funnel-words", markup=False)
        yield RowTable(id="funnel-units")

    def show(self, heading: str, result: Funnel | None, shown: Shown, *, what: str = "teams",
             hint: str = "") -> None:
        """Show `result` under `heading`, or `hint` when there is nothing to plot."""
        tx = translator()
        empty = hint or not result or not result.units
        self.query_one("#funnel-heading", Label).update(Content(heading))
        legend = "" if empty else tr("funnel.legend")
        self.query_one("#funnel-legend", Label).update(Content(legend))
        label = self.query_one("#funnel-empty", Label)
        label.update(Content(hint))
        label.display = bool(hint)
        chart = self.query_one("#funnel-chart", FunnelChart)
        chart.display = not empty
        chart.show(None if empty else result, shown)
        words = summary_sentences(result, shown, tx, what=what) if result and not hint else []
        self.query_one("#funnel-words", Label).update(Content("\n".join(words)))
        table = self.query_one("#funnel-units", RowTable)
        table.clear(columns=True)
        table.display = not empty
        if empty or result is None:
            return
        for key in ("team" if what == "teams" else "unit", "n", "rate", "position"):
            table.add_column(cell(tr(f"funnel.column.{key}")), key=key)
        for unit, row in zip(result.units, funnel_table(result, shown, tx), strict=True):
            table.add_row(*(cell(text) for text in row), key=unit.key)
