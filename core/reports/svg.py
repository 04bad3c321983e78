"""Run and control charts as inline SVG, drawn from our own chart model
(`core.reports.model.Chart`).

No library: a chart is a polyline (broken where a period is missing), a centre line per part
(the median of a run chart, the mean of most control charts), the control limits where the chart
has them, a target line, the points and the marks of changes. Every element that carries a
number has it as a data attribute (`<line class="centre mean" data-value="…">`,
`<polyline class="limit ucl" data-values="…">`, `<circle class="point signal"
data-period="…">`), so tests compare the picture with core's chart. Colour is never the only
signal: a signal point is also bigger with a thick ring, a point outside the control limits has
a square around it, an excluded point is a hollow ring, the centre line is dashed, the limits
thin and the target solid (a target path, `Measure.target_path`, is a sloping polyline with the
target at each point).

Each part's centre line and limits carry their values at the part's right end (as PowerBI-SPC
and NHSRplotthedots label them), one decimal finer than the axis, in the report's language:
the last part's in the margin right of the plot, an earlier part's just above its line's end.
Varying limits (P and U charts) are labelled with the part's last point's values.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from html import escape

from core.i18n import Translator
from core.reports.model import Chart, FunnelPlot

WIDTH = 680
HEIGHT = 250
LEFT, RIGHT, TOP, BOTTOM = 58, 50, 14, 38
"""The right margin holds the last part's centre and limit values."""
MAX_TICKS = 12


def _attr(value: object) -> str:
    return escape(str(value), quote=True)


def _num(value: float) -> str:
    """A coordinate with two decimals."""
    return f"{value:.2f}"


def nice_step(span: float, count: int = 5) -> float:
    """A round step (1, 2, 2.5 or 5 times a power of ten) giving about `count` intervals."""
    if span <= 0:
        return 1.0
    raw = span / count
    power: float = 10 ** math.floor(math.log10(raw))  # an int ** int is typed Any
    for factor in (1, 2, 2.5, 5, 10):
        if raw <= factor * power:
            return factor * power
    return 10 * power  # pragma: no cover


def y_scale(chart: Chart) -> tuple[float, float, float]:
    """(low, high, step) of the y axis: room for every point, centre line, limit and target."""
    values = [p.value for p in chart.points if p.value is not None]
    values += [part.centre for part in chart.parts if part.centre is not None]
    values += [v for p in chart.points for v in (p.lcl, p.ucl) if v is not None]
    if chart.targets:
        values += chart.targets
    elif chart.target is not None:
        values.append(chart.target)
    if not values:
        return 0.0, 1.0, 0.2
    low, high = min(values), max(values)
    if high == low:
        pad = abs(high) * 0.1 or 1.0
        low, high = low - pad, high + pad
    step = nice_step(high - low)
    low = math.floor(low / step) * step
    high = math.ceil(high / step) * step
    if low < 0 <= min(values):
        low = 0.0
    return low, high, step


def _tick_text(value: float, step: float, chart: Chart, tr: Translator) -> str:
    if chart.percent:
        decimals = 0 if step * 100 >= 1 else 1
        return tr.percent(value, decimals)
    decimals = 0 if step >= 1 else (1 if step >= 0.1 else 2)
    return tr.number(round(value, decimals), decimals)


def _stretches(present: list[bool]) -> list[list[int]]:
    """The runs of consecutive indexes where `present` holds."""
    found: list[list[int]] = []
    current: list[int] = []
    for index, here in enumerate(present):
        if here:
            current.append(index)
        elif current:
            found.append(current)
            current = []
    if current:
        found.append(current)
    return found


def _limits(chart: Chart, number: int, x: Callable[[float], float],
            y: Callable[[float], float]) -> list[str]:
    """A part's lower and upper control limits: a step line over its points (straight where
    the limits are the same for every point), broken where a point has none."""
    part = chart.parts[number]
    points = chart.points[part.start:part.end]
    out = []
    sides = (("lcl", [p.lcl for p in points]), ("ucl", [p.ucl for p in points]))
    for side, limits in sides:
        for stretch in _stretches([v is not None for v in limits]):
            coords: list[str] = []
            for offset in stretch:
                index = part.start + offset
                left = max(x(part.start), (x(index - 1) + x(index)) / 2)
                right = min(x(part.end - 1), (x(index) + x(index + 1)) / 2)
                if left == right:
                    left, right = left - 6, right + 6
                ly = _num(y(limits[offset] or 0.0))
                coords += [f"{_num(left)},{ly}", f"{_num(right)},{ly}"]
            values = " ".join(repr(limits[offset]) for offset in stretch)
            out.append(f'<polyline class="limit {side}" data-part="{number}" '
                       f'data-start="{part.start + stretch[0]}" data-values="{values}" '
                       f'points="{" ".join(coords)}"/>')
    return out


