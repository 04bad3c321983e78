"""A workflow map drawn as a swimlane diagram that scrolls both ways and has a cursor.

The drawing comes from `tui.workflow.swimlane_layout` (pure); this widget turns it into styled
lines, keeps the lane names fixed at the left while the steps scroll, and moves a cursor:
left/right along the flow, up/down to the nearest step in the lane above or below (or onto
the lane's name when that lane has no steps), Home onto the focused step's lane name, End to
the last step. The screen reads `focused_step` / `focused_lane` and is told of moves by
`SwimlaneView.CursorMoved`.
"""

from __future__ import annotations

from typing import ClassVar

from rich.style import Style
from textual.binding import Binding, BindingType
from textual.geometry import Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip

from core.models import Lane, Step
from core.workflow.maps import MapView, handover_flags
from tui.bindings import translate_bindings
from tui.widgets.canvas import Canvas
from tui.widgets.canvas_strips import canvas_strips
from tui.workflow.swimlane_layout import (
    GAP,
    LABEL_WIDTH,
    ROW_HEIGHT,
    MapLayout,
    draw_map,
)

STYLE_NAMES = ("label", "label_focus", "rule", "arrow", "handover", "box", "kpi", "focus")


class SwimlaneView(ScrollView, can_focus=True):
    """A map's lanes and steps as boxes and arrows, with a focused step (or lane)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("left", "cursor(-1, 0)", "workflow.keys.left", show=False, id="swimlane.left"),
        Binding("right", "cursor(1, 0)", "workflow.keys.right", show=False,
                id="swimlane.right"),
        Binding("up", "cursor(0, -1)", "workflow.keys.up", show=False, id="swimlane.up"),
        Binding("down", "cursor(0, 1)", "workflow.keys.down", show=False, id="swimlane.down"),
        Binding("home", "lane_name", "workflow.keys.first", show=False, id="swimlane.home"),
        Binding("end", "last", "workflow.keys.last", show=False, id="swimlane.end"),
    ]

    COMPONENT_CLASSES: ClassVar[set[str]] = {f"swimlane--{name}" for name in STYLE_NAMES}

    DEFAULT_CSS = """
    SwimlaneView {
        height: 1fr;
        background: $surface;
    }
    SwimlaneView > .swimlane--label { text-style: bold; }
    SwimlaneView > .swimlane--label_focus { text-style: bold reverse; }
    SwimlaneView > .swimlane--rule { color: $text-muted; }
    SwimlaneView > .swimlane--arrow { color: $text; }
    SwimlaneView > .swimlane--handover { color: $text-warning; text-style: bold; }
    SwimlaneView > .swimlane--box { color: $text; }
    SwimlaneView > .swimlane--kpi { color: $text-success; text-style: bold; }
    SwimlaneView > .swimlane--focus { text-style: bold reverse; }
    """

    class CursorMoved(Message):
        """The focused step or lane changed."""

    def __init__(self, *, kpi_mark: str = "KPI", id: str | None = None) -> None:
        super().__init__(id=id)
        translate_bindings(self)
        self.kpi_mark = kpi_mark
        self.view: MapView | None = None
        self.step_index: int | None = None
        """The focused step's position in the flow; None when a lane name is focused."""
        self.lane_index = 0
        self.geometry: MapLayout | None = None
        self.canvas: Canvas | None = None
        self._strips: list[Strip] = []
        self._shown = False

    # -- what is focused ------------------------------------------------------------------

    @property
    def focused_step(self) -> Step | None:
        """The focused step, or None (no steps, or a lane name is focused)."""
        if self.view is None or self.step_index is None:
            return None
        return self.view.steps[self.step_index]

    @property
    def focused_lane(self) -> Lane | None:
        """The focused step's lane, or the focused lane name."""
        if self.view is None or not self.view.lanes:
            return None
        return self.view.lanes[self.lane_index]

    def show(self, view: MapView | None, *, step_id: str | None = None,
             lane_id: str | None = None) -> None:
        """Draw a map, focusing a step (by id) or a lane (by id); else keep the position."""
        self.view = view
        steps = view.steps if view else ()
        lanes = view.lanes if view else ()
        index = view.step_index(step_id) if view and step_id else -1
        if index >= 0:
            self.step_index = index
        elif lane_id and view and view.lane_index(lane_id) >= 0:
            self.step_index, self.lane_index = None, view.lane_index(lane_id)
        elif self.step_index is not None and steps:
            self.step_index = min(self.step_index, len(steps) - 1)
        elif steps and not self._shown:
            self.step_index = 0
        else:
            self.step_index = None
        if not steps:
            self.step_index = None
        if self.step_index is not None and view:
            self.lane_index = view.lane_index(steps[self.step_index].lane_id)
        self.lane_index = max(0, min(self.lane_index, len(lanes) - 1))
        self._shown = self._shown or bool(steps)
        self._redraw()

    # -- drawing ----------------------------------------------------------------------------

    def _redraw(self) -> None:
        view = self.view
        if view is None or not view.lanes:
            self.geometry, self.canvas, self._strips = None, None, []
            self.virtual_size = Size(0, 0)
            self.refresh()
            return
        steps = [(view.lane_index(s.lane_id), s.text, s.symbol, s.duration, s.kpi)
                 for s in view.steps]
        self.geometry, self.canvas = draw_map(
            [lane.name for lane in view.lanes], steps, handover_flags(view.steps),
            focus_step=self.step_index, focus_lane=self.lane_index, kpi_mark=self.kpi_mark,
        )
        styles = {name: self.get_component_rich_style(f"swimlane--{name}") for name in
                  STYLE_NAMES}
        styles[""] = Style()
        self._strips = canvas_strips(self.canvas, styles)
        self.virtual_size = Size(self.canvas.width, self.canvas.height)
        self.refresh()
        self.call_after_refresh(self._scroll_to_focus)

    def lines(self) -> list[str]:
        """The whole drawing as plain text (what a test reads)."""
        return self.canvas.lines() if self.canvas else []

    def render_line(self, y: int) -> Strip:
        scroll_x, scroll_y = self.scroll_offset
        width = self.scrollable_content_region.width
        index = y + scroll_y
        if index >= len(self._strips):
            return Strip.blank(width, self.rich_style)
        strip = self._strips[index]
        fixed = min(LABEL_WIDTH, width)
        left = strip.crop_extend(0, fixed, self.rich_style)
        right = strip.crop_extend(fixed + scroll_x, scroll_x + width, self.rich_style)
        return Strip.join([left, right])

    def _scroll_to_focus(self) -> None:
        geometry = self.geometry
        if geometry is None:
            return
        width = self.scrollable_content_region.width - LABEL_WIDTH
        height = self.scrollable_content_region.height
        if self.step_index is not None and self.step_index < len(geometry.boxes):
            box = geometry.boxes[self.step_index]
            left, right = box.x - LABEL_WIDTH - 1, box.x - LABEL_WIDTH + box.width + GAP
            top, bottom = box.y, box.y + ROW_HEIGHT
        else:
            left, right = 0, 0
            top = geometry.lane_top(self.lane_index)
            bottom = top + ROW_HEIGHT
        x, y = self.scroll_x, self.scroll_y
        if left < x:
            x = max(0, left)
        elif right > x + width:
            x = right - width
        if top < y:
            y = top
        elif bottom > y + height:
            y = min(top, bottom - height)
        self.scroll_to(x=x, y=y, animate=False)

    def on_resize(self) -> None:
        self.call_after_refresh(self._scroll_to_focus)

    # -- moving the cursor --------------------------------------------------------------------

    def action_cursor(self, along: int, across: int) -> None:
        """Move along the flow (left/right) or to the lane above/below (up/down)."""
        view = self.view
        if view is None or not view.lanes:
            return
        if along:
            self._along(along)
        else:
            self._across(across)
        self._moved()

    def _along(self, delta: int) -> None:
        assert self.view is not None
        steps = self.view.steps
        if self.step_index is None:
            if delta > 0 and steps:
                in_lane = [i for i, s in enumerate(steps)
                           if s.lane_id == self.view.lanes[self.lane_index].id]
                self.step_index = in_lane[0] if in_lane else 0
        elif 0 <= self.step_index + delta < len(steps):
            self.step_index += delta
        elif delta < 0:
            self.step_index = None  # left of the first step: its lane's name
        if self.step_index is not None:
            self.lane_index = self.view.lane_index(steps[self.step_index].lane_id)

    def _across(self, delta: int) -> None:
        assert self.view is not None
        target = self.lane_index + delta
        if not 0 <= target < len(self.view.lanes):
            return
        self.lane_index = target
        if self.step_index is None:
            return
        lane_id = self.view.lanes[target].id
        in_lane = [i for i, s in enumerate(self.view.steps) if s.lane_id == lane_id]
        if in_lane:
            here = self.step_index
            self.step_index = min(in_lane, key=lambda i: (abs(i - here), i < here))
        else:
            self.step_index = None

    def action_lane_name(self) -> None:
        """Focus the name of the focused step's lane (to rename, delete or move the lane)."""
        if self.view and self.view.lanes:
            self.step_index = None
            self._moved()

    def action_last(self) -> None:
        """Focus the last step."""
        if self.view and self.view.steps:
            self.step_index = len(self.view.steps) - 1
            self.lane_index = self.view.lane_index(self.view.steps[-1].lane_id)
            self._moved()

    def _moved(self) -> None:
        self._redraw()
        self.post_message(self.CursorMoved())
