"""The command palette's commands: every key binding of the screen, by name, plus global ones."""

from __future__ import annotations

from collections.abc import Iterable
from functools import partial
from typing import Any

from textual.app import App, SystemCommand
from textual.screen import Screen

from core.settings import THEMES
from tui.bindings import tavle_bindings
from tui.host import Host
from tui.lang import tr

PALETTE_ACTIONS = {"command_palette", "app.command_palette"}


def screen_commands(app: App[Any], screen: Screen[Any]) -> Iterable[SystemCommand]:
    """Yield a command for every enabled binding of `screen` (its widgets' and the app's).

    `app` is the Tavle app (a `Host`: the theme commands switch its theme)."""
    assert isinstance(app, Host)
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