def _value_text(value: float, step: float, chart: Chart, tr: Translator) -> str:
    """A line's value at its end: one decimal finer than the axis ("14,3", "35,2 %")."""
    if chart.percent:
        return tr.percent(value, (0 if step * 100 >= 1 else 1) + 1)
    return tr.number(value, (0 if step >= 1 else (1 if step >= 0.1 else 2)) + 1)


def _values(chart: Chart, step: float, tr: Translator, x: Callable[[float], float],
            y: Callable[[float], float]) -> list[str]:
    """Each part's centre and limits written at its right end (see the module's notes)."""
    out = []
    last = len(chart.parts) - 1
    for number, part in enumerate(chart.parts):
        points = chart.points[part.start:part.end]
        lines = [("centre", part.centre),
                 ("ucl", next((p.ucl for p in reversed(points) if p.ucl is not None), None)),
                 ("lcl", next((p.lcl for p in reversed(points) if p.lcl is not None), None))]
        for name, value in lines:
            if value is None:
                continue
            text = escape(_value_text(value, step, chart, tr))
            if number == last:
                where = f'x="{_num(x(part.end - 1) + 4)}" y="{_num(y(value) + 3)}"'
                anchor = "start"
            else:
                where = f'x="{_num(x(part.end - 1))}" y="{_num(y(value) - 3)}"'
                anchor = "end"
            out.append(f'<text class="line-value {name}" data-part="{number}" '
                       f'data-value="{value!r}" {where} text-anchor="{anchor}">{text}</text>')
    return out


