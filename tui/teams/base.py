"""What every screen of an organisation of teams shares: its id, the header (organisation ·
screen) and the undo and redo of the edits made on it."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, ClassVar

from textual.binding import Binding, BindingType

from core.db import changelog
from tui.lang import tr
from tui.screens.base import TavleScreen, show_history

if TYPE_CHECKING:
    from core.db.undo import Edit


class OrgScreenBase(TavleScreen):
    """A screen inside one organisation of teams. Subclasses call `set_header(...)`."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+z", "undo", "teams.keys.undo", show=False, id="teams.undo"),
        Binding("ctrl+y", "redo", "teams.keys.redo", show=False, id="teams.redo"),
        Binding("H", "history", "history.keys.open", id="teams.history"),
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

    def after_undo(self, edits: list[Edit]) -> None:
        """Show the data again after an undo or redo."""
        reload = getattr(self, "reload", None)
        if reload is not None:
            reload()

    def history_record(self) -> tuple[str, str] | None:
        """The record under the cursor as (entity, record id), whose history `H` shows; None
        when nothing is focused. Screens that list records name theirs."""
        return None

    def action_history(self) -> None:
        """Show the focused record's history (H), or say how to focus one."""
        show_history(self, self.history_record())

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "undo":
            return self.undo_log.can_undo or None
        if action == "redo":
            return self.undo_log.can_redo or None
        return True

    def action_undo(self) -> None:
        """Undo the last change made on this screen (ctrl+z)."""
        edits = self.undo_log.undo()
        if edits:
            self.after_undo(edits)
        self.notify(tr("undo.undone_history" if edits else "undo.nothing"), markup=False)

    def action_redo(self) -> None:
        """Do the last undone change again (ctrl+y)."""
        edits = self.undo_log.redo()
        if edits:
            self.after_undo(edits)
        self.notify(tr("undo.redone_history" if edits else "undo.nothing_to_redo"), markup=False)
