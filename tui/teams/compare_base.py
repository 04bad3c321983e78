"""What the comparisons across an organisation's teams share (benchmarks, alerts, capacity): the
organisation's header and undo (`OrgScreenBase`), Esc back, and a reload when another screen
wrote while this one was covered, or another window wrote."""

from __future__ import annotations

from tui.teams.base import OrgScreenBase


class TeamCompareScreen(OrgScreenBase):
    """A screen over an organisation's teams. Subclasses define `reload()`."""

    def __init__(self, org_id: str) -> None:
        super().__init__(org_id)
        self._seen: int | None = None
        """The store's generation this screen has shown: when it was last resumed, or when
        another screen covered it."""

    def reload(self) -> None:
        """Read the data again and show it."""

    def on_screen_suspend(self) -> None:
        self._seen = self.store.generation

    def on_screen_resume(self) -> None:
        """Back from another screen or dialog, or another window wrote: read again if anything
        was written meanwhile."""
        if self._seen is not None and self._seen != self.store.generation:
            self.reload()
        self._seen = self.store.generation

    def action_back(self) -> None:
        self.app.pop_screen()