def run_chart_svg(chart: Chart, tr: Translator) -> str:
    """The chart as one `<svg>` element (empty text when the chart has no points)."""
    points = chart.points
    if not points:
        return ""
    low, high, step = y_scale(chart)
    plot_w = WIDTH - LEFT - RIGHT
    plot_h = HEIGHT - TOP - BOTTOM
    count = len(points)

    def x(index: float) -> float:
        if count == 1:
            return LEFT + plot_w / 2
        return LEFT + plot_w * index / (count - 1)

    def y(value: float) -> float:
        return TOP + plot_h * (high - value) / (high - low)

    out = [
        f'<svg class="run-chart" data-chart="{_attr(chart.chart)}" '
        f'xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {HEIGHT}" width="100%" '
        f'role="img" '
        f'aria-label="{_attr(chart.title)}" data-measure="{_attr(chart.measure_id)}">',
        f"<title>{escape(chart.title)}</title>",
    ]
    # the y axis: grid lines with their values
    ticks = round((high - low) / step)
    for number in range(ticks + 1):
        value = low + number * step
        ty = y(value)
        out.append(f'<line class="grid" x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{_num(ty)}" '
                   f'y2="{_num(ty)}"/>')
        out.append(f'<text class="y-tick" x="{LEFT - 6}" y="{_num(ty + 4)}" '
                   f'text-anchor="end">{escape(_tick_text(value, step, chart, tr))}</text>')
    # the x axis: every n-th period's short name
    every = max(1, math.ceil(count / MAX_TICKS))
    for index in range(0, count, every):
        out.append(f'<text class="x-tick" x="{_num(x(index))}" y="{HEIGHT - BOTTOM + 16}" '
                   f'text-anchor="middle">{escape(points[index].tick)}</text>')
    out.append(f'<line class="axis" x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{TOP + plot_h}" '
               f'y2="{TOP + plot_h}"/>')
    # parts: a split line between them, a centre line and the limits for each
    centre_css = "centre median" if chart.median else "centre mean"
    for number, part in enumerate(chart.parts):
        if number:
            sx = _num((x(part.start - 1) + x(part.start)) / 2)
            out.append(f'<line class="part-split" x1="{sx}" x2="{sx}" y1="{TOP}" '
                       f'y2="{TOP + plot_h}"/>')
        out += _limits(chart, number, x, y)
        if part.centre is None:
            continue
        x1, x2 = x(part.start), x(part.end - 1)
        if x1 == x2:
            x1, x2 = x1 - 6, x2 + 6
        frozen = "" if part.frozen_until is None else f' data-frozen-until="{part.frozen_until}"'
        out.append(
            f'<line class="{centre_css}" data-part="{number}" data-value="{part.centre!r}"'
            f'{frozen} x1="{_num(x1)}" x2="{_num(x2)}" y1="{_num(y(part.centre))}" '
            f'y2="{_num(y(part.centre))}"/>')
    if chart.targets:
        path = " ".join(f"{_num(x(i))},{_num(y(v))}" for i, v in enumerate(chart.targets))
        if count == 1:
            path = f"{_num(x(0) - 6)},{_num(y(chart.targets[0]))} {path}"
        values = " ".join(repr(v) for v in chart.targets)
        out.append(f'<polyline class="target path" data-values="{values}" points="{path}"/>')
        label = escape(tr("reports.chart.target", value=chart.target_shown))
        out.append(f'<text class="target-label" x="{WIDTH - RIGHT - 2}" '
                   f'y="{_num(y(chart.targets[-1]) - 4)}" text-anchor="end">{label}</text>')
    elif chart.target is not None:
        target_y = _num(y(chart.target))
        out.append(f'<line class="target" data-value="{chart.target!r}" x1="{LEFT}" '
                   f'x2="{WIDTH - RIGHT}" y1="{target_y}" y2="{target_y}"/>')
        label = escape(tr("reports.chart.target", value=chart.target_shown))
        out.append(f'<text class="target-label" x="{WIDTH - RIGHT - 2}" '
                   f'y="{_num(y(chart.target) - 4)}" text-anchor="end">{label}</text>')
    out += _values(chart, step, tr, x, y)
    # marks of changes
    for mark in chart.marks:
        mx = _num(x(mark.index))
        out.append(f'<line class="mark" data-number="{mark.number}" x1="{mx}" x2="{mx}" '
                   f'y1="{TOP + 10}" y2="{TOP + plot_h}"/>')
        out.append(f'<text class="mark-label" x="{mx}" y="{TOP + 8}" '
                   f'text-anchor="middle">{mark.number}</text>')
    # the series (broken at missing periods) and its points
    for stretch in _stretches([p.value is not None for p in points]):
        line = " ".join(f"{_num(x(i))},{_num(y(points[i].value or 0.0))}" for i in stretch)
        out.append(f'<polyline class="series" points="{line}"/>')
    for index, point in enumerate(points):
        if point.value is None:
            continue
        px, py = _num(x(index)), _num(y(point.value))
        data = f'data-period="{_attr(point.period)}" data-value="{point.value!r}"'
        if point.sigma:
            out.append(f'<rect class="sigma" {data} x="{_num(x(index) - 7)}" '
                       f'y="{_num(y(point.value) - 7)}" width="14" height="14"/>')
        css, radius = ("point signal", 5) if point.signal else ("point", 3)
        if point.excluded:
            css, radius = f"{css} excluded", max(radius, 4)
        out.append(f'<circle class="{css}" {data} cx="{px}" cy="{py}" r="{radius}">'
                   f"<title>{escape(point.label)}: {escape(point.shown)}</title></circle>")
    out.append("</svg>")
    return "\n".join(out)


# -- funnel plots ----------------------------------------------------------------------------

FUNNEL_HEIGHT = 260
FUNNEL_MARKS = {"inside": "circle", "above_95": "triangle", "below_95": "triangle-down",
                "above_998": "triangle", "below_998": "triangle-down"}


