"""Key bindings whose descriptions are catalog keys, translated when a screen is built."""

from __future__ import annotations

import sys
from dataclasses import replace
from typing import Any

from textual.actions import parse
from textual.binding import Binding
from textual.dom import DOMNode
from textual.keys import KEY_NAME_REPLACEMENTS, key_to_character
from textual.screen import Screen
from textual.widget import Widget

from tui.lang import tr

_KEY_NAMES = {short: long for long, short in KEY_NAME_REPLACEMENTS.items()}
"""Textual's short key names back to the Unicode names they replace ("slash" → "solidus")."""


def typing_character(key: str) -> str | None:
    """The character a key types, if it types one: letters, digits, punctuation, space and
    shifted letters ("a", "G", "shift+g", "question_mark", "slash", "space"); None for keys that
    type nothing ("ctrl+s", "escape", "enter", "tab", "f1", "delete", arrows)."""
    modifier, _, name = key.rpartition("+")
    if modifier not in ("", "shift"):
        return None
    character = key_to_character(_KEY_NAMES.get(name, name))
    if character is None or len(character) != 1 or not character.isprintable():
        return None
    return character.upper() if modifier == "shift" else character


def takes_text(widget: Widget | None) -> bool:
    """Whether `widget` is a field the user types text into: an `Input`, a `TextArea` that is
    not read-only, or any widget that says so with a true `TAKES_TEXT` attribute."""
    if widget is None:
        return False
    from textual.widgets import Input  # here, not at start-up: TextArea is slow to import

    if isinstance(widget, Input):
        return True
    if is_text_area(widget):
        return not getattr(widget, "read_only", False)
    return bool(getattr(widget, "TAKES_TEXT", False))


def is_text_area(widget: Widget | None) -> bool:
    """Whether `widget` is a TextArea (imported only once one exists: it is slow to import)."""
    if widget is None or "textual.widgets._text_area" not in sys.modules:
        return False
    from textual.widgets import TextArea

    return isinstance(widget, TextArea)


def typed_into_field(focused: Widget | None, key: str) -> bool:
    """Whether `key`, pressed with `focused` having the focus, is text for that field and never
    a shortcut: a key that types a character, while a text field has the focus."""
    return takes_text(focused) and typing_character(key) is not None


def translate_bindings(node: DOMNode) -> None:
    """Replace the catalog keys in `node`'s binding descriptions and tooltips with text.

    Textual copies a class's bindings into each instance, so this changes only this node.
    """
    bindings = node._bindings.key_to_bindings
    for key, entries in list(bindings.items()):
        bindings[key] = [_translated(binding) for binding in entries]


def drop_bindings(node: DOMNode, action: str) -> None:
    """Take the bindings of `action` off `node` (this node only), for a key its class declares
    that this screen has no use for: shown in no footer, help or palette."""
    bindings = node._bindings.key_to_bindings
    for key, entries in list(bindings.items()):
        kept = [binding for binding in entries if binding.action != action]
        if kept:
            bindings[key] = kept
        else:
            del bindings[key]


def _translated(binding: Binding) -> Binding:
    description = tr(binding.description) if binding.description else ""
    tooltip = tr(binding.tooltip) if binding.tooltip else ""
    return replace(binding, description=description, tooltip=tooltip)


def tavle_bindings(screen: Screen[Any]) -> list[tuple[DOMNode, Binding, list[str]]]:
    """The enabled bindings Tavle declared (with an id) for `screen`: node, binding, all its keys.

    These are what the help screen lists and the command palette offers: the focused widgets'
    and the screen's and app's own, including a screen key that a focused widget shadows (Enter
    on a table still opens the row). Textual's own widget bindings (no id) are left out. A
    binding declared with several keys ("f2,r") is listed once, with every key.
    """
    found: dict[str, tuple[DOMNode, Binding, list[str]]] = {}
    candidates = [(a.node, a.binding) for a in screen.active_bindings.values()]
    for owner in (screen, screen.app):
        candidates += [(owner, b) for _key, b in owner._bindings]
    for node, binding in candidates:
        if binding.id is None or not binding.description:
            continue
        key = screen.app.get_key_display(binding)
        if binding.id in found:
            keys = found[binding.id][2]
            if key not in keys:
                keys.append(key)
            continue
        namespace, name, params = parse(binding.action)
        target = screen.app if namespace == "app" else node
        if target.check_action(name, params) is False:
            continue
        found[binding.id] = (node, binding, [key])
    return list(found.values())
