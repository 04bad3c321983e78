"""Where a swimlane drawing puts things, and the drawing as text: pure, so a test can check it.

Lanes are rows, each `ROW_HEIGHT` lines (a box and one line between lanes); the lane's name
sits in a fixed-width column at the left. Steps run left to right across the whole map, each
in its own column, in its lane's row. Between two consecutive steps an arrow runs in the gap
before the later step's box: straight ("────►") in one lane; where the flow changes lane it
leaves the box, turns down or up in the middle of the gap, and enters the next box from the
left ("══╗ ║ ╚═►"). A handover (core.workflow.maps.handover_flags) is drawn with double lines, an
ordinary flow with single ones. Because every gap carries one arrow only and no box stands
in a gap, arrows never cross boxes or each other.

Every glyph is in WGL4 (the fonts of a locked-down Windows PC have them) and one cell wide.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from core.models import StepSymbol
from tui.widgets.canvas import Canvas, clean, wrap

BOX_WIDTH = 18
BOX_HEIGHT = 6
"""Border, three lines of text, the symbol and duration line, border."""
TEXT_LINES = 3
GAP = 5
"""Columns between two boxes, where the arrow runs."""
ROW_HEIGHT = BOX_HEIGHT + 1
LABEL_WIDTH = 14
"""The lane name column, its border included."""
MID = 2
"""The line of a box (from its top) where arrows leave and enter."""

MARKERS: dict[StepSymbol, str] = {
    StepSymbol.TASK: "□",
    StepSymbol.DECISION: "◊",
    StepSymbol.IT_SYSTEM: "■",
    StepSymbol.CITIZEN_CONTACT: "☺",
    StepSymbol.HANDOVER: "↔",
    StepSymbol.WAITING: "○",
}
"""The short marker of each symbol, shown in the box and explained by the legend."""


@dataclass(frozen=True)
class Box:
    """Where one step's box goes."""

    step: int
    lane: int
    x: int
    y: int
    width: int = BOX_WIDTH
    height: int = BOX_HEIGHT

    def overlaps(self, other: Box) -> bool:
        """Whether two boxes share a cell."""
        return (self.x < other.x + other.width and other.x < self.x + self.width
                and self.y < other.y + other.height and other.y < self.y + self.height)


@dataclass(frozen=True)
class Arrow:
    """The arrow from one step to the next: its cells as (x, y, glyph)."""

    start: int
    handover: bool
    cells: tuple[tuple[int, int, str], ...]


@dataclass(frozen=True)
class MapLayout:
    """A whole drawing's geometry."""

    width: int
    height: int
    lanes: int
    boxes: tuple[Box, ...]
    arrows: tuple[Arrow, ...]

    def lane_top(self, lane: int) -> int:
        """The first line of a lane's row."""
        return lane * ROW_HEIGHT


def layout(step_lanes: Sequence[int], lanes: int, handovers: Sequence[bool]) -> MapLayout:
    """Place the boxes of steps (given by the index of their lane) and the arrows between."""
    boxes = tuple(
        Box(index, lane, LABEL_WIDTH + 1 + index * (BOX_WIDTH + GAP), lane * ROW_HEIGHT)
        for index, lane in enumerate(step_lanes)
    )
    arrows = tuple(
        _arrow(boxes[i], boxes[i + 1], handovers[i]) for i in range(len(boxes) - 1)
    )
    width = LABEL_WIDTH + 1 + len(boxes) * (BOX_WIDTH + GAP)
    return MapLayout(width, max(lanes, 1) * ROW_HEIGHT, lanes, boxes, arrows)


def _arrow(start: Box, end: Box, handover: bool) -> Arrow:
    x0, y0, y1 = start.x + start.width, start.y + MID, end.y + MID
    flat, upright = ("═", "║") if handover else ("─", "│")
    if y0 == y1:
        cells = [(x0 + i, y0, flat) for i in range(GAP - 1)] + [(x0 + GAP - 1, y0, "►")]
        return Arrow(start.step, handover, tuple(cells))
    down = y1 > y0
    turn = x0 + 2
    corners = ("╗", "╚") if handover and down else ("╝", "╔") if handover else (
        ("┐", "└") if down else ("┘", "┌"))
    cells = [(x0, y0, flat), (x0 + 1, y0, flat), (turn, y0, corners[0])]
    step = 1 if down else -1
    cells += [(turn, y, upright) for y in range(y0 + step, y1, step)]
    cells += [(turn, y1, corners[1]), (turn + 1, y1, flat), (turn + 2, y1, "►")]
    return Arrow(start.step, handover, tuple(cells))


