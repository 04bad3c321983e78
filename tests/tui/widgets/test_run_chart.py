"""The chart drawn with plotext, read as text: its size, its markers, its lines and gaps."""

from __future__ import annotations

import plotext

from core.measures.qic import Chart, periods, qic
from tui.widgets.run_chart import (
    ANNOTATION,
    EXCLUDED,
    POINT,
    SIGNAL,
    ChartData,
    ChartPoint,
    draw,
    present_runs,
    stretches,
)


def _comma(value: float, decimals: int) -> str:
    return f"{value:.{decimals}f}".replace(".", ",")


def _text(data: ChartData, width: int = 80, height: int = 20) -> list[str]:
    text: str = plotext.uncolorize(draw(data, width, height, _comma))
    return text.removesuffix("\n").split("\n")


def test_the_chart_fills_its_size_and_writes_numbers_the_languages_way() -> None:
    chart = qic(periods([1.25, 1.5, 1.25, 1.75, 1.5, 1.25]), chart=Chart.I)
    lines = _text(ChartData.of(chart, [f"u{i}" for i in range(1, 7)]), 60, 12)
    assert len(lines) == 12 and {len(line) for line in lines} == {60}
    assert any("1,5┤" in line or "1,50┤" in line for line in lines)
    assert "u1" in lines[-1] and "└" in lines[-2]


def test_each_kind_of_point_has_its_own_marker_and_plain_ones_need_room() -> None:
    points = [ChartPoint(5.0, cl=5.0), ChartPoint(9.0, cl=5.0, state="signal"),
              ChartPoint(None, cl=5.0), ChartPoint(4.0, cl=5.0, state="excluded"),
              ChartPoint(6.0, cl=5.0)]
    data = ChartData(points, ["a", "b", "c", "d", "e"], limits=False)
    text = "\n".join(_text(data))
    assert SIGNAL in text and EXCLUDED in text and POINT in text
    assert text.count(SIGNAL) == 1 and text.count(EXCLUDED) == 1
    narrow = "\n".join(_text(data, width=10, height=8))  # 8 columns for 5 points
    assert SIGNAL in narrow and EXCLUDED in narrow and POINT not in narrow


def test_lines_step_per_part_and_break_at_a_missing_period() -> None:
    assert present_runs([1.0, None, 2.0, 3.0, None]) == [range(0, 1), range(2, 4)]
    assert stretches([1.0, 1.0, 2.0, None, 2.0, 2.0], [0, 0, 0, 0, 0, 1]) == [
        (0, 1, 1.0), (2, 2, 2.0), (4, 4, 2.0), (5, 5, 2.0)]


def test_limits_warning_lines_target_and_marks_are_drawn_when_asked() -> None:
    chart = qic(periods([20.0, 22, 21, 23, 20, 22, 21, 23, 22, 21, 30, 21]), chart=Chart.I)
    ticks = [f"u{i}" for i in range(1, 13)]
    plain = "\n".join(_text(ChartData.of(chart, ticks)))
    assert "╌" in plain and "┈" not in plain and "═" not in plain and ANNOTATION not in plain
    full = _text(ChartData.of(chart, ticks, target=19.0, marks=[(6, "1")],
                              warning_lines=True, title="MR"))
    text = "\n".join(full)
    assert "┈" in text and "═" in text and ANNOTATION in text
    assert "1" in full[0] and "MR" in full[0]  # the marks' numbers above the plot
