"""What every Tavle screen shares: translated key bindings, a help text, header and footer."""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import TYPE_CHECKING, ClassVar

from textual.binding import Binding, BindingType
from textual.css.query import NoMatches
from textual.screen import Screen

from tui.bindings import drop_bindings, translate_bindings
from tui.host import Host, host
from tui.lang import tr

if TYPE_CHECKING:
    from core.db.store import Store
    from core.db.undo import Edit, UndoLog


class TavleScreen(Screen[None]):
    """A full screen of the app. `HELP` names the catalog key of its help text."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("f1,question_mark", "app.help", "keys.help", id="screen.help"),
        Binding("H", "history", "history.keys.open", id="screen.history"),
    ]

    HELP: ClassVar[str] = "help.app"
    """Catalog key: what the screen is for, in one or two sentences from the method."""

    def __init_subclass__(cls, **kwargs: object) -> None:
        """A screen's `check_action` may look at its widgets; asked before they are composed
        (a key typed while the screen opens, the footer refreshing), it says "not now" instead
        of ending the app with a traceback."""
        super().__init_subclass__(**kwargs)  # type: ignore[arg-type]
        own = cls.__dict__.get("check_action")
        if own is None:
            return

        @functools.wraps(own)
        def guarded(self: Screen[None], action: str,
                    parameters: tuple[object, ...]) -> bool | None:
            try:
                result: bool | None = own(self, action, parameters)
            except NoMatches:
                return False
            return result

        setattr(cls, "check_action", guarded)  # noqa: B010 – replacing the method itself

    def __init__(self) -> None:
        super().__init__()
        translate_bindings(self)
        if not self.names_records():
            drop_bindings(self, "history")
        self._undo_log: UndoLog | None = None

    @property
    def undo_log(self) -> UndoLog:
        """This screen's undo and redo stacks (edits made on it go through this log)."""
        if self._undo_log is None:
            from core.db.undo import UndoLog

            self._undo_log = UndoLog(self.store)
        return self._undo_log

    @property
    def tavle(self) -> Host:
        """The app, as a screen sees it."""
        return host(self)

    def discard_then(
        self, dirty: bool, then: Callable[[], object], question: str | None = None
    ) -> None:
        """Run `then` (leave, close an editor) at once, or after asking when typed text that is
        not saved would be lost."""
        if not dirty:
            then()
            return

        def answered(discard: bool | None) -> None:
            if discard:
                then()

        from tui.dialogs.confirm import ConfirmDialog

        self.app.push_screen(
            ConfirmDialog(question or tr("dialog.discard_question"), yes=tr("dialog.discard")),
            answered,
        )

    @property
    def store(self) -> Store:
        """The open database."""
        return self.tavle.store

    # -- a record's history and undo ---------------------------------------------------------------

    def history_record(self) -> tuple[str, str] | None:
        """The record under the cursor as (entity, record id), whose history `H` shows; None
        when nothing is focused. A screen that shows records names its focused one here; a
        screen that does not override this has no `H`."""
        return None

    @classmethod
    def names_records(cls) -> bool:
        """Whether this screen names a focused record for `H` (it overrides `history_record`)."""
        return cls.history_record is not TavleScreen.history_record

    def action_history(self) -> None:
        """Show the focused record's history (H), or say how to focus one."""
        record = self.history_record()
        if record is None:
            self.notify(tr("history.nothing_focused"), markup=False)
            return
        self.tavle.show_history(*record)

    def after_undo(self, edits: list[Edit]) -> None:
        """Show the data again after an undo or redo (screens that keep a cursor override)."""
        reload = getattr(self, "reload", None)
        if reload is not None:
            reload()

    def action_undo(self) -> None:
        """Undo the last change made on this screen (ctrl+z); the message names `H` where the
        screen has it."""
        edits = self.undo_log.undo()
        if edits:
            self.after_undo(edits)
        done = "undo.undone_history" if self.names_records() else "undo.undone"
        self.notify(tr(done if edits else "undo.nothing"), markup=False)

    def action_redo(self) -> None:
        """Do the last undone change again (ctrl+y)."""
        edits = self.undo_log.redo()
        if edits:
            self.after_undo(edits)
        done = "undo.redone_history" if self.names_records() else "undo.redone"
        self.notify(tr(done if edits else "undo.nothing_to_redo"), markup=False)
