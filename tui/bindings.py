"""Key bindings whose descriptions are catalog keys, translated when a screen is built."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace

from textual.binding import ActiveBinding, Binding
from textual.dom import DOMNode
from textual.screen import Screen

from tui.lang import tr


def translate_bindings(node: DOMNode) -> None:
    """Replace the catalog keys in `node`'s binding descriptions and tooltips with text.

    Textual copies a class's bindings into each instance, so this changes only this node.
    """
    bindings = node._bindings.key_to_bindings
    for key, entries in list(bindings.items()):
        bindings[key] = [_translated(binding) for binding in entries]


def _translated(binding: Binding) -> Binding:
    description = tr(binding.description) if binding.description else ""
    tooltip = tr(binding.tooltip) if binding.tooltip else ""
    return replace(binding, description=description, tooltip=tooltip)


def tavle_bindings(screen: Screen[object]) -> Iterator[ActiveBinding]:
    """The enabled bindings of `screen` that Tavle declared (with an id), once per action.

    These are what the help screen lists and the command palette offers; Textual's own
    widget bindings (cursor moves in an input) are left out.
    """
    seen: set[str] = set()
    for active in screen.active_bindings.values():
        binding = active.binding
        if binding.id is None or not binding.description or not active.enabled:
            continue
        if binding.action in seen:
            continue
        seen.add(binding.action)
        yield active
