"""A run chart or control chart drawn into a `Canvas`: pure, so a test can read it as text.

The data line is drawn in braille dots (2 × 4 dots a cell) and breaks at a missing period. Every
point that matters has a marker of its own, so the chart reads on a projector in black and white
too: ◆ a signal (in a signalling run or outside the limits), ○ an excluded point, • a plain point
(when there is room). The centre line is ─ (per part, so a new part or a frozen baseline shows
as a step), the control limits ╌, the 2-sigma warning lines ┈, the target ═, a marked change a
dotted vertical line ┊ with its number on top. Limits are drawn point by point, so they step
where the denominator changes (P and U charts).

A `ChartData` is plain data made from a `core.measures.qic.Qic` by `ChartData.of`; numbers on
the y axis are written the UI language's way (decimal comma in Danish and Norwegian).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass, field
from typing import Literal

from core.measures.qic import Qic
from tui.widgets.canvas import Canvas, clean

PointState = Literal["plain", "signal", "excluded"]

POINT = "•"
SIGNAL = "◆"
EXCLUDED = "○"
CENTRE = "─"
LIMIT = "╌"
WARNING = "┈"
TARGET = "═"
ANNOTATION = "┊"

STYLE_NAMES = ("line", "point", "signal", "excluded", "centre", "limit", "warning", "target",
               "mark", "axis", "title")

# what covers what when two things fall in one cell (higher wins)
_ORDER = {"mark": 1, "warning": 2, "limit": 3, "target": 4, "centre": 5, "line": 6,
          "point": 7, "excluded": 8, "signal": 9}

BRAILLE = 0x2800
_DOTS = ((0x01, 0x08), (0x02, 0x10), (0x04, 0x20), (0x40, 0x80))
"""The braille bit of the dot in row r (0–3) and column c (0–1) of a cell."""


@dataclass(frozen=True)
class ChartPoint:
    """One point as drawn: its value (None: a missing period) and its lines."""

    y: float | None
    cl: float | None = None
    lcl: float | None = None
    ucl: float | None = None
    lcl_95: float | None = None
    ucl_95: float | None = None
    part: int = 0
    state: PointState = "plain"


@dataclass(frozen=True)
class ChartData:
    """What a chart shows; plain data, made from a computed chart with `of`."""

    points: Sequence[ChartPoint]
    ticks: Sequence[str]
    """A short label per point ("u47", "nov 26")."""
    target: float | None = None
    marks: Sequence[tuple[int, str]] = field(default_factory=tuple)
    """(point index, label) of annotations drawn at a point."""
    warning_lines: bool = False
    limits: bool = True
    """Whether to draw the control limits (False for a run chart)."""
    percent: bool = False
    """Whether values are fractions shown in per cent on the axis."""
    title: str = ""
    """A short name written in the plot's top-left corner (the MR chart under an I chart)."""

    @classmethod
    def of(cls, chart: Qic, ticks: Sequence[str], *, target: float | None = None,
           marks: Sequence[tuple[int, str]] = (), warning_lines: bool = False,
           percent: bool = False, title: str = "",
           signals: Collection[int] | None = None) -> ChartData:
        """The drawing data of a computed chart: its signals are its points outside the limits
        and in signalling runs (or `signals`, when given)."""
        flagged = set(chart.sigma_indexes) | set(chart.run_indexes) if signals is None else set(
            signals)
        points = [
            ChartPoint(p.y, p.cl, p.lcl, p.ucl, p.lcl_95, p.ucl_95, p.part,
                       "excluded" if not p.include else
                       "signal" if p.index in flagged else "plain")
            for p in chart.points
        ]
        return cls(points, ticks, target, marks, warning_lines, chart.chart.has_limits,
                   percent, title)

    @property
    def signal_indexes(self) -> frozenset[int]:
        return frozenset(i for i, p in enumerate(self.points) if p.state == "signal")

    def shown_values(self) -> list[float]:
        """Every value the y axis must hold: the points, their lines and the target."""
        found: list[float] = []
        for point in self.points:
            found += [v for v in (point.y, point.cl) if v is not None]
            if self.limits:
                found += [v for v in (point.lcl, point.ucl) if v is not None]
            if self.limits and self.warning_lines:
                found += [v for v in (point.lcl_95, point.ucl_95) if v is not None]
        if self.target is not None:
            found.append(self.target)
        return found


Number = Callable[[float, int], str]
"""Write a number with a number of decimals, the UI language's way."""


