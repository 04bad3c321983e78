"""Where a driver diagram's boxes go, and the drawing as text: pure, so a test can check it.

Columns run left to right: the aim, primary drivers, secondary drivers, change ideas. A node's
box stands at the top of its block; its children's blocks are stacked under each other, one
blank line apart, starting on the node's own top line, so the line from a node to its first
child is straight. The connecting line leaves a box on its first inside line, runs into the
gap, turns down a trunk in the gap's middle ("┬", "├", "└") and enters each child's box from
the left ("►"). Each block owns its rows, and a trunk lies in a gap no box stands in, so lines
never cross boxes or each other. A folded node hides its branch and says how many boxes it
holds in its bottom border. Box-drawing glyphs and markers are one cell wide.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from tui.widgets.canvas import Canvas, clean, cut, wrap

GAP = 5
"""Columns between two box columns, where the connecting lines run."""
MARGIN = 1
"""Columns left of the aim's box."""
MIN_WIDTH, MAX_WIDTH = 20, 30
"""The narrowest and widest box."""
COLUMNS = 4


@dataclass(frozen=True)
class TreeItem:
    """A node as the drawing needs it: its column, short label and the lines inside its box."""

    id: str
    column: int
    label: str
    lines: tuple[str, ...]
    """The node's text before wrapping: each entry starts a new line and wraps to the box."""
    extra: tuple[str, ...] = ()
    """Lines after the text (goals, state, roll-up, links, measures), each wrapped to at most
    `extra_lines`."""
    children: tuple[str, ...] = ()
    max_lines: int = 6
    """At most this many lines of text (the last one ends with … when cut)."""
    extra_lines: int = 2


@dataclass(frozen=True)
class NodeBox:
    """Where one node's box goes."""

    id: str
    x: int
    y: int
    width: int
    height: int

    def overlaps(self, other: NodeBox) -> bool:
        """Whether two boxes share a cell."""
        return (self.x < other.x + other.width and other.x < self.x + self.width
                and self.y < other.y + other.height and other.y < self.y + self.height)

    @property
    def link_row(self) -> int:
        """The line where connecting lines leave and enter."""
        return self.y + 1


@dataclass
class TreeLayout:
    """A whole drawing's geometry."""

    width: int
    height: int
    box_width: int
    boxes: dict[str, NodeBox] = field(default_factory=dict)
    lines: list[tuple[int, int, str]] = field(default_factory=list)
    """The connecting lines' cells as (x, y, glyph)."""
    order: list[str] = field(default_factory=list)
    """The drawn boxes in reading order (top to bottom, parents before children)."""


def box_width_for(screen_width: int) -> int:
    """The box width that fits four columns into the width, within MIN_WIDTH..MAX_WIDTH."""
    fit = (screen_width - MARGIN - (COLUMNS - 1) * GAP) // COLUMNS
    return max(MIN_WIDTH, min(MAX_WIDTH, fit))


def _wrapped(entries: Sequence[str], inner: int, limit: int) -> list[str]:
    lines = [line for entry in entries for line in wrap(clean(entry), inner)]
    return cut(lines, inner, limit)


def inside_lines(item: TreeItem, width: int) -> list[str]:
    """The lines inside a box: the text wrapped and cut with … after `max_lines`, then each
    extra line (wrapped, cut after `extra_lines`)."""
    inner = width - 4
    lines = _wrapped(item.lines, inner, item.max_lines)
    for entry in item.extra:
        lines += _wrapped([entry], inner, item.extra_lines)
    return [line.ljust(inner)[:inner] for line in lines or [""]]