def funnel_svg(plot: FunnelPlot, tr: Translator) -> str:
    """A funnel plot as inline SVG: the base n on a log scale across, the rate up; the overall
    rate solid, the 95 % limits dashed, the 99.8 % limits dotted; each unit a point (a ring
    inside the limits, a filled triangle pointing its way outside the 95 % limits, bigger past
    99.8 %), named beside it when outside. Every element carries its numbers as data
    attributes."""
    result, shown = plot.funnel, plot.shown
    if not result.units:
        return ""
    width, height = WIDTH, FUNNEL_HEIGHT
    inner_w, inner_h = width - LEFT - RIGHT, height - TOP - BOTTOM
    ns = [u.n for u in result.units] + [c.n for c in result.curve]
    low_n, high_n = min(ns), max(ns)
    log_low, log_high = math.log10(low_n), math.log10(high_n)
    span_n = (log_high - log_low) or 1.0
    rates = [u.rate for u in result.units] + [result.overall]
    rates += [v for c in result.curve for v in (c.low_998, c.high_998) if math.isfinite(v)]
    low_y, high_y = min(rates), max(rates)
    step = nice_step((high_y - low_y) or abs(high_y) or 1.0)
    low_y = math.floor(low_y / step) * step
    high_y = math.ceil(high_y / step) * step
    if high_y <= low_y:
        high_y = low_y + step

    def x(n: float) -> float:
        return LEFT + (math.log10(n) - log_low) / span_n * inner_w

    def y(rate: float) -> float:
        return TOP + (high_y - min(max(rate, low_y), high_y)) / (high_y - low_y) * inner_h

    out = [f'<svg class="funnel" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} '
           f'{height}" role="img" aria-label="{_attr(tr("funnel.report.aria"))}" '
           f'data-overall="{_attr(result.overall)}">']
    value = low_y
    while value <= high_y + step / 2:
        out.append(f'<line class="grid" x1="{LEFT}" x2="{LEFT + inner_w}" y1="{_num(y(value))}" '
                   f'y2="{_num(y(value))}"/>')
        out.append(f'<text class="y-tick" x="{LEFT - 6}" y="{_num(y(value) + 3)}" '
                   f'text-anchor="end">{escape(shown.text(value, tr))}</text>')
        value += step
    decade = 10 ** math.floor(log_low)
    while decade <= high_n:
        for factor in (1, 2, 5):
            n = decade * factor
            if low_n <= n <= high_n:
                out.append(f'<text class="x-tick" x="{_num(x(n))}" y="{TOP + inner_h + 14}" '
                           f'text-anchor="middle">{escape(tr.number(n, 0))}</text>')
        decade *= 10
    out.append(f'<text class="x-tick" x="{LEFT + inner_w / 2:.2f}" y="{height - 6}" '
               f'text-anchor="middle">{escape(tr("funnel.report.x_axis"))}</text>')
    out.append(f'<line class="axis" x1="{LEFT}" x2="{LEFT}" y1="{TOP}" y2="{TOP + inner_h}"/>')
    out.append(f'<line class="axis" x1="{LEFT}" x2="{LEFT + inner_w}" y1="{TOP + inner_h}" '
               f'y2="{TOP + inner_h}"/>')
    out.append(f'<line class="centre overall" x1="{LEFT}" x2="{LEFT + inner_w}" '
               f'y1="{_num(y(result.overall))}" y2="{_num(y(result.overall))}" '
               f'data-value="{_attr(result.overall)}"/>')
    for name in ("low_95", "high_95", "low_998", "high_998"):
        line = [(c.n, float(getattr(c, name))) for c in result.curve]
        points = " ".join(f"{_num(x(n))},{_num(y(v))}" for n, v in line if math.isfinite(v))
        css = "limit warning" if name.endswith("95") else "limit"
        out.append(f'<polyline class="{css} {name}" points="{points}"/>')
    for unit in result.units:
        cx, cy = x(unit.n), y(unit.rate)
        kind = FUNNEL_MARKS[unit.position.value]
        data = (f'data-unit="{_attr(unit.name)}" data-n="{_attr(unit.n)}" '
                f'data-rate="{_attr(unit.rate)}" data-position="{_attr(unit.position.value)}"')
        if kind == "circle":
            out.append(f'<circle class="point" cx="{_num(cx)}" cy="{_num(cy)}" r="3.5" {data}/>')
            continue
        size = 7.0 if unit.position.value.endswith("998") else 5.0
        tip = -size if kind == "triangle" else size
        shape = (f"{_num(cx)},{_num(cy + tip)} {_num(cx - size)},{_num(cy - tip / 2)} "
                 f"{_num(cx + size)},{_num(cy - tip / 2)}")
        out.append(f'<polygon class="point signal" points="{shape}" {data}/>')
        out.append(f'<text class="mark-label" x="{_num(cx + size + 3)}" y="{_num(cy + 3)}">'
                   f"{escape(unit.name)}</text>")
    out.append("</svg>")
    return "\n".join(out)
