"""The driver diagram drawn left to right, scrolling both ways, with a cursor and folding.

The drawing comes from `tui.drivers.tree_layout` (pure). Arrows move the cursor: left to
the parent, right to the first child, up and down to the box above or below in the same
column; Home goes to the aim, End to the last box; `f` folds or unfolds the focused branch.
The screen reads `focused` and is told of moves by `DriverTree.CursorMoved`.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from rich.style import Style
from textual.binding import Binding, BindingType
from textual.geometry import Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip

from tui.bindings import translate_bindings
from tui.drivers.tree_layout import TreeItem, TreeLayout, box_width_for, draw_tree
from tui.widgets.canvas import Canvas
from tui.widgets.canvas_strips import canvas_strips

STYLE_NAMES = ("box", "aim", "adopted", "abandoned", "line", "focus")


class DriverTree(ScrollView, can_focus=True):
    """The aim, drivers and change ideas as boxes joined by lines, with a focused box."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("left", "cursor('left')", "driver.keys.left", show=False, id="driver_tree.left"),
        Binding("right", "cursor('right')", "driver.keys.right", show=False,
                id="driver_tree.right"),
        Binding("up", "cursor('up')", "driver.keys.up", show=False, id="driver_tree.up"),
        Binding("down", "cursor('down')", "driver.keys.down", show=False, id="driver_tree.down"),
        Binding("home", "cursor('home')", "driver.keys.home", show=False, id="driver_tree.home"),
        Binding("end", "cursor('end')", "driver.keys.end", show=False, id="driver_tree.end"),
        Binding("f", "fold", "driver.keys.fold", id="driver_tree.fold"),
    ]

    COMPONENT_CLASSES: ClassVar[set[str]] = {f"driver-tree--{name}" for name in STYLE_NAMES}

    DEFAULT_CSS = """
    DriverTree {
        height: 1fr;
        background: $surface;
    }
    DriverTree > .driver-tree--box { color: $text; }
    DriverTree > .driver-tree--aim { color: $text; text-style: bold; }
    DriverTree > .driver-tree--adopted { color: $text-success; text-style: bold; }
    DriverTree > .driver-tree--abandoned { color: $text-muted; }
    DriverTree > .driver-tree--line { color: $text-muted; }
    DriverTree > .driver-tree--focus { text-style: bold reverse; }
    """

    class CursorMoved(Message):
        """The focused box changed."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        translate_bindings(self)
        self.items: dict[str, TreeItem] = {}
        self.root: str | None = None
        self.focused: str | None = None
        self.folded: set[str] = set()
        self.box_styles: dict[str, str] = {}
        self.notes: dict[str, str] = {}
        self.geometry: TreeLayout | None = None
        self.canvas: Canvas | None = None
        self._strips: list[Strip] = []
        self.fold_note = "+{count}"

    # -- what is shown --------------------------------------------------------------------

    def show(self, items: Sequence[TreeItem], root: str, *, focus: str | None = None,
             styles: dict[str, str] | None = None) -> None:
        """Draw the tree under `root`, focusing `focus` (else keep the focused box if it is
        still there, else the root)."""
        self.items = {item.id: item for item in items}
        self.root = root
        self.box_styles = styles or {}
        self.folded &= set(self.items)
        wanted = focus or self.focused
        self.focused = wanted if wanted in self.items else root
        self._reveal(self.focused)
        self._redraw()

    def parent_of(self, node_id: str) -> str | None:
        """The node's parent in the drawing."""
        return next((item.id for item in self.items.values() if node_id in item.children),
                    None)

    def hidden_count(self, node_id: str) -> int:
        """How many boxes the node's branch holds under it."""
        count, stack = 0, list(self.items[node_id].children)
        while stack:
            current = stack.pop()
            if current in self.items:
                count += 1
                stack.extend(self.items[current].children)
        return count

    def _reveal(self, node_id: str | None) -> None:
        """Unfold every ancestor of a node, so it is drawn."""
        while node_id is not None:
            node_id = self.parent_of(node_id)
            if node_id is not None:
                self.folded.discard(node_id)

    # -- drawing ----------------------------------------------------------------------------

    def _redraw(self) -> None:
        if self.root is None or self.root not in self.items:
            self.geometry, self.canvas, self._strips = None, None, []
            self.virtual_size = Size(0, 0)
            self.refresh()
            return
        notes = {n: self.fold_note.format(count=self.hidden_count(n)) for n in self.folded}
        width = box_width_for(self.scrollable_content_region.width or 80)
        self.geometry, self.canvas = draw_tree(
            list(self.items.values()), self.root, width, folded=frozenset(self.folded),
            focus=self.focused, styles=self.box_styles, notes=notes)
        styles = {name: self.get_component_rich_style(f"driver-tree--{name}")
                  for name in STYLE_NAMES}
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
        return self._strips[index].crop_extend(scroll_x, scroll_x + width, self.rich_style)

    def _scroll_to_focus(self) -> None:
        geometry = self.geometry
        if geometry is None or self.focused not in geometry.boxes:
            return
        box = geometry.boxes[self.focused]
        width = self.scrollable_content_region.width
        height = self.scrollable_content_region.height
        x, y = self.scroll_x, self.scroll_y
        left, right = max(0, box.x - 6), box.x + box.width + 1
        if left < x:
            x = left
        elif right > x + width:
            x = right - width
        if box.y < y:
            y = box.y
        elif box.y + box.height > y + height:
            y = min(box.y, box.y + box.height - height)
        self.scroll_to(x=x, y=y, animate=False)

    def on_resize(self) -> None:
        self._redraw()

    # -- moving the cursor and folding ------------------------------------------------------

    def _drawn(self) -> list[str]:
        return self.geometry.order if self.geometry else []

    def action_cursor(self, where: str) -> None:
        """Move to the parent, the first child, the box above or below, the aim or the end."""
        drawn, here = self._drawn(), self.focused
        if here is None or not drawn:
            return
        target: str | None = None
        if where == "left":
            target = self.parent_of(here)
        elif where == "right":
            kids = [k for k in self.items[here].children if k in drawn]
            target = kids[0] if kids else None
        elif where in ("up", "down"):
            column = [n for n in drawn if self.items[n].column == self.items[here].column]
            index = column.index(here) + (1 if where == "down" else -1)
            target = column[index] if 0 <= index < len(column) else None
        elif where == "home":
            target = self.root
        elif where == "end":
            target = drawn[-1]
        if target is not None and target != here:
            self.focused = target
            self._redraw()
            self.post_message(self.CursorMoved())

    def action_fold(self) -> None:
        """Fold the focused branch away, or unfold it."""
        here = self.focused
        if here is None or not self.items[here].children:
            return
        if here in self.folded:
            self.folded.discard(here)
        else:
            self.folded.add(here)
        self._redraw()
        self.post_message(self.CursorMoved())
