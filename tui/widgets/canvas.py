"""A drawing as a grid of one-cell characters, each with a style name: pure, so a test can read
the drawing as text.

The swimlane map (tui/workflow/swimlane_layout.py) and the driver diagram
(tui/drivers/tree_layout.py) draw their boxes and lines into a `Canvas`; `canvas_strips`
(tui/widgets/canvas_strips.py) turns it into styled lines on the screen. Every character drawn
must be one cell wide, or the columns after it shift: `clean` makes typed text so.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass


def clean(text: str) -> str:
    """One line of text whose every character is one cell wide (others become "?")."""
    out = []
    for char in " ".join(text.split()):
        wide = unicodedata.east_asian_width(char) in ("W", "F")
        out.append("?" if wide or unicodedata.category(char).startswith("C") else char)
    return "".join(out)


@dataclass
class Canvas:
    """A grid of one-cell characters, each with a style name ("" for the plain style)."""

    width: int
    height: int

    def __post_init__(self) -> None:
        self.chars = [[" "] * self.width for _ in range(self.height)]
        self.styles = [[""] * self.width for _ in range(self.height)]

    def put(self, x: int, y: int, text: str, style: str = "") -> None:
        """Write text from (x, y) to the right (cut at the edge)."""
        for offset, char in enumerate(text):
            if 0 <= x + offset < self.width and 0 <= y < self.height:
                self.chars[y][x + offset] = char
                self.styles[y][x + offset] = style

    def lines(self) -> list[str]:
        """The drawing as plain text lines."""
        return ["".join(row) for row in self.chars]
