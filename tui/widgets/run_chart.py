"""A run chart (or control chart) drawn with plotext into a Static, redrawn when resized.

plotext is imported only when a chart is first drawn (start-up must not pay for it). The figure
is plotext's one shared figure, so drawing happens on the UI thread and starts with `clear()`.
Signal points get another colour AND another marker, so the chart reads on a projector in
black and white too; the median is dashed, the target a solid line, annotations a dotted
vertical line with their number on top.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from rich.text import Text
from textual.widgets import Static

from core.measures.controlchart import ControlChart
from core.measures.runchart import RunChart as Analysis

POINT = "•"
SIGNAL = "◆"
ANNOTATION = "┊"


@dataclass(frozen=True)
class ChartData:
    """What a chart shows; plain data, made by the screen from a `MeasureStatus`."""

    values: Sequence[float]
    ticks: Sequence[str]
    """A short label per point ("u47", "nov 26")."""
    analysis: Analysis
    control: ControlChart | None = None
    """Set to show the control chart (centre and limits) instead of the run chart."""
    target: float | None = None
    marks: Sequence[tuple[int, str]] = field(default_factory=tuple)
    """(point index, label) of annotations drawn at a point."""

    @property
    def signal_indexes(self) -> frozenset[int]:
        if self.control is not None:
            return frozenset(self.control.signal_indexes)
        return self.analysis.signal_indexes


def _tick_positions(count: int, width: int) -> list[int]:
    """Indexes of points that get an x label, spaced by at least 6 columns."""
    if count == 0:
        return []
    room = max(1, (width - 8) // 6)
    step = max(1, -(-count // room))
    return list(range(0, count, step))


def draw(data: ChartData, width: int, height: int) -> str:
    """Draw the chart as ANSI text of `width` × `height` cells."""
    import plotext

    fig = plotext.figure
    fig.clear()
    fig.theme("simple")
    fig.plot_size(max(width, 20), max(height, 6))
    values = list(data.values)
    if not values:
        return ""
    xs = list(range(1, len(values) + 1))
    line = fig.signal(xs, values, marker=plotext.marker("braille", pixel="blue"))
    line.lines()
    fig.draw(line)
    if data.control is None:
        for part in data.analysis.parts:
            if part.centre is None:
                continue
            fig.draw(fig.segment([part.start + 1, part.end], [part.centre, part.centre],
                                 marker=plotext.marker("╌", pixel="magenta")))
    else:
        _draw_limits(fig, plotext, data.control)
    if data.target is not None:
        fig.line(data.target, pixel="green")
    flagged = data.signal_indexes
    signals = sorted(flagged)
    # with more points than half the columns the dots merge into the line: draw the line only
    dots = len(values) * 2 <= width
    plain = [i for i in range(len(values)) if i not in flagged] if dots else []
    if plain:
        fig.draw(fig.signal([xs[i] for i in plain], [values[i] for i in plain],
                            marker=plotext.marker(POINT, pixel="blue")))
    if signals:
        fig.draw(fig.signal([xs[i] for i in signals], [values[i] for i in signals],
                            marker=plotext.marker(SIGNAL, pixel="red")))
    top = max([*values, *(v for v in [data.target] if v is not None)])
    for index, label in data.marks:
        fig.line(index + 1, orientation="vertical", style="dotted", pixel="yellow")
        fig.draw(fig.text(index + 1, top, label))
    positions = _tick_positions(len(values), width)
    fig.ruler("x").ticks([p + 1 for p in positions], [data.ticks[p] for p in positions])
    return str(fig.build())


def _runs_of_equal(series: Sequence[float | None]) -> list[tuple[int, int, float]]:
    """(first index, last index, value) of each stretch of equal values (None left out)."""
    stretches: list[tuple[int, int, float]] = []
    for index, value in enumerate(series):
        if value is None:
            continue
        if stretches and stretches[-1][1] == index - 1 and stretches[-1][2] == value:
            stretches[-1] = (stretches[-1][0], index, value)
        else:
            stretches.append((index, index, value))
    return stretches


def _draw_limits(fig: Any, plotext: Any, chart: ControlChart) -> None:
    """The centre line and the limits of a control chart: a flat segment where they hold
    still, a stepped line where they vary from point to point (varying denominators)."""
    for series, char, colour in ((chart.centre, "─", "magenta"), (chart.lcl, "╌", "red"),
                                 (chart.ucl, "╌", "red")):
        stretches = _runs_of_equal(series)
        marker = plotext.marker(char, pixel=colour)
        if len(stretches) * 4 <= len(series):
            for first, last, value in stretches:
                fig.draw(fig.segment([first + 1, last + 1], [value, value], marker=marker))
            continue
        points = [(x + 1, y) for x, y in enumerate(series) if y is not None]
        if points:
            signal = fig.signal([x for x, _ in points], [y for _, y in points], marker=marker)
            signal.lines()
            fig.draw(signal)


class RunChartView(Static):
    """Shows a `ChartData` as a chart filling the widget; redraws when its size changes."""

    DEFAULT_CSS = """
    RunChartView { height: 1fr; min-height: 8; }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__("", id=id, markup=False)
        self.chart_data: ChartData | None = None
        self._drawn_size = (0, 0)
        self.chart_text = ""
        """The chart's text without colours (what a test or screen reader sees)."""

    def show(self, data: ChartData | None) -> None:
        """Draw `data` (None: empty)."""
        self.chart_data = data
        self._redraw()

    def on_resize(self) -> None:
        if (self.content_size.width, self.content_size.height) != self._drawn_size:
            self._redraw()

    def _redraw(self) -> None:
        width, height = self.content_size.width, self.content_size.height
        self._drawn_size = (width, height)
        if self.chart_data is None or width < 10 or height < 4:
            self.chart_text = ""
            self.update("")
            return
        text = draw(self.chart_data, width, height)
        import plotext

        self.chart_text = plotext.uncolorize(text)
        self.update(Text.from_ansi(text))
