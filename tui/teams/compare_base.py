"""What the comparisons across an organisation's teams share (benchmarks, alerts, capacity): the
organisation's header and undo (`OrgScreenBase`), Esc back, and a reload when another screen
wrote while this one was covered."""

from __future__ import annotations

from tui.teams.base import OrgScreenBase


class TeamCompareScreen(OrgScreenBase):
    """A screen over an organisation's teams. Subclasses define `reload()`."""

    def __init__(self, org_id: str) -> None:
        super().__init__(org_id)
        self._away: int | None = None

    def reload(self) -> None:
        """Read the data again and show it."""

    def on_screen_suspend(self) -> None:
        self._away = self.store.generation

    def on_screen_resume(self) -> None:
        """Back from another screen or dialog: read again if anything was written meanwhile."""
        if self._away is not None and self._away != self.store.generation:
            self.reload()
        self._away = None

    def action_back(self) -> None:
        self.app.pop_screen()