@dataclass(frozen=True)
class Scale:
    """The y axis: the values at the top and bottom rows and the ticks between."""

    low: float
    high: float
    step: float

    @classmethod
    def of(cls, values: Sequence[float], rows: int) -> Scale:
        low, high = (min(values), max(values)) if values else (0.0, 1.0)
        if high - low < 1e-12:
            pad = abs(high) * 0.1 or 1.0
            low, high = low - pad, high + pad
        pad = (high - low) * 0.03
        low, high = low - pad, high + pad
        span = high - low
        step = nice_step(span / 6)  # at most some 6 ticks, at least 2 rows apart
        while step * rows / span < 2 and step < span:
            step = nice_step(step * 1.01)
        return cls(low, high, step)

    def ticks(self) -> list[float]:
        first = math.ceil(self.low / self.step - 1e-9)
        last = math.floor(self.high / self.step + 1e-9)
        return [i * self.step for i in range(first, last + 1)]

    @property
    def decimals(self) -> int:
        return max(0, -math.floor(math.log10(self.step) + 1e-9))

    def fraction(self, value: float) -> float:
        """0 at the top, 1 at the bottom."""
        return (self.high - value) / (self.high - self.low)


def nice_step(raw: float) -> float:
    """The smallest of 1, 2, 2.5, 5 × 10^k at least `raw`."""
    if raw <= 0 or not math.isfinite(raw):
        return 1.0
    power = 10.0 ** math.floor(math.log10(raw))
    for factor in (1.0, 2.0, 2.5, 5.0, 10.0):
        if factor * power >= raw * (1 - 1e-9):
            return factor * power
    return 10 * power


def tick_labels(data: ChartData, scale: Scale, number: Number) -> list[tuple[float, str]]:
    """The y ticks with their labels ("12,5", "40 %")."""
    if data.percent:
        decimals = max(0, scale.decimals - 2)
        return [(v, f"{number(v * 100, decimals)} %") for v in scale.ticks()]
    return [(v, number(v, scale.decimals)) for v in scale.ticks()]


def _rows(data: ChartData, height: int, x_labels: bool) -> tuple[int, int, int]:
    """The plot's first row, its axis row and the rows between."""
    top = 1 if data.marks else 0
    bottom = height - (2 if x_labels else 1)
    return top, bottom, bottom - top


def label_width(data: ChartData, height: int, number: Number, *, x_labels: bool = True) -> int:
    """How wide the y labels of `data` drawn `height` rows high are."""
    scale = Scale.of(data.shown_values(), _rows(data, height, x_labels)[2])
    return max((len(text) for _, text in tick_labels(data, scale, number)), default=1)


