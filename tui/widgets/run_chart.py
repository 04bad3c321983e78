"""A run chart or control chart filling its widget, redrawn when resized; optionally a second,
smaller chart under it on the same x axis (the MR chart under an I chart).

The drawing is `tui.widgets.chart_draw.draw`'s (pure, one character a cell); this widget only
gives it a size, colours its cells from the theme and keeps its text for tests and screen
readers (`chart_text`). Colour is never the only signal: each kind of point and line has its
own character (see chart_draw).
"""

from __future__ import annotations

from typing import ClassVar

from textual.strip import Strip
from textual.widget import Widget

from tui.lang import translator
from tui.widgets.canvas import Canvas
from tui.widgets.canvas_strips import canvas_strips
from tui.widgets.chart_draw import (
    ANNOTATION,
    EXCLUDED,
    POINT,
    SIGNAL,
    STYLE_NAMES,
    ChartData,
    draw,
    label_width,
)

__all__ = ["ANNOTATION", "EXCLUDED", "POINT", "SIGNAL", "ChartData", "RunChartView",
           "lower_rows"]

LOWER_MIN = 5
"""The fewest rows a chart under the main one is drawn in."""


def lower_rows(height: int) -> int:
    """How many of `height` rows the chart under the main one gets: a third, at least 5."""
    return max(LOWER_MIN, height // 3)


def _number(value: float, decimals: int) -> str:
    return translator().number(value, decimals)


class RunChartView(Widget):
    """Shows a `ChartData` filling the widget (and `lower` under it); redraws when resized."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {f"run-chart--{name}" for name in STYLE_NAMES}

    DEFAULT_CSS = """
    RunChartView { height: 1fr; min-height: 8; }
    RunChartView > .run-chart--line { color: $secondary; }
    RunChartView > .run-chart--point { color: $secondary; text-style: bold; }
    RunChartView > .run-chart--signal { color: $error; text-style: bold; }
    RunChartView > .run-chart--excluded { color: $warning; text-style: bold; }
    RunChartView > .run-chart--centre { color: $primary; }
    RunChartView > .run-chart--limit { color: $error; }
    RunChartView > .run-chart--warning { color: $warning; }
    RunChartView > .run-chart--target { color: $success; }
    RunChartView > .run-chart--mark { color: $accent; }
    RunChartView > .run-chart--axis { color: $text-muted; }
    RunChartView > .run-chart--title { color: $text; text-style: bold; }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.chart_data: ChartData | None = None
        self.lower: ChartData | None = None
        self._drawn_size = (0, 0)
        self._strips: list[Strip] = []
        self.chart_text = ""
        """The chart's text without colours (what a test or screen reader sees)."""

    def show(self, data: ChartData | None, lower: ChartData | None = None) -> None:
        """Draw `data` (None: empty), and `lower` under it when given."""
        self.chart_data = data
        self.lower = lower
        self._redraw()

    def on_resize(self) -> None:
        if (self.content_size.width, self.content_size.height) != self._drawn_size:
            self._redraw()

    def _redraw(self) -> None:
        width, height = self.content_size.width, self.content_size.height
        self._drawn_size = (width, height)
        data = self.chart_data
        if data is None or width < 10 or height < 4:
            self._strips, self.chart_text = [], ""
            self.refresh()
            return
        canvases = self._draw(data, width, height)
        base = self.rich_style  # the widget's own colours under every cell
        styles = {name: base + self.get_component_rich_style(f"run-chart--{name}")
                  for name in STYLE_NAMES}
        styles[""] = base
        self._strips = [strip for canvas in canvases for strip in canvas_strips(canvas, styles)]
        self.chart_text = "\n".join(line.rstrip() for c in canvases for line in c.lines())
        self.refresh()

    def _draw(self, data: ChartData, width: int, height: int) -> list[Canvas]:
        lower = self.lower
        if lower is None:
            return [draw(data, width, height, _number)]
        below = lower_rows(height)
        above = height - below
        labels = max(label_width(data, above, _number),
                     label_width(lower, below, _number, x_labels=False))
        return [draw(data, width, above, _number, labels=labels),
                draw(lower, width, below, _number, labels=labels, x_labels=False)]

    def render_line(self, y: int) -> Strip:
        width = self.content_size.width
        if y >= len(self._strips):
            return Strip.blank(width, self.rich_style)
        return self._strips[y].crop_extend(0, width, self.rich_style)
