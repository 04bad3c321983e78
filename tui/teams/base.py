"""What every screen of an organisation of teams shares: its id, the header (organisation ·
screen) and the undo and redo of the edits made on it."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, ClassVar

from textual.binding import Binding, BindingType

from core.db import changelog
from tui.screens.base import TavleScreen

if TYPE_CHECKING:
    pass


class OrgScreenBase(TavleScreen):
    """A screen inside one organisation of teams. Subclasses call `set_header(...)`."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+z", "undo", "teams.keys.undo", show=False, id="teams.undo"),
        Binding("ctrl+y", "redo", "teams.keys.redo", show=False, id="teams.redo"),
    ]

    def __init__(self, org_id: str) -> None:
        super().__init__()
        self.org_id = org_id


    @property
    def today(self) -> dt.date:
        """The app's date (a test's): what an export names its file by."""
        return self.tavle.today()

    def set_header(self, screen_name: str) -> None:
        """Title: the organisation's name; subtitle: the screen's name."""
        from core.models import Organisation

        self.title = changelog.load(self.store, Organisation, self.org_id).name
        self.sub_title = screen_name

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "undo":
            return self.undo_log.can_undo or None
        if action == "redo":
            return self.undo_log.can_redo or None
        return True