class _Cells:
    """The cells of a canvas with the rank of what is in each (higher covers lower)."""

    def __init__(self, canvas: Canvas) -> None:
        self.canvas = canvas
        self.rank = [[0] * canvas.width for _ in range(canvas.height)]
        self.dots: dict[tuple[int, int], int] = {}

    def put(self, x: int, y: int, char: str, style: str) -> None:
        rank = _ORDER.get(style, 10)
        if 0 <= y < self.canvas.height and 0 <= x < self.canvas.width and (
                rank >= self.rank[y][x]):
            self.canvas.put(x, y, char, style)
            self.rank[y][x] = rank

    def dot(self, x: int, y: int) -> None:
        """Set the braille dot at sub-cell position (x: 2 a cell, y: 4 a cell)."""
        cell = (x // 2, y // 4)
        self.dots[cell] = self.dots.get(cell, 0) | _DOTS[y % 4][x % 2]

    def flush_dots(self, style: str) -> None:
        for (x, y), bits in self.dots.items():
            self.put(x, y, chr(BRAILLE + bits), style)
        self.dots.clear()


def _line(cells: _Cells, a: tuple[int, int], b: tuple[int, int]) -> None:
    """Braille dots from a to b (sub-cell positions), Bresenham's way."""
    (x0, y0), (x1, y1) = a, b
    dx, dy = abs(x1 - x0), -abs(y1 - y0)
    sx, sy = (1 if x0 < x1 else -1), (1 if y0 < y1 else -1)
    err = dx + dy
    while True:
        cells.dot(x0, y0)
        if (x0, y0) == (x1, y1):
            return
        e2 = 2 * err
        if e2 >= dy:
            err += dy
            x0 += sx
        if e2 <= dx:
            err += dx
            y0 += sy


def draw(data: ChartData, width: int, height: int, number: Number, *,
         labels: int | None = None, x_labels: bool = True) -> Canvas:
    """Draw `data` into a canvas of `width` × `height` cells.

    `labels`: the width of the y labels (to line up two charts drawn one above the other).
    `x_labels`: whether the bottom row names the periods (else the axis is the last row)."""
    canvas = Canvas(width, height)
    cells = _Cells(canvas)
    count = len(data.points)
    top, bottom, rows = _rows(data, height, x_labels)
    if count == 0 or rows < 2:
        return canvas
    scale = Scale.of(data.shown_values(), rows)
    ticks = tick_labels(data, scale, number)
    left = max(labels or 0, *(len(text) for _, text in ticks), 1)
    plot_x, plot_w = left + 1, width - left - 1
    if plot_w < 4:
        return canvas

    def sub_row(value: float) -> int:
        return top * 4 + min(rows * 4 - 1, max(0, round(scale.fraction(value) * (rows * 4 - 1))))

    def row_of(value: float) -> int:
        """The cell row of a value: the row its braille dot falls in, so a point's marker, its
        line and a centre line it lies on share one row."""
        return sub_row(value) // 4

    span = plot_w * 2 - 2
    subs = [span // 2 if count == 1 else round(i * span / (count - 1)) for i in range(count)]
    cols = [plot_x + s // 2 for s in subs]

    def owned(i: int) -> tuple[int, int]:
        first = cols[0] if i == 0 else (cols[i - 1] + cols[i]) // 2 + 1
        last = cols[-1] if i == count - 1 else (cols[i] + cols[i + 1]) // 2
        return first, max(first, last)

    # the y axis with its ticks
    for y in range(top, bottom):
        cells.put(left, y, "│", "axis")
    for tick, text in ticks:
        y = row_of(tick)
        cells.put(left - len(text), y, text, "axis")
        cells.put(left, y, "┤", "axis")
    cells.put(left, bottom, "└", "axis")
    cells.put(plot_x, bottom, "─" * plot_w, "axis")
    # marked changes
    for index, label in data.marks:
        if 0 <= index < count:
            for y in range(top, bottom):
                cells.put(cols[index], y, ANNOTATION, "mark")
            cells.put(cols[index], 0, clean(label), "mark")
    # the lines, point by point
    for i, point in enumerate(data.points):
        first, last = owned(i)
        lines: list[tuple[float | None, str, str]] = [(point.cl, CENTRE, "centre")]
        if data.limits:
            lines += [(point.lcl, LIMIT, "limit"), (point.ucl, LIMIT, "limit")]
        if data.limits and data.warning_lines:
            lines += [(point.lcl_95, WARNING, "warning"), (point.ucl_95, WARNING, "warning")]
        if data.target is not None:
            lines.append((data.target, TARGET, "target"))
        for value, char, style in lines:
            if value is not None:
                y = row_of(value)
                for x in range(first, last + 1):
                    cells.put(x, y, char, style)
    # the data line, broken at missing periods
    for i in range(count):
        y0 = data.points[i].y
        if y0 is None:
            continue
        cells.dot(subs[i] + plot_x * 2, sub_row(y0))
        y1 = data.points[i + 1].y if i + 1 < count else None
        if y1 is not None:
            _line(cells, (subs[i] + plot_x * 2, sub_row(y0)),
                  (subs[i + 1] + plot_x * 2, sub_row(y1)))
    cells.flush_dots("line")
    # the markers
    room = count * 2 <= plot_w
    for i, point in enumerate(data.points):
        if point.y is None:
            continue
        y = row_of(point.y)
        if point.state == "signal":
            cells.put(cols[i], y, SIGNAL, "signal")
        elif point.state == "excluded":
            cells.put(cols[i], y, EXCLUDED, "excluded")
        elif room:
            cells.put(cols[i], y, POINT, "point")
    if data.title:
        cells.put(plot_x + 1, top, clean(data.title), "title")
    # the periods under the axis
    if x_labels and data.ticks:
        widest = max(len(clean(t)) for t in data.ticks) + 1
        per_point = max(plot_w / max(count, 1), 0.5)
        step = max(1, math.ceil(widest / per_point))
        end = -1
        for i in range(0, count, step):
            text = clean(data.ticks[i])
            x = min(cols[i], width - len(text))
            if x <= end:
                continue
            cells.put(cols[i], bottom, "┬", "axis")
            cells.put(x, bottom + 1, text, "axis")
            end = x + len(text)
    return canvas
