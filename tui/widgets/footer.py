"""The footer of every Tavle screen: as many whole keys as fit, the screen's main keys first.

Textual's footer lays every key out in one row and lets the row run off the right edge, under
the command palette's key: at 80 columns a key is cut in the middle of its label ("p Portefølj"),
the last ones are not there at all, and a letter of a key under the palette's shows after
"^p Kommandoer". `TavleFooter` shows the keys in the order the screen declares them, the keys
every screen shares (Esc, help, capture an idea, copy the table) after the screen's own, and
leaves out whole the keys that do not fit. What it leaves out is still in the
help screen (F1) and the command palette, whose key is always shown at the right.
"""

from __future__ import annotations

from collections.abc import Iterator

from rich.cells import cell_len
from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import Footer
from textual.widgets._footer import FooterKey

SHARED_LAST = frozenset({"screen.history", "screen.help", "project.capture_idea", "table.copy"})
"""Ids of the keys every screen (or every table) has: shown after the screen's own keys."""
BACK_KEY = "escape"
"""Esc goes back one step on every screen (ui-conventions.md): shown after the screen's own
keys too, whatever the screen calls it."""


def shared(binding: Binding) -> bool:
    """Whether `binding` is one of the keys every screen has, shown after a screen's own."""
    return binding.id in SHARED_LAST or binding.key == BACK_KEY


def key_width(key_display: str, description: str) -> int:
    """Columns a compact footer key takes: the key, a space and its label."""
    return cell_len(key_display) + (1 + cell_len(description) if description else 0)


class TavleFooter(Footer):
    """A compact footer that shows whole keys only: the screen's main keys first, as many as
    fit beside the palette's key; the rest are in F1 help and the palette."""

    def __init__(self) -> None:
        super().__init__(compact=True)
        self._laid_out_for = 0

    def _shown_bindings(self) -> list[tuple[Binding, bool, str]]:
        """The bindings to show, one per action, the shared ones last (the palette's apart)."""
        palette_key = self.app.COMMAND_PALETTE_BINDING
        per_action: dict[str, tuple[Binding, bool, str]] = {}
        for key, (_node, binding, enabled, tooltip) in self.screen.active_bindings.items():
            if binding.show and key != palette_key:
                per_action.setdefault(binding.action, (binding, enabled, tooltip))
        shown = list(per_action.values())
        return ([b for b in shown if not shared(b[0])]
                + [b for b in shown if shared(b[0])])

    def _palette_key(self) -> FooterKey | None:
        if not (self.show_command_palette and self.app.ENABLE_COMMAND_PALETTE):
            return None
        active = self.screen.active_bindings.get(self.app.COMMAND_PALETTE_BINDING)
        if active is None:
            return None
        _node, binding, enabled, _tooltip = active
        return FooterKey(
            binding.key, self.app.get_key_display(binding), binding.description,
            binding.action, classes="-command-palette", disabled=not enabled,
            tooltip=binding.tooltip or binding.description,
        )

    def compose(self) -> ComposeResult:
        if not self._bindings_ready:
            return
        width = self.size.width or self.app.size.width
        self._laid_out_for = width
        palette = self._palette_key()
        if palette is not None:
            # its left border, the key and label, and a column of room before it
            width -= 2 + key_width(palette.key_display, palette.description)
        yield from self._keys_that_fit(width)
        if palette is not None:
            yield palette

    def _keys_that_fit(self, width: int) -> Iterator[FooterKey]:
        used = 0
        for binding, enabled, tooltip in self._shown_bindings():
            display = self.app.get_key_display(binding)
            needed = key_width(display, binding.description) + (1 if used else 0)
            if used + needed > width:
                break  # the keys shown are always the first ones, never a later short one
            used += needed
            yield FooterKey(
                binding.key, display, binding.description, binding.action,
                disabled=not enabled, tooltip=tooltip,
            ).data_bind(compact=Footer.compact)

    def on_resize(self, event: events.Resize) -> None:
        if self._bindings_ready and event.size.width != self._laid_out_for:
            self.call_after_refresh(self.recompose)
