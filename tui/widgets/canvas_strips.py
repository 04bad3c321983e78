"""Turning a drawn canvas (characters and a style name per cell) into Textual strips.

The swimlane map and the driver diagram draw into a `Canvas` (tui/widgets/canvas.py) and show
it line by line in a `ScrollView`.
"""

from __future__ import annotations

from rich.segment import Segment
from rich.style import Style
from textual.strip import Strip

from tui.widgets.canvas import Canvas


def canvas_strips(canvas: Canvas, styles: dict[str, Style]) -> list[Strip]:
    """Every line of the canvas as a strip, a segment per run of one style."""
    return [
        _strip(chars, names, styles)
        for chars, names in zip(canvas.chars, canvas.styles, strict=True)
    ]


def _strip(chars: list[str], names: list[str], styles: dict[str, Style]) -> Strip:
    segments: list[Segment] = []
    start = 0
    for index in range(1, len(chars) + 1):
        if index == len(chars) or names[index] != names[start]:
            segments.append(Segment("".join(chars[start:index]), styles[names[start]]))
            start = index
    return Strip(segments, len(chars))
