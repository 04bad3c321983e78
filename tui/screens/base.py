"""What every Tavle screen shares: translated key bindings, a help text, header and footer."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from textual.binding import Binding, BindingType
from textual.screen import Screen

from tui.bindings import translate_bindings

if TYPE_CHECKING:
    from core.store import Store
    from tui.app import TavleApp


class TavleScreen(Screen[None]):
    """A full screen of the app. `HELP` names the catalog key of its help text."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("f1,question_mark", "app.help", "keys.help", id="screen.help"),
    ]

    HELP: ClassVar[str] = "help.app"
    """Catalog key: what the screen is for, in one or two sentences from the method."""

    def __init__(self) -> None:
        super().__init__()
        translate_bindings(self)

    @property
    def tavle(self) -> TavleApp:
        """The app, typed."""
        from tui.app import TavleApp

        assert isinstance(self.app, TavleApp)
        return self.app

    @property
    def store(self) -> Store:
        """The open database."""
        return self.tavle.store
