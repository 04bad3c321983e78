"""A run chart or control chart drawn with plotext, filling its widget and redrawn when resized;
optionally a second, smaller chart under it on the same x axis (the MR chart under an I chart).

The data line is plotext's braille line, broken at a missing period (each stretch of present
points is a signal of its own). Every point that matters has a marker of its own, so the chart
reads on a projector in black and white too: ◆ a signal (in a signalling run or outside the
limits), ○ an excluded point, • a plain point (when there is room). The centre line is ─ (per
part, so a new part or a frozen baseline shows as a step), the control limits ╌, the 2-sigma
warning lines ┈, the target ═, a marked change a dotted vertical line ┊ with its number on top.
Lines are drawn point by point, so the limits step where the denominator changes (P and U
charts). The y axis is written the UI language's way (decimal comma in Danish and Norwegian).
A target path (`Measure.target_path`) is drawn point by point as a sloping ═ line; a proposed
split's new centre line (a preview, `core.measures.splits`) as ━.

Each part's centre line and limits carry their values at the part's right end (as PowerBI-SPC
and NHSRplotthedots label them), in the UI language's number format, one decimal finer than the
axis. The last part's values sit in a margin right of the plot, beside the lines' ends, so the
latest process's numbers are always there and never cover a point. An earlier part's values are
written over its line's last columns only where they fit inside the part and cover nothing else:
no cell the data line or a point may touch, no marked change, no other label, no other line.
Varying limits (P and U charts) are labelled with the part's last point's values. Without room
(a margin narrower than half the plot, fewer than 5 rows) the values are left out and the
sentences under the chart still say them.

plotext is imported only when a chart is first drawn (start-up must not pay for it). Its figure
is one shared object, so drawing happens on the UI thread only and starts with `clear()`.
A `ChartData` is plain data made from a `core.measures.qic.Qic` by `ChartData.of`; `draw` turns
it into ANSI text, and the widget colours it from the theme and keeps the plain text for tests
and screen readers (`chart_text`).

Every mark is drawn with a character of a `Markers` set: `GLYPHS` (the braille line and the
marks above), or `ASCII` – a line of dots, * a point, # a signal, o an excluded point, - the
centre line, : the limits, ' the warning lines, = the target, | a marked change, ~ a proposed
centre line – which every console font has. The widget draws ASCII when the user chose it in
settings, or on the Windows console host when the setting is "auto" (`core.terminal`).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Collection, Mapping, Sequence
from dataclasses import dataclass, field
from itertools import groupby
from typing import Any, ClassVar, Literal

from rich.ansi import AnsiDecoder
from rich.segment import Segment
from textual.strip import Strip
from textual.widget import Widget

from core.measures.qic import Qic
from core.terminal import ascii_markers
from tui.host import Host
from tui.lang import translator
from tui.widgets.canvas import clean

__all__ = ["ANNOTATION", "ASCII", "EXCLUDED", "GLYPHS", "POINT", "PREVIEW", "SIGNAL", "TARGET",
           "ChartData", "ChartPoint", "Markers", "RunChartView", "draw", "lower_rows",
           "markers_of", "value_margin", "value_text"]

PointState = Literal["plain", "signal", "excluded"]

POINT = "•"
SIGNAL = "◆"
EXCLUDED = "○"
CENTRE = "─"
LIMIT = "╌"
WARNING = "┈"
TARGET = "═"
ANNOTATION = "┊"
PREVIEW = "━"



@dataclass(frozen=True)
class Markers:
    """The characters a chart's marks are drawn with (`line`: a plotext marker name such as
    "braille", or one character)."""

    line: str
    point: str
    signal: str
    excluded: str
    centre: str
    limit: str
    warning: str
    target: str
    annotation: str
    preview: str


GLYPHS = Markers("braille", POINT, SIGNAL, EXCLUDED, CENTRE, LIMIT, WARNING, TARGET, ANNOTATION,
                 PREVIEW)
"""The braille line and the marks above: the finest drawing, where the font has the glyphs."""
ASCII = Markers(".", "*", "#", "o", "-", ":", "'", "=", "|", "~")
"""Marks every console font has (the Windows console host's fonts have no braille)."""


def markers_of(widget: Widget) -> Markers:
    """The markers the app's settings and terminal call for (`GLYPHS` outside a Tavle app)."""
    app = widget.app
    if isinstance(app, Host) and ascii_markers(app.settings.chart_markers, app.console_host):
        return ASCII
    return GLYPHS


STYLE_NAMES = ("line", "point", "signal", "excluded", "centre", "limit", "warning", "target",
               "mark", "axis", "title", "preview", "value")

VALUE_ROWS = 5
"""The fewest plot rows in which the lines' values are written."""

LOWER_MIN = 5
"""The fewest rows a chart under the main one is drawn in."""


@dataclass(slots=True)
class ChartPoint:
    """One point as drawn: its value (None: a missing period) and its lines. Not frozen: a
    frozen dataclass is six times slower to make, and a chart makes one per point."""

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
    targets: Sequence[float] = ()
    """A target path: the target at each point (empty: the flat `target`, if any)."""
    preview: Sequence[float | None] = ()
    """A proposed split's centre line at each point of its new part (None elsewhere; empty:
    no proposal)."""
    values: bool = True
    """Whether the lines' values are written at each part's right end."""

    @classmethod
    def of(cls, chart: Qic, ticks: Sequence[str], *, target: float | None = None,
           marks: Sequence[tuple[int, str]] = (), warning_lines: bool = False,
           percent: bool = False, title: str = "",
           signals: Collection[int] | None = None, targets: Sequence[float] | None = None,
           preview: Qic | None = None, preview_from: int = 0) -> ChartData:
        """The drawing data of a computed chart: its signals are its points outside the limits
        and in signalling runs (or `signals`, when given). `targets`: a target path, one value
        a point. `preview`: the chart with a proposed split at `preview_from`, whose new
        part's centre line is drawn over this one."""
        flagged = set(chart.sigma_indexes) | set(chart.run_indexes) if signals is None else set(
            signals)
        points = [
            ChartPoint(p.y, p.cl, p.lcl, p.ucl, p.lcl_95, p.ucl_95, p.part,
                       "excluded" if not p.include else
                       "signal" if p.index in flagged else "plain")
            for p in chart.points
        ]
        shown: list[float | None] = []
        if preview is not None:
            part = preview.part_of(preview_from)
            shown = [p.cl if part.start <= p.index < part.end else None for p in preview.points]
        return cls(points, ticks, target, marks, warning_lines, chart.chart.has_limits,
                   percent, title, tuple(targets or ()), shown)

    @property
    def signal_indexes(self) -> frozenset[int]:
        return frozenset(i for i, p in enumerate(self.points) if p.state == "signal")

    def shown_values(self) -> list[float]:
        """Every value the y axis must hold: the points, their lines and the target."""
        points = self.points
        found = [v for p in points for v in (p.y, p.cl) if v is not None]
        if self.limits:
            found += [v for p in points for v in (p.lcl, p.ucl) if v is not None]
            if self.warning_lines:
                found += [v for p in points for v in (p.lcl_95, p.ucl_95) if v is not None]
        if self.targets:
            found += self.targets
        elif self.target is not None:
            found.append(self.target)
        found += [v for v in self.preview if v is not None]
        return found

    def part_ends(self) -> list[tuple[int, int]]:
        """(first index, last index) of each part."""
        found: list[tuple[int, int]] = []
        start = 0
        for index, point in enumerate(self.points):
            if index + 1 == len(self.points) or self.points[index + 1].part != point.part:
                found.append((start, index))
                start = index + 1
        return found

    def end_values(self, start: int, end: int) -> list[tuple[str, float]]:
        """The lines' values at a part's right end: ("centre" | "ucl" | "lcl", value), each
        the last one the part's points have (varying limits: the last point's)."""
        part = self.points[start:end + 1]
        names = ["centre", "ucl", "lcl"] if self.limits else ["centre"]
        found = []
        for name in names:
            attr = "cl" if name == "centre" else name
            value = next((getattr(p, attr) for p in reversed(part)
                          if getattr(p, attr) is not None), None)
            if value is not None:
                found.append((name, value))
        return found


def component_palette(widget: Widget, prefix: str, names: Sequence[str]) -> dict[str, Ink]:
    """The theme's colour and weight of each kind of mark a plotext chart widget draws, from
    its component classes `<prefix>--<name>`."""
    palette = {}
    for name in names:
        style = widget.get_component_rich_style(f"{prefix}--{name}")
        colour = style.color.get_truecolor() if style.color is not None else None
        rgb = (colour.red, colour.green, colour.blue) if colour is not None else None
        palette[name] = Ink(rgb, bool(style.bold))
    return palette


Number = Callable[[float, int], str]
"""Write a number with a number of decimals, the UI language's way."""


@dataclass(frozen=True)
class Ink:
    """The colour (red, green, blue; None: the plain colour) and weight of one kind of mark."""

    rgb: tuple[int, int, int] | None = None
    bold: bool = False


Palette = Mapping[str, Ink]
"""An `Ink` per style name (STYLE_NAMES); a name left out is drawn plain."""


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


def value_text(data: ChartData, scale: Scale, number: Number, value: float) -> str:
    """A line's value as written at its end: one decimal finer than the axis ("14,3", "35,2 %")."""
    if data.percent:
        return f"{number(value * 100, max(0, scale.decimals - 2) + 1)} %"
    return number(value, scale.decimals + 1)


def last_values(data: ChartData, scale: Scale, number: Number) -> list[tuple[float, str]]:
    """The last part's lines' values as written in the margin right of the plot."""
    if not data.values or not data.points:
        return []
    start, end = data.part_ends()[-1]
    return [(v, value_text(data, scale, number, v)) for _, v in data.end_values(start, end)]


def value_margin(data: ChartData, height: int, number: Number, *,
                 x_labels: bool = True) -> int:
    """How many columns the last part's values take right of the plot (with a space before
    them; 0 when nothing is written)."""
    rows = _rows(data, height, x_labels)[0]
    if rows < VALUE_ROWS:
        return 0
    scale = Scale.of(data.shown_values(), rows)
    return max((len(text) + 1 for _, text in last_values(data, scale, number)), default=0)


def _rows(data: ChartData, height: int, x_labels: bool) -> tuple[int, bool]:
    """The rows the plot's values are drawn in, and whether a row over them holds the marks'
    numbers (plotext draws the x axis under the plot, and the periods under that)."""
    rows = height - 1 - (1 if x_labels and data.ticks else 0)
    head = bool(data.marks) and rows >= 4
    return rows - head, head


def label_width(data: ChartData, height: int, number: Number, *, x_labels: bool = True) -> int:
    """How wide the y labels of `data` drawn `height` rows high are."""
    scale = Scale.of(data.shown_values(), _rows(data, height, x_labels)[0])
    return max((len(text) for _, text in tick_labels(data, scale, number)), default=1)


def stretches(values: Sequence[float | None], parts: Sequence[int]) -> list[tuple[int, int, float]]:
    """(first index, last index, value) of each stretch of one value in one part (None left
    out): a line that changes at a new part, a frozen baseline or another denominator steps."""
    found: list[tuple[int, int, float]] = []
    index = 0
    for (value, _), group in groupby(zip(values, parts, strict=True)):
        size = sum(1 for _ in group)
        if value is not None:
            found.append((index, index + size - 1, value))
        index += size
    return found


def present_runs(values: Sequence[float | None]) -> list[range]:
    """The indexes of each stretch of consecutive present values (a missing period breaks)."""
    runs: list[range] = []
    start: int | None = None
    for index, value in enumerate([*values, None]):
        if value is not None and start is None:
            start = index
        elif value is None and start is not None:
            runs.append(range(start, index))
            start = None
    return runs


def x_ticks(ticks: Sequence[str], count: int, columns: int) -> list[int]:
    """The indexes of the points named under the x axis: as many as fit with a space between."""
    if not ticks or count == 0:
        return []
    widest = max(map(len, ticks)) + 1  # never narrower than the cleaned label
    per_point = max(columns / count, 0.5)
    return list(range(0, count, max(1, math.ceil(widest / per_point))))


def draw(data: ChartData, width: int, height: int, number: Number, *,
         palette: Palette | None = None, labels: int | None = None,
         x_labels: bool = True, margin: int | None = None, markers: Markers = GLYPHS) -> str:
    """Draw `data` with plotext as ANSI text of `width` × `height` cells ("" when it does not
    fit), its marks with the characters of `markers`. UI thread only: plotext's figure is
    shared.

    `palette`: the colours (none: plain). `labels`: the width of the y labels, `margin`: the
    columns right of the plot for the last part's values (both to line up two charts drawn one
    above the other). `x_labels`: whether the bottom row names the periods."""
    count = len(data.points)
    rows, head = _rows(data, height, x_labels)
    if count == 0 or rows < 2:
        return ""
    scale = Scale.of(data.shown_values(), rows)
    ticks = tick_labels(data, scale, number)
    left = max(labels or 0, *(len(text) for _, text in ticks), 1)
    columns = width - left - 1
    if columns < 4:
        return ""
    edge = last_values(data, scale, number) if rows >= VALUE_ROWS else []
    right = max((len(text) + 1 for _, text in edge), default=0) if margin is None else margin
    if right * 2 > columns:
        right, edge = 0, []  # no room: the values are said in words under the chart
    import plotext

    inks = palette or {}

    def pixel(name: str) -> Any:
        ink = inks.get(name, Ink())
        return plotext.pixel(foreground=ink.rgb, style="bold" if ink.bold else None)

    def marker(char: str, name: str) -> Any:
        return plotext.marker(char, pixel=pixel(name))

    plotext.terminal.limit(False, False)  # the widget's size, not the terminal's
    fig = plotext.figure
    fig.clear()
    plotext.add_theme("tavle", text=inks.get("axis", Ink()).rgb)  # no backgrounds anywhere
    fig.theme("tavle")
    fig.plot_size(width, height)
    fig.axes(False, axis="x", side="upper")
    fig.axes(False, axis="y", side="right")
    top = scale.high + ((scale.high - scale.low) / (rows - 1) if head else 0.0)
    fig.ruler("y").lim(scale.low, top)
    fig.ruler("y").ticks([v for v, _ in ticks], [text.rjust(left) for _, text in ticks])
    first, last = (0, 2) if count == 1 else (1, count)
    inside = columns - right  # the plot's own columns; the values' margin right of them
    per_column = (last - first) / max(inside - 1, 1)
    fig.ruler("x").lim(first, last + right * per_column)
    named = x_ticks(data.ticks, count, inside) if x_labels else []
    fig.ruler("x").ticks([i + 1 for i in named], [clean(data.ticks[i]) for i in named])

    points = data.points
    parts = [p.part for p in points]

    def horizontal(series: Sequence[float | None], char: str, name: str) -> None:
        """A line point by point: a flat piece for each stretch of one value, broken between
        stretches (one signal for the whole line)."""
        xs: list[float] = []
        ys: list[float] = []
        for start, end, value in stretches(series, parts):
            xs += [first if start == 0 else start + 0.5, last if end == count - 1 else end + 1.5]
            ys += [value, value]
        if xs:
            line = fig.signal(xs, ys, marker=marker(char, name))
            line.lines()
            for piece in range(2, len(xs), 2):
                line.line(piece, False)
            fig.draw(line)

    for index, _ in data.marks:
        if 0 <= index < count:
            mark = fig.segment([index + 1, index + 1], [scale.low, top],
                               marker=marker(markers.annotation, "mark"))
            mark.density("full")
            fig.draw(mark)
    if data.limits and data.warning_lines:
        horizontal([p.lcl_95 for p in points], markers.warning, "warning")
        horizontal([p.ucl_95 for p in points], markers.warning, "warning")
    if data.limits:
        horizontal([p.lcl for p in points], markers.limit, "limit")
        horizontal([p.ucl for p in points], markers.limit, "limit")
    if data.targets:
        path = fig.signal([i + 1 for i in range(count)] if count > 1 else [first, last],
                          list(data.targets) if count > 1 else [data.targets[0]] * 2,
                          marker=marker(markers.target, "target"))
        path.lines()
        fig.draw(path)
    elif data.target is not None:
        horizontal([data.target] * count, markers.target, "target")
    horizontal([p.cl for p in points], markers.centre, "centre")
    if data.preview:
        horizontal(data.preview, markers.preview, "preview")
    values = [p.y for p in points]
    for run in present_runs(values):
        line = fig.signal([i + 1 for i in run], [values[i] for i in run],
                          marker=marker(markers.line, "line"))
        line.lines()
        fig.draw(line)
    # with more points than half the columns the dots merge into the line: the line only
    room = count * 2 <= columns
    for state, char, name in (("plain", markers.point, "point"),
                              ("excluded", markers.excluded, "excluded"),
                              ("signal", markers.signal, "signal")):
        shown = [i for i, p in enumerate(points)
                 if p.y is not None and p.state == state and (room or state != "plain")]
        if shown:
            fig.draw(fig.signal([i + 1 for i in shown], [values[i] for i in shown],
                                marker=marker(char, name)))
    for index, label in data.marks:
        if 0 <= index < count:
            fig.draw(fig.text(index + 1, top, plotext.colorize(clean(label), pixel("mark")),
                              alignment="center"))
    if data.title:
        fig.draw(fig.text(first, top, plotext.colorize(clean(data.title), pixel("title"))))
    if edge:
        grid = _Grid(data, inside, rows + head, first, last, scale.low, top)
        for value, text in edge:
            row = grid.row(value)
            if grid.claim(row, inside + 1, inside + len(text)):
                fig.draw(fig.text(last + 2 * per_column, value,
                                  plotext.colorize(text, pixel("value")), alignment="left"))
        for start, end in data.part_ends()[:-1]:
            for _, value in data.end_values(start, end):
                text = value_text(data, scale, number, value)
                at = grid.column(end + 1)
                row = grid.row(value)
                if (at - len(text) + 1 > grid.column(start + 1) + 1
                        and grid.free(row, at - len(text), at + 1, (start, end), value)
                        and grid.claim(row, at - len(text) + 1, at)):
                    fig.draw(fig.text(end + 1, value, plotext.colorize(text, pixel("value")),
                                      alignment="right"))
    return str(fig.build().string())


class _Grid:
    """Which cells of the plot a value written at a line's end may take: plotext puts x on
    column round((x - first) / (last - first) × (columns - 1)) and y on row
    round((top - y) / (top - low) × (rows - 1)); the data line's braille dots may fall half a
    cell either way, so a cell within a row of the line's values counts as taken."""

    def __init__(self, data: ChartData, columns: int, rows: int, first: float, last: float,
                 low: float, top: float) -> None:
        self.data = data
        self.columns, self.rows = columns, rows
        self.first, self.span = first, (last - first) or 1.0
        self.low, self.top = low, top
        self.taken: dict[int, list[tuple[int, int]]] = {}
        self.marks = {self.column(i + 1) for i, _ in data.marks}
        self.head = bool(data.marks) or bool(data.title)

    def column(self, x: float) -> int:
        return round((x - self.first) / self.span * (self.columns - 1))

    def x(self, column: float) -> float:
        return self.first + column * self.span / (self.columns - 1)

    def exact_row(self, y: float) -> float:
        return (self.top - y) / (self.top - self.low) * (self.rows - 1)

    def row(self, y: float) -> int:
        return round(self.exact_row(y))

    def claim(self, row: int, left: int, right: int) -> bool:
        """Take the cells `left`..`right` of `row` for a value (False: another value has them,
        or the row holds the marks' numbers or the title)."""
        if row < 0 or row >= self.rows or (row == 0 and self.head):
            return False
        for a, b in self.taken.get(row, []):
            if left <= b + 1 and a - 1 <= right:
                return False
        self.taken.setdefault(row, []).append((left, right))
        return True

    def _touches(self, row: int, low: float, high: float) -> bool:
        """Whether values from `low` to `high` reach into `row` (within a cell)."""
        return self.exact_row(high) < row + 1 and self.exact_row(low) > row - 1

    def free(self, row: int, left: int, right: int, part: tuple[int, int], own: float) -> bool:
        """Whether `left`..`right` of `row` hold nothing but the part's own line at `own`: no
        point, no stretch of the data line, no marked change, no other line."""
        if any(left <= c <= right for c in self.marks):
            return False
        data, points = self.data, self.data.points
        x_low, x_high = self.x(left - 0.5), self.x(right + 0.5)
        first = max(0, math.floor(x_low) - 2)  # point i is at x = i + 1
        last = min(len(points) - 1, math.ceil(x_high))
        for i in range(first, last + 1):
            here = [points[j].y for j in (i, i + 1) if j < len(points)]
            if here[0] is None:
                continue
            ys = [v for v in here if v is not None]
            start, end = i + 1, (i + 2 if len(ys) == 2 else i + 1)
            if end < x_low or start > x_high:
                continue
            if self._touches(row, min(ys), max(ys)):
                return False
        lines: list[Sequence[float | None]] = [data.preview] if data.preview else []
        lines.append(data.targets or ([data.target] * len(points) if data.target is not None
                                      else []))
        names = ["cl"]
        if data.limits:
            names += ["lcl", "ucl", *(["lcl_95", "ucl_95"] if data.warning_lines else [])]
        lines += [[getattr(p, name) for p in points] for name in names]
        for line in lines:
            for i in range(first, min(last, len(line) - 1) + 1):
                value = line[i]
                if value is None or (part[0] <= i <= part[1] and value == own):
                    continue
                if self._touches(row, value, value):
                    return False
        return True


def lower_rows(height: int) -> int:
    """How many of `height` rows the chart under the main one gets: a third, at least 5."""
    return max(LOWER_MIN, height // 3)


def _number(value: float, decimals: int) -> str:
    return translator().number(value, decimals)


class AnsiChartView(Widget):
    """A chart drawn by plotext as ANSI text, filling the widget and redrawn when resized.

    A subclass names its marks' component classes with `PREFIX` and `STYLE_NAMES` and draws
    its texts (one per figure, top to bottom) in `chart_texts`. `chart_text` is the chart
    without colours (what a test or a screen reader sees)."""

    PREFIX: ClassVar[str] = "run-chart"
    MARKS: ClassVar[Sequence[str]] = STYLE_NAMES

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._drawn_size = (0, 0)
        self._strips: list[Strip] = []
        self.chart_text = ""

    def chart_texts(self, width: int, height: int) -> list[str]:
        """The ANSI texts to show at this size (none: an empty widget)."""
        raise NotImplementedError

    def on_resize(self) -> None:
        if (self.content_size.width, self.content_size.height) != self._drawn_size:
            self._redraw()

    def _palette(self) -> dict[str, Ink]:
        """The theme's colours of each kind of mark (the widget's component classes)."""
        return component_palette(self, self.PREFIX, self.MARKS)

    def _redraw(self) -> None:
        width, height = self.content_size.width, self.content_size.height
        self._drawn_size = (width, height)
        lines = [line for text in self.chart_texts(width, height)
                 for line in AnsiDecoder().decode(text.removesuffix("\n"))]
        base = self.rich_style  # the widget's own colours under every cell
        console = self.app.console
        self._strips = [Strip(Segment.apply_style(line.render(console), base), line.cell_len)
                        for line in lines]
        self.chart_text = "\n".join(line.plain.rstrip() for line in lines)
        self.refresh()

    def render_line(self, y: int) -> Strip:
        width = self.content_size.width
        if y >= len(self._strips):
            return Strip.blank(width, self.rich_style)
        return self._strips[y].crop_extend(0, width, self.rich_style)


class RunChartView(AnsiChartView):
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
    RunChartView > .run-chart--preview { color: $accent; text-style: bold; }
    RunChartView > .run-chart--value { color: $text; }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.chart_data: ChartData | None = None
        self.lower: ChartData | None = None

    def show(self, data: ChartData | None, lower: ChartData | None = None) -> None:
        """Draw `data` (None: empty), and `lower` under it when given."""
        self.chart_data = data
        self.lower = lower
        self._redraw()

    def chart_texts(self, width: int, height: int) -> list[str]:
        data = self.chart_data
        return [] if data is None or width < 10 or height < 4 else self._draw(
            data, width, height)

    def _draw(self, data: ChartData, width: int, height: int) -> list[str]:
        palette = self._palette()
        markers = markers_of(self)
        lower = self.lower
        if lower is None:
            return [draw(data, width, height, _number, palette=palette, markers=markers)]
        below = lower_rows(height)
        above = height - below
        labels = max(label_width(data, above, _number),
                     label_width(lower, below, _number, x_labels=False))
        margin = max(value_margin(data, above, _number),
                     value_margin(lower, below, _number, x_labels=False))
        return [draw(data, width, above, _number, palette=palette, labels=labels,
                     margin=margin, markers=markers),
                draw(lower, width, below, _number, palette=palette, labels=labels,
                     x_labels=False, margin=margin, markers=markers)]
