"""What a screen may ask of the app: the open database, the settings, today's date, and a few
app-wide actions.

Screens, dialogs and widgets reach the app through `host(node)`, typed by the `Host` protocol,
never by importing `tui.app` (which imports the screens): the app sits above them all.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Protocol, runtime_checkable

if TYPE_CHECKING:
    from collections.abc import Callable

    from textual.dom import DOMNode

    from core.db.store import Store
    from core.settings import Settings


@runtime_checkable
class Host(Protocol):
    """The Tavle app as its screens see it (`tui.app.TavleApp` is the one implementation)."""

    store: Store
    """The open database."""
    settings: Settings
    """The user's settings (language, name and initials, theme, CPR guard)."""
    demo: bool
    """True when the app runs on the built-in demo in a temporary file."""
    console_host: bool
    """True when the app runs in the Windows console host (`core.terminal.console_host`): no
    bracketed paste, no braille in its fonts."""

    def today(self) -> dt.date:
        """Today's date, as the app was told it (a test passes a fixed one)."""
        ...

    def open_project(self, project_id: str, view: str | None = None) -> None:
        """Open a project's screen (and over it its screen with key `view`, if given)."""
        ...

    def show_history(self, entity: str, record_id: str) -> None:
        """Show a record's history: who changed what and when, from which unit."""
        ...

    def apply_settings(self, settings: Settings) -> None:
        """Use and save new settings."""
        ...

    def set_theme(self, theme: str) -> None:
        """Switch the theme and remember it."""
        ...

    def screen_ready(self) -> None:
        """Tell the app the first screen shows its data."""
        ...

    def write_folders(self, *, quiet: bool = False, scope_id: str | None = None,
                      gap: dt.timedelta | None = None) -> None:
        """Write this unit's file to each shared folder that lacks something (only the
        scope's, not again within `gap`); never raises."""
        ...

    def attempt(self, work: Callable[[], object]) -> None:
        """Run `work` (a save) now; a fault at the database (busy, disk full) is told in a
        dialog that offers to try again, as for every action and dialog answer."""
        ...


def host(node: DOMNode) -> Host:
    """The app that `node` is mounted in, typed as the screens see it."""
    app = node.app
    if not isinstance(app, Host):
        raise TypeError(f"{type(app).__name__} is not a Tavle app")
    return app