def layout(items: Sequence[TreeItem], root: str, box_width: int,
           folded: frozenset[str] = frozenset()) -> tuple[TreeLayout, dict[str, list[str]]]:
    """Place the boxes of the tree under `root` (folded nodes' branches left out) and the
    lines between them. Returns the geometry and each drawn box's inside lines."""
    by_id = {item.id: item for item in items}
    geometry = TreeLayout(0, 0, box_width)
    insides: dict[str, list[str]] = {}

    def place(node_id: str, top: int) -> int:
        item = by_id[node_id]
        inside = inside_lines(item, box_width)
        insides[node_id] = inside
        x = MARGIN + item.column * (box_width + GAP)
        box = NodeBox(node_id, x, top, box_width, len(inside) + 2)
        geometry.boxes[node_id] = box
        geometry.order.append(node_id)
        kids = [] if node_id in folded else [k for k in item.children if k in by_id]
        y = top
        child_boxes: list[NodeBox] = []
        for kid in kids:
            height = place(kid, y)
            child_boxes.append(geometry.boxes[kid])
            y += height + 1
        if child_boxes:
            _connect(geometry, box, child_boxes)
        return max(box.height, y - 1 - top if kids else 0)

    if root in by_id:
        height = place(root, 0)
        geometry.height = height
        right = max(b.x + b.width for b in geometry.boxes.values())
        geometry.width = right + MARGIN
    return geometry, insides


def _connect(geometry: TreeLayout, parent: NodeBox, children: list[NodeBox]) -> None:
    start = parent.x + parent.width
    trunk = start + 2
    row = parent.link_row
    geometry.lines += [(start, row, "─"), (start + 1, row, "─")]
    last = children[-1].link_row
    for child in children:
        y = child.link_row
        if len(children) == 1:
            glyph = "─"
        elif y == row:
            glyph = "┬"
        elif y == last:
            glyph = "└"
        else:
            glyph = "├"
        geometry.lines.append((trunk, y, glyph))
        geometry.lines += [(x, y, "─") for x in range(trunk + 1, child.x - 1)]
        geometry.lines.append((child.x - 1, y, "►"))
    rows = {c.link_row for c in children}
    geometry.lines += [(trunk, y, "│") for y in range(row + 1, last) if y not in rows]


def draw_box(canvas: Canvas, box: NodeBox, label: str, inside: list[str], *, focused: bool,
             style: str, bottom_note: str = "") -> None:
    """One box: the label in the top border, a double border when focused, and a note (the
    hidden count of a folded branch) in the bottom border."""
    h, v, corners = ("═", "║", "╔╗╚╝") if focused else ("─", "│", "┌┐└┘")
    inner = box.width - 2
    top = f"{h} {clean(label)} "[:inner].ljust(inner, h)
    canvas.put(box.x, box.y, corners[0] + top + corners[1], style)
    for row, line in enumerate(inside, start=1):
        canvas.put(box.x, box.y + row, v, style)
        canvas.put(box.x + 1, box.y + row, f" {line} ", style)
        canvas.put(box.x + box.width - 1, box.y + row, v, style)
    bottom = f"{h} {clean(bottom_note)} "[:inner].ljust(inner, h) if bottom_note else h * inner
    canvas.put(box.x, box.y + box.height - 1, corners[2] + bottom + corners[3], style)


def draw_tree(items: Sequence[TreeItem], root: str, box_width: int, *,
              folded: frozenset[str] = frozenset(), focus: str | None = None,
              styles: dict[str, str] | None = None,
              notes: dict[str, str] | None = None) -> tuple[TreeLayout, Canvas]:
    """Draw the tree. `styles` names each box's style ("box" when not given; "focus" for the
    focused box), `notes` the bottom-border note of a box. Lines have the style "line"."""
    geometry, insides = layout(items, root, box_width, folded)
    canvas = Canvas(max(geometry.width, 1), max(geometry.height, 1))
    for x, y, glyph in geometry.lines:
        canvas.put(x, y, glyph, "line")
    labels = {item.id: item.label for item in items}
    for node_id, box in geometry.boxes.items():
        focused = node_id == focus
        style = "focus" if focused else (styles or {}).get(node_id, "box")
        draw_box(canvas, box, labels[node_id], insides[node_id], focused=focused, style=style,
                 bottom_note=(notes or {}).get(node_id, ""))
    return geometry, canvas