# -- the drawing as lines of text --------------------------------------------------------------


def box_lines(text: str, marker: str, duration: str, kpi: str, width: int = BOX_WIDTH
              ) -> list[str]:
    """The inside of a box: the text wrapped at spaces on three lines (… when cut), then the
    marker, the duration and the KPI mark."""
    inner = width - 2
    lines = wrap(clean(text), inner, TEXT_LINES)
    lines += [""] * (TEXT_LINES - len(lines))
    bottom = f"{marker} {clean(duration)}"
    if kpi:
        room = inner - len(kpi) - 1
        bottom = bottom[:room].ljust(room) + " " + kpi
    return [line.ljust(inner)[:inner] for line in [*lines, bottom]]


def lane_label(name: str, height: int = BOX_HEIGHT) -> list[str]:
    """The lane's name wrapped at spaces into the label column (cut with … when too long)."""
    inner = LABEL_WIDTH - 2
    lines = wrap(clean(name), inner, height)
    return [line.ljust(inner) for line in lines]


def draw_box(canvas: Canvas, box: Box, inside: list[str], *, focused: bool, style: str) -> None:
    """Draw one box: a double border and the focus style when focused, else single lines."""
    h, v, corners = ("═", "║", "╔╗╚╝") if focused else ("─", "│", "┌┐└┘")
    inner = box.width - 2
    canvas.put(box.x, box.y, corners[0] + h * inner + corners[1], style)
    for row, line in enumerate(inside, start=1):
        canvas.put(box.x, box.y + row, v, style)
        canvas.put(box.x + 1, box.y + row, line, style)
        canvas.put(box.x + box.width - 1, box.y + row, v, style)
    canvas.put(box.x, box.y + box.height - 1, corners[2] + h * inner + corners[3], style)


def draw_map(
    lane_names: Sequence[str],
    steps: Sequence[tuple[int, str, StepSymbol, str, bool]],
    handovers: Sequence[bool],
    *,
    focus_step: int | None = None,
    focus_lane: int | None = None,
    kpi_mark: str = "KPI",
) -> tuple[MapLayout, Canvas]:
    """Draw a map: lanes by name, steps as (lane index, text, symbol, duration, kpi).

    Style names: "label" and "label_focus" for lane names, "rule" for the lines between lanes,
    "arrow" and "handover" for arrows, "box", "kpi" and "focus" for boxes.
    """
    geometry = layout([s[0] for s in steps], len(lane_names), handovers)
    canvas = Canvas(geometry.width, geometry.height)
    for lane, name in enumerate(lane_names):
        top = geometry.lane_top(lane)
        focused = focus_lane == lane and focus_step is None
        style = "label_focus" if focused else "label"
        for row, line in enumerate(lane_label(name)):
            canvas.put(0, top + row, ("►" if focused and row == 0 else " ") + line, style)
        for row in range(ROW_HEIGHT):
            canvas.put(LABEL_WIDTH - 1, top + row, "│", "rule")
        canvas.put(0, top + BOX_HEIGHT, "─" * (LABEL_WIDTH - 1) + "┼", "rule")
        canvas.put(LABEL_WIDTH, top + BOX_HEIGHT, "─" * (geometry.width - LABEL_WIDTH), "rule")
    for arrow in geometry.arrows:
        for x, y, glyph in arrow.cells:
            canvas.put(x, y, glyph, "handover" if arrow.handover else "arrow")
    for box, (_, text, symbol, duration, kpi) in zip(geometry.boxes, steps, strict=True):
        focused = box.step == focus_step
        inside = box_lines(text, MARKERS[symbol], duration, kpi_mark if kpi else "")
        draw_box(canvas, box, inside, focused=focused,
                 style="focus" if focused else "kpi" if kpi else "box")
    return geometry, canvas
