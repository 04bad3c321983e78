"""A drawing as a grid of one-cell characters, each with a style name: pure, so a test can read
the drawing as text.

The swimlane map (tui/workflow/swimlane_layout.py) and the driver diagram
(tui/drivers/tree_layout.py) draw their boxes and lines into a `Canvas`; `canvas_strips`
(tui/widgets/canvas_strips.py) turns it into styled lines on the screen. Every character drawn
must be one cell wide, or the columns after it shift: `clean` makes typed text so.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

_AFTER_HYPHEN = re.compile(r"(?<=\w-)(?=\w)")
"""Where a word may break: after a hyphen between two letters ("Sundheds-og" -> "Sundheds-")."""


def clean(text: str) -> str:
    """One line of text whose every character is one cell wide (others become "?")."""
    out = []
    for char in " ".join(text.split()):
        wide = unicodedata.east_asian_width(char) in ("W", "F")
        out.append("?" if wide or unicodedata.category(char).startswith("C") else char)
    return "".join(out)


def wrap(text: str, width: int, max_lines: int | None = None) -> list[str]:
    """`text` on lines of at most `width` characters, broken at spaces and after a hyphen inside
    a word, never inside a word that fits on a line. A word longer than a line starts on a line
    of its own and is broken with a hyphen at the end of each full line ("opfølgningssam-",
    "tale"). After `max_lines` lines the rest is cut and the last line ends in "…". Always at
    least one line ("" for no text)."""
    lines: list[str] = []
    line = ""
    for word in text.split():
        for index, piece in enumerate(_AFTER_HYPHEN.split(word)):
            joined = f"{line} {piece}" if index == 0 and line else line + piece
            if len(joined) <= width:
                line = joined
                continue
            if line:
                lines.append(line)
            step = width - 1 if width > 1 else 1
            while len(piece) > width:
                lines.append(piece[:step] + ("-" if width > 1 else ""))
                piece = piece[step:]
            line = piece
    lines.append(line)
    return cut(lines, width, max_lines)


def cut(lines: Sequence[str], width: int, max_lines: int | None) -> list[str]:
    """The first `max_lines` of `lines`, the last of them ending in "…" when any were left out
    (its end shortened to make room)."""
    if max_lines is None or len(lines) <= max_lines:
        return list(lines)
    kept = list(lines[:max_lines])
    kept[-1] = kept[-1][: width - 1].rstrip() + "…"
    return kept


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
