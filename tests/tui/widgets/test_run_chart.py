"""The chart drawn with plotext, read as text: its size, its markers, its lines and gaps."""

from __future__ import annotations

import dataclasses

import plotext

from core.measures.qic import Chart, periods, qic
from tui.widgets.run_chart import (
    ANNOTATION,
    EXCLUDED,
    POINT,
    PREVIEW,
    SIGNAL,
    TARGET,
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


def test_each_parts_lines_carry_their_values_at_its_right_end() -> None:
    before = [24.0, 22, 25, 23, 26, 21, 24, 25, 22, 23, 24, 26]
    after = [14.0, 13, 15, 14, 12, 15, 13, 14, 16, 13]
    chart = qic(periods(before + after), chart=Chart.I, parts=[len(before)])
    data = ChartData.of(chart, [f"u{i}" for i in range(22)])
    lines = _text(data, 80, 16)
    last = chart.parts[-1]
    # the last part's centre and limits in the margin right of the plot, one decimal finer
    # than the axis, each on its line's row
    for value in (last.centre, last.lcl, last.ucl):
        assert value is not None
        text = _comma(value, 1)
        rows = [line for line in lines if line.rstrip().endswith(" " + text)]
        assert len(rows) == 1, (text, lines)
    # the values never take a point's cell: every point marker is still drawn
    assert sum(line.count(POINT) + line.count(SIGNAL) for line in lines) == 22
    plain = _text(dataclasses.replace(data, values=False), 80, 16)
    assert not any(line.rstrip().endswith(_comma(last.centre or 0, 1)) for line in plain)


def test_varying_limits_are_labelled_with_the_last_points_values() -> None:
    chart = qic(periods([3.0, 5, 4, 6, 5, 4, 6, 5], [20, 30, 25, 40, 35, 30, 50, 60]),
                chart=Chart.P)
    data = ChartData.of(chart, [str(i) for i in range(8)], percent=True)
    text = "\n".join(_text(data, 80, 18))
    ucl = chart.points[-1].ucl
    assert ucl is not None
    assert f"{_comma(ucl * 100, 1)} %" in text


def test_no_values_without_room_and_the_chart_stays_whole_at_80_by_24() -> None:
    chart = qic(periods([20.0, 22, 21, 23, 20, 22, 21, 23, 22, 21, 30, 21]), chart=Chart.I)
    data = ChartData.of(chart, [f"u{i}" for i in range(12)])
    low = _text(data, 80, 6)  # 4 rows of values: no room
    centre = _comma(chart.parts[0].centre or 0, 1)
    assert not any(centre in line for line in low)
    narrow = _text(data, 10, 12)  # the margin would take more than half the plot
    assert not any(centre in line for line in narrow)
    assert all(len(line) == 10 for line in narrow)


def test_a_target_path_slopes_and_a_proposed_centre_line_is_drawn() -> None:
    values = [24.0, 22, 25, 23, 26, 21, 24, 25, 22, 23, 24, 26, 14, 13, 15, 14, 12, 15, 13, 14]
    chart = qic(periods(values), chart=Chart.I)
    split = qic(periods(values), chart=Chart.I, parts=[12])
    path = [26 - i * 0.6 for i in range(20)]
    data = ChartData.of(chart, [str(i) for i in range(20)], targets=path, target=14.6,
                        preview=split, preview_from=12)
    assert data.preview[:12] == [None] * 12 and data.preview[12] == split.parts[1].centre
    lines = _text(data, 80, 20)
    rows = [n for n, line in enumerate(lines) if TARGET in line]
    assert len(rows) > 3  # a sloping line crosses rows
    assert any(PREVIEW in line for line in lines)
    flat = _text(ChartData.of(chart, [str(i) for i in range(20)], target=14.6), 80, 20)
    assert len([line for line in flat if TARGET in line]) == 1
