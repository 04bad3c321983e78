"""Tick boxes whose state shows without colour: `[x]` ticked, `[ ]` not ticked.

Textual draws a `Checkbox` and each line of a `SelectionList` as `▐X▌` whether ticked or not,
told apart only by colour – unreadable on a washed-out projector and for colour-blind eyes.
`TickBox` and `TickList` draw `[x]` / `[ ]` instead (the colour stays as a second signal), and
the phase checklist and every other tick in Tavle use the same marks (`tick_mark`).

Why ASCII and not ☐ / ☑: Consolas, the Windows console's default font, has no glyphs for the
ballot boxes (U+2610, U+2611); the classic console shows them as empty rectangles, and terminals
that fall back to another font may draw them one or two cells wide. Brackets render the same in
every font at every size.
"""

from __future__ import annotations

from rich.segment import Segment
from rich.style import Style
from textual.content import Content
from textual.strip import Strip
from textual.widgets import Checkbox, OptionList, SelectionList
from textual.widgets.option_list import OptionDoesNotExist
from textual.widgets.selection_list import SelectionType

TICKED = "[x]"
UNTICKED = "[ ]"


def tick_mark(ticked: bool) -> str:
    """The mark in front of a ticked or unticked line."""
    return TICKED if ticked else UNTICKED


class TickBox(Checkbox):
    """A checkbox that shows `[x]` or `[ ]`."""

    @property
    def _button(self) -> Content:
        return Content.styled(tick_mark(self.value), self.get_visual_style("toggle--button"))


class TickList(SelectionList[SelectionType]):
    """A list to tick several lines in, each line starting with `[x]` or `[ ]`."""

    def render_line(self, y: int) -> Strip:
        line = OptionList.render_line(self, y)
        _, scroll_y = self.scroll_offset
        index = scroll_y + y
        try:
            selection = self.get_option_at_index(index)
        except OptionDoesNotExist:
            return line
        component = "selection-list--button"
        if selection.value in self._selected:
            component += "-selected"
        if self.highlighted == index:
            component += "-highlighted"
        underlying = next(iter(line)).style or self.rich_style
        button = self.get_component_rich_style(component)
        # Only the mark's colour comes from the button style: its background is the line's.
        mark_style = underlying + Style(color=button.bgcolor, bold=True)
        mark_style += Style(meta={"option": index})
        return Strip([
            Segment(tick_mark(selection.value in self._selected), style=mark_style),
            Segment(" ", style=underlying),
            *line,
        ])
