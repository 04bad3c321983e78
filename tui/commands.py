"""The command palette's commands: every key binding of the screen, by name, plus global ones."""

from __future__ import annotations

from collections.abc import Iterable
from functools import partial
from typing import TYPE_CHECKING

from textual.app import SystemCommand
from textual.screen import Screen

from core.settings import THEMES
from tui.bindings import tavle_bindings
from tui.lang import tr

if TYPE_CHECKING:
    from tui.app import TavleApp

PALETTE_ACTIONS = {"command_palette", "app.command_palette"}


def screen_commands(app: TavleApp, screen: Screen[object]) -> Iterable[SystemCommand]:
    """Yield a command for every enabled binding of `screen` (its widgets' and the app's)."""
    for node, binding, keys in tavle_bindings(screen):
        if binding.action in PALETTE_ACTIONS:
            continue
        run = partial(app.call_later, app.run_action, binding.action, node)
        yield SystemCommand(binding.description, tr("palette.key", key=" / ".join(keys)), run)
    for theme in THEMES:
        yield SystemCommand(
            tr("palette.theme", theme=tr(f"theme.{theme}")), tr("palette.theme_help"),
            partial(app.set_theme, theme),
        )
